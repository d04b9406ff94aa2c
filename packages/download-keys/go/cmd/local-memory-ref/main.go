// Command local-memory-ref is the reference CLI, shaped like the product binary's license and
// download commands. The secret comes from $DOWNLOAD_SECRET or the file named by
// $DOWNLOAD_SECRET_FILE, never from the command line.
//
//	local-memory-ref license generate --session-id cs_test_…   [--json]
//	local-memory-ref license validate KEY [--session-id S]      [--json]
//	local-memory-ref download hash --window W --platform P      [--json]
//	local-memory-ref download window [--at UNIX]                [--json]
//	local-memory-ref batch                                      (JSON lines on stdin, see README.md)
//
// Exit codes: 0 success / valid, 1 invalid or failed, 2 usage.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	dk "localmemory.co/downloadkeys"
)

const minSecretLength = 32

const usage = `usage:
  local-memory-ref license generate --session-id ID [--json]
  local-memory-ref license validate KEY [--session-id ID] [--json]
  local-memory-ref download hash --window W --platform P [--json]
  local-memory-ref download window [--at UNIX_SECONDS] [--json]
  local-memory-ref batch   < cases.jsonl
The secret is read from $DOWNLOAD_SECRET or the file named by $DOWNLOAD_SECRET_FILE (32+ characters).
Exit codes: 0 valid/ok, 1 invalid/failed, 2 usage.`

type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], env{os.Getenv, os.Stdin, os.Stdout, os.Stderr, time.Now}))
}

func run(args []string, e env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(e.stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	var code int
	var err error
	switch {
	case len(args) >= 2 && args[0] == "license" && args[1] == "generate":
		code, err = licenseGenerate(args[2:], e)
	case len(args) >= 2 && args[0] == "license" && args[1] == "validate":
		code, err = licenseValidate(args[2:], e)
	case len(args) >= 2 && args[0] == "download" && args[1] == "hash":
		code, err = downloadHash(args[2:], e)
	case len(args) >= 2 && args[0] == "download" && args[1] == "window":
		code, err = downloadWindow(args[2:], e)
	case args[0] == "batch":
		code, err = batch(e)
	default:
		err = usageError{fmt.Sprintf("unknown command %q", strings.Join(args, " "))}
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "local-memory-ref: %s\n%s\n", ue.msg, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "local-memory-ref: %s\n", err)
		return 1
	}
	return code
}

// parse accepts flags before or after positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func secret(e env) (string, error) {
	value := e.getenv("DOWNLOAD_SECRET")
	if file := e.getenv("DOWNLOAD_SECRET_FILE"); value == "" && file != "" {
		raw, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("cannot read DOWNLOAD_SECRET_FILE: %v", err)
		}
		value = strings.TrimRight(string(raw), "\r\n")
	}
	if value == "" {
		return "", errors.New("no secret: set DOWNLOAD_SECRET or DOWNLOAD_SECRET_FILE (never pass it as an argument)")
	}
	if n := utf8.RuneCountInString(value); n < minSecretLength {
		return "", fmt.Errorf("the secret is %d characters long; use at least %d (generate one with `openssl rand -base64 48`)", n, minSecretLength)
	}
	return value, nil
}

func output(e env, asJSON bool, v interface{}, text string) {
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		return
	}
	fmt.Fprintln(e.stdout, text)
}

func licenseGenerate(args []string, e env) (int, error) {
	fs := flag.NewFlagSet("license generate", flag.ContinueOnError)
	session := fs.String("session-id", "", "Stripe Checkout session id")
	asJSON := fs.Bool("json", false, "JSON output")
	rest, err := parse(fs, args)
	if err != nil {
		return 2, err
	}
	if len(rest) != 0 || *session == "" {
		return 2, usageError{"license generate needs --session-id and no other arguments"}
	}
	s, err := secret(e)
	if err != nil {
		return 1, err
	}
	key, err := dk.GenerateLicenseKey(*session, s)
	if err != nil {
		return 1, err
	}
	output(e, *asJSON, map[string]string{"key": key}, key)
	return 0, nil
}

func licenseValidate(args []string, e env) (int, error) {
	fs := flag.NewFlagSet("license validate", flag.ContinueOnError)
	session := fs.String("session-id", "", "Stripe Checkout session id (enables the cryptographic check)")
	asJSON := fs.Bool("json", false, "JSON output")
	rest, err := parse(fs, args)
	if err != nil {
		return 2, err
	}
	if len(rest) != 1 {
		return 2, usageError{"license validate needs exactly one KEY"}
	}
	key := rest[0]
	problems := dk.ValidateFormat(key)
	result := map[string]interface{}{"formatValid": len(problems) == 0, "problems": problems}
	valid := len(problems) == 0
	if *session != "" {
		s, err := secret(e)
		if err != nil {
			return 1, err
		}
		match, err := dk.VerifyLicenseKey(key, *session, s)
		if err != nil {
			return 1, err
		}
		result["matchesSession"] = match
		valid = valid && match
	}
	result["valid"] = valid
	text := "valid"
	if !valid {
		text = "invalid: " + strings.Join(problems, ", ")
		if len(problems) == 0 {
			text = "invalid: the key was not issued for this session id with this secret"
		}
	}
	output(e, *asJSON, result, text)
	if valid {
		return 0, nil
	}
	return 1, nil
}

func downloadHash(args []string, e env) (int, error) {
	fs := flag.NewFlagSet("download hash", flag.ContinueOnError)
	window := fs.Int64("window", -1, "time window")
	platform := fs.String("platform", "", "macos, windows, linux or universal")
	asJSON := fs.Bool("json", false, "JSON output")
	rest, err := parse(fs, args)
	if err != nil {
		return 2, err
	}
	if len(rest) != 0 || *window < 0 || *platform == "" {
		return 2, usageError{"download hash needs --window W (>= 0) and --platform P"}
	}
	s, err := secret(e)
	if err != nil {
		return 1, err
	}
	hash, err := dk.DownloadHash(s, *window, *platform)
	if err != nil {
		return 1, err
	}
	tail, _ := dk.ObjectTail(s, *window, *platform)
	output(e, *asJSON, map[string]interface{}{"window": *window, "platform": *platform, "hash": hash, "s3Key": "downloads/" + tail}, hash)
	return 0, nil
}

func downloadWindow(args []string, e env) (int, error) {
	fs := flag.NewFlagSet("download window", flag.ContinueOnError)
	at := fs.String("at", "", "Unix seconds (default: now)")
	asJSON := fs.Bool("json", false, "JSON output")
	rest, err := parse(fs, args)
	if err != nil {
		return 2, err
	}
	if len(rest) != 0 {
		return 2, usageError{"download window takes no arguments"}
	}
	unix := e.now().Unix()
	if *at != "" {
		unix, err = strconv.ParseInt(*at, 10, 64)
		if err != nil {
			return 2, usageError{"--at must be Unix seconds"}
		}
	}
	w, err := dk.WindowAt(unix)
	if err != nil {
		return 1, err
	}
	exp, _ := dk.LinkExpiresAt(unix)
	output(e, *asJSON, map[string]int64{"window": w, "next": w + 1, "startsAt": w * dk.WindowSeconds, "endsAt": (w + 1) * dk.WindowSeconds, "linkExpiresAt": exp}, strconv.FormatInt(w, 10))
	return 0, nil
}
