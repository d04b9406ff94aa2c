// Command local-memory-ref is the reference CLI, shaped like the product binary's license and
// download commands. The secret comes from $DOWNLOAD_SECRET, or a file named by --secret-file or
// $DOWNLOAD_SECRET_FILE (docs/algorithms.md, "The configured secret"), never from argv.
//
// Exit codes: 0 ok / valid, 1 invalid or failed, 2 usage (unknown command or option, bad
// number, unknown platform).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"time"

	dk "localmemory.co/downloadkeys"
)

const version = "1.0.0"

const usage = `usage: local-memory-ref <command> [options]

commands:
  license generate --session-id ID       the license key for a Checkout session
  license validate KEY [--session-id ID] format check; with --session-id also the key check
  license activate KEY --api URL [--name NAME] --public-key HEX [--kid KID]
                                         activate this machine, write the license file
  license status [--check-revocations]   the license on this machine, offline
                                         (and the signed revocation list, when asked)
  license refresh [--if-due] [--api URL] renew the lease online
  license deactivate [KEY] [--machine ID]
                                         free this machine's seat (or another's)
  download hash --platform P (--window W | --at TIME) [--prefix P]
                                         download hash, file name and S3 key
  download window [--at TIME]            window, its bounds and link expiry
  lease verify --public-key HEX --implicit TEXT [--kid KID] [--signature-only] [--at TIME]
                                         verify the lease on stdin offline, print its claims
  batch < cases.jsonl                    cross-check protocol (see README.md)
  help [COMMAND]                         help for a command

options: --json (machine-readable output), -h/--help, --version.
The secret is read from $DOWNLOAD_SECRET, or the file named by --secret-file or
$DOWNLOAD_SECRET_FILE (not both), at least 32 characters; never from the command line.
Numbers are base 10 only (010, 0x10, 1_0 are rejected). TIME is Unix seconds or RFC 3339.
Exit codes: 0 ok/valid, 1 invalid/failed, 2 usage.`

var help = map[string]string{
	"license": `usage: local-memory-ref license generate --session-id ID [--secret-file PATH] [--json]
       local-memory-ref license validate KEY [--session-id ID] [--secret-file PATH] [--json]
       local-memory-ref license activate KEY --api URL [--name NAME] --public-key HEX [--kid KID]
       local-memory-ref license status [--check-revocations] [--revocations URL]
       local-memory-ref license refresh [--if-due] [--api URL] [--revocations URL]
       local-memory-ref license deactivate [KEY] [--machine ID] [--api URL]`,
	"license activate": `usage: local-memory-ref license activate [KEY] --api URL [--name NAME] --public-key HEX [--kid KID] [--replace]
Asks the licensing API at URL ($LOCAL_MEMORY_API_URL) for a lease for this machine, checks it
offline and writes the license file (0600; the lease, the license id, the API and the keyset,
never the key). KEY may come from $LOCAL_MEMORY_LICENSE_KEY instead. A machine holding a valid
lease is not asked again (--replace asks). Over the limit, lists the machines holding the seats.` + licenseCommonHelp,
	"license status": `usage: local-memory-ref license status [--check-revocations] [--revocations URL] [--json]
Applies the offline rules to the license file without the network: exit 0 when licensed (also
within 14 days of grace after the lease expired, with a warning), 1 when not.
--check-revocations also fetches the signed revocation list once (--revocations URL,
$LOCAL_MEMORY_REVOCATIONS_URL, default <api>/.well-known/local-memory/revocations): a verified
list naming this license is recorded and the license refused; a list that does not verify or is
stale is ignored, and an unreachable one leaves the lease deciding (warnings on stderr).` + licenseCommonHelp,
	"license refresh": `usage: local-memory-ref license refresh [--if-due] [--api URL] [--revocations URL] [--json]
Sends the lease to the API (--api URL, else $LOCAL_MEMORY_API_URL, else the license file's)
for a fresh one. --if-due asks only when the lease is 24 hours old or expired, and keeps a
licensed machine licensed (warning, exit 0) when the API is unreachable. A revoked or
deactivated license (410) is recorded in the license file. With the API unreachable it fetches
the signed revocation list (see status) instead: a verified list naming this license revokes it
(exit 1).` + licenseCommonHelp,
	"license deactivate": `usage: local-memory-ref license deactivate [KEY] [--machine ID] [--api URL] [--json]
Frees this machine's seat and removes its license file, or frees the seat of the machine ID
that activation listed. KEY may come from $LOCAL_MEMORY_LICENSE_KEY; the API is --api URL, else
$LOCAL_MEMORY_API_URL, else the license file's.` + licenseCommonHelp,
	"license generate": `usage: local-memory-ref license generate --session-id ID [--secret-file PATH] [--json]
Prints the license key for a Stripe Checkout session id (needs the secret).`,
	"license validate": `usage: local-memory-ref license validate KEY [--session-id ID] [--secret-file PATH] [--json]
Normalises KEY as a customer pasted it, checks its format and, with --session-id (and the
secret), whether it is that purchase's key. Exit 0 valid, 1 invalid.`,
	"download": `usage: local-memory-ref download hash --platform P (--window W | --at TIME) [--prefix P] [--json]
       local-memory-ref download window [--at TIME] [--json]`,
	"download hash": `usage: local-memory-ref download hash --platform P (--window W | --at TIME) [--prefix P] [--secret-file PATH] [--json]
Prints the download hash; --json adds the file name and the S3 key under --prefix, else
$S3_PREFIX, else "downloads". P is macos, windows, linux or universal.`,
	"download window": `usage: local-memory-ref download window [--at TIME] [--json]
Prints the window at TIME (default now), its bounds and when links issued then expire.`,
	"lease": `usage: local-memory-ref lease verify --public-key HEX --implicit TEXT [--kid KID] [--signature-only] [--at TIME] [--json] < token`,
	"lease verify": `usage: local-memory-ref lease verify --public-key HEX --implicit TEXT [--kid KID] [--signature-only] [--at TIME] [--json] < token
Verifies the lease (PASETO v4.public) on stdin offline with the 32-byte Ed25519 public key
(64 hex characters) and prints its claims as JSON; --signature-only checks only the signature
and prints the payload. Exit 0 valid, 1 invalid (with the code), 2 usage.`,
	"batch": `usage: local-memory-ref batch < cases.jsonl
Reads one JSON case per line and answers one JSON line each (see README.md).`,
}

const licenseCommonHelp = `
Common options: --license-file PATH ($LOCAL_MEMORY_LICENSE_FILE, default
<config dir>/local-memory/license.json), --machine-id-file PATH ($LOCAL_MEMORY_MACHINE_ID_FILE,
default: the OS's own id), --public-key HEX and --kid KID ($LOCAL_MEMORY_LEASE_PUBLIC_KEY,
$LOCAL_MEMORY_LEASE_KID; default: the keyset stored at activation), --json.`

type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	client *http.Client // the licensing API's client (nil: one with apiTimeout)
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// errHelp is returned after a command printed its own help: exit 0.
var errHelp = errors.New("help shown")

func main() {
	os.Exit(run(os.Args[1:], env{getenv: os.Getenv, stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, now: time.Now,
		client: &http.Client{Timeout: apiTimeout}}))
}

func wantsJSON(args []string) bool {
	for _, a := range args {
		if a == "--json" || a == "-json" || a == "--json=true" {
			return true
		}
	}
	return false
}

func run(args []string, e env) int {
	code, err := dispatch(args, e)
	if err == errHelp {
		return 0
	}
	if err == nil {
		return code
	}
	errCode := dk.ErrorCode(err)
	var ue usageError
	if errors.As(err, &ue) {
		code, errCode = 2, "USAGE"
	}
	if wantsJSON(args) {
		writeJSON(e.stdout, map[string]interface{}{"error": map[string]string{"code": errCode, "message": err.Error()}})
	}
	fmt.Fprintf(e.stderr, "local-memory-ref: %s\n", err)
	if code == 2 {
		fmt.Fprintf(e.stderr, "run `local-memory-ref help` for usage\n")
	}
	return code
}

func dispatch(args []string, e env) (int, error) {
	if len(args) == 0 {
		return 2, usageError{"a command is required\n" + usage}
	}
	switch args[0] {
	case "-h", "--help", "-help":
		fmt.Fprintln(e.stdout, usage)
		return 0, nil
	case "--version", "-version":
		fmt.Fprintln(e.stdout, version)
		return 0, nil
	case "help":
		topic := strings.Join(args[1:], " ")
		if topic == "" {
			fmt.Fprintln(e.stdout, usage)
			return 0, nil
		}
		text, ok := help[topic]
		if !ok {
			return 2, usageError{fmt.Sprintf("no help for %q: commands are license generate, license validate, license activate, license status, license refresh, license deactivate, download hash, download window, lease verify, batch", topic)}
		}
		fmt.Fprintln(e.stdout, text)
		return 0, nil
	case "batch":
		fs := newFlagSet("batch", e)
		if _, err := parse(fs, args[1:], 0, e); err != nil {
			return 2, err
		}
		return batch(e)
	case "license", "download", "lease":
		if len(args) < 2 || args[1] == "-h" || args[1] == "--help" || args[1] == "-help" {
			fmt.Fprintln(e.stdout, help[args[0]])
			if len(args) < 2 {
				return 2, usageError{args[0] + " needs a subcommand"}
			}
			return 0, nil
		}
		switch args[0] + " " + args[1] {
		case "license generate":
			return licenseGenerate(args[2:], e)
		case "license validate":
			return licenseValidate(args[2:], e)
		case "license activate":
			return licenseActivate(args[2:], e)
		case "license status":
			return licenseStatus(args[2:], e)
		case "license refresh":
			return licenseRefresh(args[2:], e)
		case "license deactivate":
			return licenseDeactivate(args[2:], e)
		case "download hash":
			return downloadHash(args[2:], e)
		case "download window":
			return downloadWindow(args[2:], e)
		case "lease verify":
			return leaseVerify(args[2:], e)
		}
		return 2, usageError{fmt.Sprintf("unknown command %q", args[0]+" "+args[1])}
	}
	return 2, usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func newFlagSet(name string, e env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// The flag package calls Usage on every parse error; help is printed only when asked for
	// (parse handles flag.ErrHelp), so output under --json stays one JSON object.
	fs.Usage = func() {}
	return fs
}

// parse accepts flags before or after positional arguments and wants exactly n positionals.
// -h/--help prints the command's help and ends the command with exit 0.
func parse(fs *flag.FlagSet, args []string, n int, e env) ([]string, error) {
	positional, err := parseUpTo(fs, args, n, e)
	if err == nil && len(positional) != n {
		return nil, usageError{fmt.Sprintf("%s takes %d argument(s), got %d", fs.Name(), n, len(positional))}
	}
	return positional, err
}

// parseUpTo is parse for commands whose positionals are optional: at most max.
func parseUpTo(fs *flag.FlagSet, args []string, max int, e env) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(e.stdout, help[fs.Name()])
				return nil, errHelp
			}
			return nil, usageError{fs.Name() + ": " + err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	if len(positional) > max {
		return nil, usageError{fmt.Sprintf("%s takes at most %d argument(s), got %d", fs.Name(), max, len(positional))}
	}
	return positional, nil
}

func writeJSON(w io.Writer, v interface{}) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func output(e env, asJSON bool, v interface{}, text string) {
	if asJSON {
		writeJSON(e.stdout, v)
		return
	}
	fmt.Fprintln(e.stdout, text)
}

var rfc3339 = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`)

// parseTime reads --at: canonical base-10 Unix seconds or an RFC 3339 date.
func parseTime(text string, e env) (int64, error) {
	if text == "" {
		return e.now().Unix(), nil
	}
	if rfc3339.MatchString(text) {
		t, err := time.Parse(time.RFC3339Nano, text)
		if err != nil {
			return 0, usageError{fmt.Sprintf("--at is not a real date: %q", text)}
		}
		return t.Unix(), nil
	}
	n, err := dk.ParseSafeUint(text, "--at")
	if err != nil {
		return 0, usageError{"--at must be Unix seconds (base 10) or an RFC 3339 date such as 2025-08-24T00:00:00Z, got " + fmt.Sprintf("%q", text)}
	}
	return n, nil
}

func checkPlatform(platform string) error {
	if _, err := dk.Filename(platform); err != nil {
		return usageError{"--platform " + err.Error()}
	}
	return nil
}

type keyOutput struct {
	LicenseKey string `json:"licenseKey"`
}

func licenseGenerate(args []string, e env) (int, error) {
	fs := newFlagSet("license generate", e)
	session := fs.String("session-id", "", "Stripe Checkout session id")
	secretFile := fs.String("secret-file", "", "file holding the secret")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	if *session == "" {
		return 2, usageError{"license generate needs --session-id cs_…"}
	}
	s, err := dk.ReadConfiguredSecret(e.getenv, *secretFile)
	if err != nil {
		return 1, err
	}
	key, err := dk.GenerateLicenseKey(*session, s)
	if err != nil {
		return 1, err
	}
	output(e, *asJSON, keyOutput{key}, key)
	return 0, nil
}

type validateOutput struct {
	LicenseKey string   `json:"licenseKey"`
	Valid      bool     `json:"valid"`
	Problems   []string `json:"problems"`
	Verified   *bool    `json:"verified,omitempty"`
}

func licenseValidate(args []string, e env) (int, error) {
	fs := newFlagSet("license validate", e)
	session := fs.String("session-id", "", "Stripe Checkout session id (enables the key check)")
	secretFile := fs.String("secret-file", "", "file holding the secret")
	asJSON := fs.Bool("json", false, "JSON output")
	rest, err := parse(fs, args, 1, e)
	if err != nil {
		return 2, err
	}
	key := dk.NormalizeLicenseKey(rest[0])
	problems := dk.ValidateFormat(key)
	result := validateOutput{LicenseKey: key, Valid: len(problems) == 0, Problems: problems}
	if *session != "" && result.Valid {
		s, err := dk.ReadConfiguredSecret(e.getenv, *secretFile)
		if err != nil {
			return 1, err
		}
		match, err := dk.VerifyLicenseKey(key, *session, s)
		if err != nil {
			return 1, err
		}
		result.Verified = &match
		result.Valid = match
	}
	text := "valid"
	switch {
	case result.Verified != nil && !*result.Verified:
		text = "invalid: this is not the key for that purchase"
	case !result.Valid:
		text = "invalid: " + strings.Join(problems, ", ")
	}
	output(e, *asJSON, result, text)
	if result.Valid {
		return 0, nil
	}
	return 1, nil
}

type hashOutput struct {
	TimeWindow   int64  `json:"timeWindow"`
	Platform     string `json:"platform"`
	DownloadHash string `json:"downloadHash"`
	Filename     string `json:"filename"`
	S3Key        string `json:"s3Key"`
}

func downloadHash(args []string, e env) (int, error) {
	fs := newFlagSet("download hash", e)
	windowText := fs.String("window", "", "time window (base 10)")
	at := fs.String("at", "", "Unix seconds or RFC 3339 date")
	platform := fs.String("platform", "", "macos, windows, linux or universal")
	prefix := fs.String("prefix", "", "S3 key prefix (default $S3_PREFIX, else downloads)")
	secretFile := fs.String("secret-file", "", "file holding the secret")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	if *platform == "" {
		return 2, usageError{"download hash needs --platform (macos, windows, linux or universal)"}
	}
	if err := checkPlatform(*platform); err != nil {
		return 2, err
	}
	var window int64
	switch {
	case *windowText != "" && *at != "":
		return 2, usageError{"give --window or --at, not both"}
	case *windowText != "":
		w, err := dk.ParseSafeUint(*windowText, "--window")
		if err != nil {
			return 2, usageError{err.Error()}
		}
		if w > dk.MaxWindow {
			return 2, usageError{fmt.Sprintf("--window must be at most %d, got %d", int64(dk.MaxWindow), w)}
		}
		window = w
	default:
		unix, err := parseTime(*at, e)
		if err != nil {
			return 2, err
		}
		if window, err = dk.TimeWindowAt(unix); err != nil {
			return 2, usageError{"--at " + err.Error()}
		}
	}
	p := *prefix
	if p == "" {
		p = e.getenv("S3_PREFIX")
	}
	if p == "" {
		p = dk.DefaultS3Prefix
	}
	if _, err := dk.NormalizeS3Prefix(p); err != nil {
		return 2, usageError{"--prefix/S3_PREFIX: " + err.Error()}
	}
	s, err := dk.ReadConfiguredSecret(e.getenv, *secretFile)
	if err != nil {
		return 1, err
	}
	hash, err := dk.DownloadHash(s, window, *platform)
	if err != nil {
		return 1, err
	}
	key, _ := dk.S3Key(s, window, *platform, p)
	name, _ := dk.Filename(*platform)
	output(e, *asJSON, hashOutput{window, *platform, hash, name, key}, hash)
	return 0, nil
}

type windowOutput struct {
	TimeWindow           int64    `json:"timeWindow"`
	WindowStart          int64    `json:"windowStart"`
	WindowEnd            int64    `json:"windowEnd"`
	ExpiresAt            int64    `json:"expiresAt"`
	UploadWindows        [2]int64 `json:"uploadWindows"`
	OldestRetainedWindow int64    `json:"oldestRetainedWindow"`
}

func downloadWindow(args []string, e env) (int, error) {
	fs := newFlagSet("download window", e)
	at := fs.String("at", "", "Unix seconds or RFC 3339 date (default: now)")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	unix, err := parseTime(*at, e)
	if err != nil {
		return 2, err
	}
	w, err := dk.TimeWindowAt(unix)
	if err != nil {
		return 2, usageError{"--at " + err.Error()}
	}
	start, end, _ := dk.WindowBounds(w)
	exp, _ := dk.LinkExpiresAt(unix)
	out := windowOutput{w, start, end, exp, [2]int64{w, w + 1}, dk.OldestRetainedWindow(w)}
	iso := func(s int64) string { return time.Unix(s, 0).UTC().Format(time.RFC3339) }
	text := fmt.Sprintf("window           %d\nstarts           %s\nends             %s\nupload windows   %d, %d\noldest retained  %d\nlinks valid to   %s",
		w, iso(start), iso(end), w, w+1, out.OldestRetainedWindow, iso(exp))
	output(e, *asJSON, out, text)
	return 0, nil
}
