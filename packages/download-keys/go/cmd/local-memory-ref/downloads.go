// `download hash` and `download window`: the download hash, file name and S3 key of a platform
// in a window, and the window at a moment.

package main

import (
	"fmt"
	"time"

	dk "localmemory.co/downloadkeys"
)

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
