// Package downloadkeys is the Go reference implementation of Local Memory's time windows,
// download hashes and license keys (shared/ALGORITHMS.md). The TypeScript library in the
// parent folder is cross-checked against it; the product binary validates keys the same way.
package downloadkeys

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// WindowSeconds is the length of a download window: 12 hours, starting 00:00 and 12:00 UTC.
const WindowSeconds = 43200

// RetainedPastWindows is how many windows before the current one cleanup keeps.
const RetainedPastWindows = 4

// MaxWindow matches the TypeScript library: the largest window whose arithmetic stays exact
// in an IEEE double (Number.MAX_SAFE_INTEGER / 43200, less the windows links may reach ahead).
const MaxWindow = (1<<53-1)/WindowSeconds - 6

// Platform names, in catalogue order.
var Platforms = []string{"macos", "windows", "linux", "universal"}

var filenames = map[string]string{
	"macos":     "local-memory-macos.zip",
	"windows":   "local-memory-windows.zip",
	"linux":     "local-memory-linux.zip",
	"universal": "local-memory-universal.zip",
}

// Error is an input error carrying the same codes as the TypeScript library.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

func fail(code, format string, args ...interface{}) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// WindowAt returns floor(unixSeconds / 43200).
func WindowAt(unixSeconds int64) (int64, error) {
	if unixSeconds < 0 || unixSeconds >= (MaxWindow+1)*WindowSeconds {
		return 0, fail("INVALID_TIME", "unix seconds must be from 0 to below %d, got %d", (MaxWindow+1)*WindowSeconds, unixSeconds)
	}
	return unixSeconds / WindowSeconds, nil
}

// LinkExpiresAt is the first second at which a link issued at unixSeconds may stop working:
// cleanup keeps current-4, so a link from window W lives until the end of window W+4.
func LinkExpiresAt(unixSeconds int64) (int64, error) {
	w, err := WindowAt(unixSeconds)
	if err != nil {
		return 0, err
	}
	return (w + RetainedPastWindows + 1) * WindowSeconds, nil
}

// Filename returns the ZIP file name of a platform.
func Filename(platform string) (string, error) {
	name, ok := filenames[platform]
	if !ok {
		return "", fail("UNKNOWN_PLATFORM", "platform must be one of macos, windows, linux, universal, got %q", platform)
	}
	return name, nil
}

func checkWindow(window int64) error {
	if window < 0 || window > MaxWindow {
		return fail("INVALID_WINDOW", "window must be an integer from 0 to %d, got %d", int64(MaxWindow), window)
	}
	return nil
}

func checkSecret(secret string) error {
	if secret == "" {
		return fail("INVALID_SECRET", "secret must not be empty")
	}
	return nil
}

// DownloadHash is hex(SHA-256("{secret}:download-access:{window}:{platform}"))[0:16].
func DownloadHash(secret string, window int64, platform string) (string, error) {
	if err := checkSecret(secret); err != nil {
		return "", err
	}
	if err := checkWindow(window); err != nil {
		return "", err
	}
	if _, err := Filename(platform); err != nil {
		return "", err
	}
	return sha256Hex(fmt.Sprintf("%s:download-access:%d:%s", secret, window, platform))[:16], nil
}

// ObjectTail is "{window}/{hash}/{platform}/{filename}", shared by page URLs, CDN URLs and S3 keys.
func ObjectTail(secret string, window int64, platform string) (string, error) {
	hash, err := DownloadHash(secret, window, platform)
	if err != nil {
		return "", err
	}
	name, _ := Filename(platform)
	return fmt.Sprintf("%d/%s/%s/%s", window, hash, platform, name), nil
}
