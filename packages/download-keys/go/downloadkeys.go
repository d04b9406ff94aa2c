// Package downloadkeys is the Go reference implementation of Local Memory's time windows,
// download hashes, S3 keys and license keys (docs/algorithms.md). The TypeScript library in the
// parent folder is cross-checked against it; the product binary validates keys the same way.
package downloadkeys

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// WindowSeconds is the length of a download window: 12 hours, starting 00:00 and 12:00 UTC.
const WindowSeconds = 43200

// RetainedPastWindows is how many windows before the current one cleanup keeps.
const RetainedPastWindows = 4

// MaxWindow matches the TypeScript library: the largest window whose arithmetic stays exact
// in an IEEE double (Number.MAX_SAFE_INTEGER / 43200, less the windows links may reach ahead).
const MaxWindow = (1<<53-1)/WindowSeconds - 6

// maxUnixSecondsExclusive is the first second after the last accepted window.
const maxUnixSecondsExclusive = (MaxWindow + 1) * WindowSeconds

// DefaultS3Prefix is the key prefix used when S3_PREFIX is not set.
const DefaultS3Prefix = "downloads"

// Platforms lists the platform names, in catalogue order.
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

func (e *Error) Error() string { return e.Message }

func fail(code, format string, args ...interface{}) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an *Error, or "ERROR" for anything else.
func ErrorCode(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	return "ERROR"
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

var canonicalUint = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)

// ParseUint reads a non-negative integer written in canonical base 10: digits only, no sign,
// no leading zero, no "0x", no "_". "010", "0x10", "1_0", "+1" and " 1" are rejected, never
// read in another base.
func ParseUint(text, argument string) (int64, error) {
	if !canonicalUint.MatchString(text) {
		return 0, fail("INVALID_NUMBER", "%s must be a whole number in base 10 without leading zeros, got %q", argument, text)
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return 0, fail("INVALID_NUMBER", "%s is too large, got %q", argument, text)
	}
	return n, nil
}

// TimeWindowAt returns floor(unixSeconds / 43200).
func TimeWindowAt(unixSeconds int64) (int64, error) {
	if unixSeconds < 0 || unixSeconds >= maxUnixSecondsExclusive {
		return 0, fail("INVALID_TIME", "unixSeconds must be from 0 to below %d, got %d", int64(maxUnixSecondsExclusive), unixSeconds)
	}
	return unixSeconds / WindowSeconds, nil
}

// WindowBounds returns the first second of a window and the first second of the next one.
func WindowBounds(timeWindow int64) (windowStart, windowEnd int64, err error) {
	if err := checkWindow(timeWindow); err != nil {
		return 0, 0, err
	}
	return timeWindow * WindowSeconds, (timeWindow + 1) * WindowSeconds, nil
}

// LinkExpiresAt is the first second at which a link issued at unixSeconds may stop working:
// cleanup keeps current-4, so a link from window W lives until the end of window W+4.
func LinkExpiresAt(unixSeconds int64) (int64, error) {
	w, err := TimeWindowAt(unixSeconds)
	if err != nil {
		return 0, err
	}
	return (w + RetainedPastWindows + 1) * WindowSeconds, nil
}

// OldestRetainedWindow is the oldest window cleanup keeps while timeWindow is current.
func OldestRetainedWindow(timeWindow int64) int64 { return timeWindow - RetainedPastWindows }

// Filename returns the ZIP file name of a platform.
func Filename(platform string) (string, error) {
	name, ok := filenames[platform]
	if !ok {
		return "", fail("UNKNOWN_PLATFORM", "platform must be one of macos, windows, linux, universal, got %q", platform)
	}
	return name, nil
}

func checkWindow(timeWindow int64) error {
	if timeWindow < 0 || timeWindow > MaxWindow {
		return fail("INVALID_WINDOW", "timeWindow must be an integer from 0 to %d, got %d", int64(MaxWindow), timeWindow)
	}
	return nil
}

func checkSecret(secret string) error {
	if secret == "" {
		return fail("INVALID_SECRET", "secret must not be empty")
	}
	return nil
}

// DownloadHash is hex(SHA-256("{secret}:download-access:{timeWindow}:{platform}"))[0:16].
func DownloadHash(secret string, timeWindow int64, platform string) (string, error) {
	if err := checkSecret(secret); err != nil {
		return "", err
	}
	if err := checkWindow(timeWindow); err != nil {
		return "", err
	}
	if _, err := Filename(platform); err != nil {
		return "", err
	}
	return sha256Hex(fmt.Sprintf("%s:download-access:%d:%s", secret, timeWindow, platform))[:16], nil
}

var prefixSegment = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// NormalizeS3Prefix drops leading and trailing slashes and checks every segment: letters,
// digits, ".", "_" and "-", never empty, "." or "..". "" means the bucket root.
func NormalizeS3Prefix(prefix string) (string, error) {
	trimmed := strings.TrimRight(strings.TrimLeft(prefix, "/"), "/")
	if trimmed == "" {
		return "", nil
	}
	for _, s := range strings.Split(trimmed, "/") {
		if s == "" || s == "." || s == ".." || !prefixSegment.MatchString(s) {
			return "", fail("INVALID_PREFIX", "prefix must be segments of letters, digits, \".\", \"_\" or \"-\" separated by \"/\", got %q", prefix)
		}
	}
	return trimmed, nil
}

// S3Key is "{prefix}/{timeWindow}/{downloadHash}/{platform}/{filename}" (no prefix part when
// the prefix is ""). Page and CDN URLs end in the same four segments.
func S3Key(secret string, timeWindow int64, platform, prefix string) (string, error) {
	p, err := NormalizeS3Prefix(prefix)
	if err != nil {
		return "", err
	}
	hash, err := DownloadHash(secret, timeWindow, platform)
	if err != nil {
		return "", err
	}
	name, _ := Filename(platform)
	key := fmt.Sprintf("%d/%s/%s/%s", timeWindow, hash, platform, name)
	if p != "" {
		key = p + "/" + key
	}
	return key, nil
}

// DownloadURL is "{baseURL}/{timeWindow}/{downloadHash}/{platform}/{filename}"; trailing slashes
// of baseURL are dropped.
func DownloadURL(baseURL, secret string, timeWindow int64, platform string) (string, error) {
	tail, err := S3Key(secret, timeWindow, platform, "")
	if err != nil {
		return "", err
	}
	return strings.TrimRight(baseURL, "/") + "/" + tail, nil
}

// MaxSafeInteger is 2^53 - 1, the largest integer a JavaScript number holds exactly.
const MaxSafeInteger = 1<<53 - 1

// ParseSafeUint is ParseUint limited to MaxSafeInteger, so the TypeScript CLI reads the very
// same numbers. Both CLIs read --window and Unix-seconds --at with it.
func ParseSafeUint(text, argument string) (int64, error) {
	n, err := ParseUint(text, argument)
	if err == nil && n > MaxSafeInteger {
		return 0, fail("INVALID_NUMBER", "%s must be at most %d, got %q", argument, int64(MaxSafeInteger), text)
	}
	return n, err
}
