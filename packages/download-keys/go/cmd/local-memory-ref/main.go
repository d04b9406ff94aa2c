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
