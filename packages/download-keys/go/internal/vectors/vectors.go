// Package vectors builds the shared JSON test vectors from the Go reference. The committed files
// in packages/download-keys/vectors are its output; `go test` fails when they are stale.
package vectors

import (
	"bytes"
	"encoding/json"
	"fmt"

	dk "localmemory.co/downloadkeys"
)

// File is one vector file: a description and its cases.
type File struct {
	Description string        `json:"description"`
	Cases       []interface{} `json:"cases"`
}

type licenseCase struct {
	ID         string `json:"id"`
	Comment    string `json:"comment"`
	SessionID  string `json:"sessionId"`
	Secret     string `json:"secret"`
	LicenseKey string `json:"licenseKey"`
}

type hashCase struct {
	ID           string `json:"id"`
	Comment      string `json:"comment"`
	Secret       string `json:"secret"`
	UnixSeconds  *int64 `json:"unixSeconds,omitempty"`
	TimeWindow   int64  `json:"timeWindow"`
	Platform     string `json:"platform"`
	Prefix       string `json:"prefix"`
	DownloadHash string `json:"downloadHash"`
	Filename     string `json:"filename"`
	S3Key        string `json:"s3Key"`
	URL          string `json:"url"`
}

type windowCase struct {
	ID          string `json:"id"`
	Comment     string `json:"comment"`
	UnixSeconds int64  `json:"unixSeconds"`
	TimeWindow  int64  `json:"timeWindow"`
	WindowStart int64  `json:"windowStart"`
	WindowEnd   int64  `json:"windowEnd"`
	ExpiresAt   int64  `json:"expiresAt"`
}

type formatCase struct {
	ID         string   `json:"id"`
	Comment    string   `json:"comment"`
	LicenseKey string   `json:"licenseKey"`
	Valid      bool     `json:"valid"`
	Problems   []string `json:"problems"`
}

type sessionCase struct {
	ID        string `json:"id"`
	Comment   string `json:"comment"`
	SessionID string `json:"sessionId"`
	Valid     bool   `json:"valid"`
}

const specSecret = "test-secret-key" // docs/algorithms.md's conformance secret (15 chars, not for production)
const longSecret = "vectors-only-secret-0123456789-abcdefghij"
const utf8Secret = "clé-secrète-für-tests-🔑-ünïcödé-32+"

func must(s string, err error) string {
	if err != nil {
		panic(err)
	}
	return s
}

func licenses() []interface{} {
	inputs := []struct{ id, comment, session, secret string }{
		{"spec-1", "docs/algorithms.md vector", "cs_test_12345", specSecret},
		{"spec-2", "docs/algorithms.md vector", "cs_live_67890", specSecret},
		{"spec-3", "docs/algorithms.md vector", "cs_test_abcdef", specSecret},
		{"long-secret-test", "production-length (>= 32 chars) secret", "cs_test_a1B2c3D4e5F6g7H8i9J0", longSecret},
		{"long-secret-live", "live-mode session id, production-length secret", "cs_live_b1XyZ9qRsTuVwXyZ0123456789abcdef", longSecret},
		{"utf8-secret", "multi-byte UTF-8 secret (accents and an emoji) is hashed as UTF-8", "cs_test_12345", utf8Secret},
		{"one-char-session", "shortest possible session id body", "cs_test_a", longSecret},
		{"max-length-session", "255-character session id, the longest accepted", "cs_live_" + repeat("Ab9", 82) + "x", longSecret},
	}
	out := []interface{}{}
	for _, in := range inputs {
		out = append(out, licenseCase{in.id, in.comment, in.session, in.secret, must(dk.GenerateLicenseKey(in.session, in.secret))})
	}
	return out
}

func repeat(s string, n int) string { return string(bytes.Repeat([]byte(s), n)) }

func hashes() []interface{} {
	at := func(v int64) *int64 { return &v }
	inputs := []struct {
		id, comment, secret string
		unix                *int64
		window              int64
		platform            string
		prefix              string
	}{
		{"spec-macos", "docs/algorithms.md vector", specSecret, at(1755993600), 40648, "macos", "downloads"},
		{"spec-windows", "docs/algorithms.md vector", specSecret, at(1755993600), 40648, "windows", "downloads"},
		{"spec-linux", "docs/algorithms.md vector", specSecret, at(1755993600), 40648, "linux", "downloads"},
		{"spec-universal", "docs/algorithms.md vector", specSecret, at(1755993600), 40648, "universal", "downloads"},
		{"spec-2025-linux", "docs/algorithms.md vector, 2025-01-01T00:00:00Z", specSecret, at(1735689600), 40178, "linux", "downloads"},
		{"window-zero", "window 0 (1970-01-01T00:00Z) is a valid window", longSecret, at(0), 0, "macos", "downloads"},
		{"window-end-of-first", "last second of window 0 still maps to window 0", longSecret, at(43199), 0, "windows", "downloads"},
		{"window-start-of-second", "first second of window 1", longSecret, at(43200), 1, "windows", "downloads"},
		{"long-secret-linux", "production-length secret", longSecret, nil, 40648, "linux", "downloads"},
		{"utf8-secret-universal", "UTF-8 secret", utf8Secret, nil, 40648, "universal", "downloads"},
		{"max-window", "largest window the libraries accept", longSecret, nil, dk.MaxWindow, "macos", "downloads"},
		{"prefix-root", "an empty prefix puts the objects at the bucket root", longSecret, nil, 40648, "linux", ""},
		{"prefix-nested", "a nested prefix; leading and trailing slashes are dropped", longSecret, nil, 40648, "windows", "/staging/downloads/"},
	}
	out := []interface{}{}
	for _, in := range inputs {
		out = append(out, hashCase{in.id, in.comment, in.secret, in.unix, in.window, in.platform, in.prefix,
			must(dk.DownloadHash(in.secret, in.window, in.platform)),
			must(dk.Filename(in.platform)),
			must(dk.S3Key(in.secret, in.window, in.platform, in.prefix)),
			must(dk.DownloadURL("https://localmemory.co/downloads", in.secret, in.window, in.platform))})
	}
	return out
}

func windows() []interface{} {
	inputs := []struct {
		id, comment string
		unix        int64
	}{
		{"epoch", "Unix epoch is window 0", 0},
		{"epoch-last-second", "11:59:59 UTC on day one is still window 0", 43199},
		{"noon-boundary", "12:00:00 UTC starts window 1", 43200},
		{"spec-2025-08-24", "docs/algorithms.md: 1755993600 is window 40648", 1755993600},
		{"spec-2025-01-01", "docs/algorithms.md: 1735689600 is window 40178", 1735689600},
		{"one-second-before-noon", "11:59:59 UTC, 2025-08-24", 1755993600 + 43199},
		{"midnight-2026-11-25", "a midnight boundary", 1795564800},
	}
	out := []interface{}{}
	for _, in := range inputs {
		w, err := dk.TimeWindowAt(in.unix)
		if err != nil {
			panic(err)
		}
		start, end, _ := dk.WindowBounds(w)
		exp, _ := dk.LinkExpiresAt(in.unix)
		out = append(out, windowCase{in.id, in.comment, in.unix, w, start, end, exp})
	}
	return out
}

func formats() []interface{} {
	inputs := []struct{ id, comment, key string }{
		{"spec-key-1", "docs/algorithms.md key", "LM-EB2B-6DAD-E6BB-93FE-C9D2"},
		{"spec-key-2", "docs/algorithms.md key", "LM-CACE-9FCB-GGFF-2A6A-FBCA"},
		{"spec-key-3", "docs/algorithms.md key", "LM-F2A4-ADEA-DFEB-2FEE-4EDE"},
		{"old-docs-wrong-order", "well-formed, but the old documentation's superseded segment order: format-valid, cryptographically wrong", "LM-EB2B-6DAD-E6BB-AGE2-C9D2"},
		{"old-docs-four-segments", "the 4-segment form from old documentation is not a key", "LM-EB2B-6DAD-E6BB-C9D2"},
		{"empty", "empty string", ""},
		{"lowercase", "lower-case letters: the format check sees the text exactly as given (normalise first)", "lm-eb2b-6dad-e6bb-93fe-c9d2"},
		{"ambiguous-zero", "contains 0, which keys never use", "LM-EB2B-6DAD-E6BB-93FE-C902"},
		{"ambiguous-letter-o", "contains O, which keys never use", "LM-EB2B-6DAD-E6BB-93FE-COD2"},
		{"missing-prefix", "no LM- prefix", "XX-EB2B-6DAD-E6BB-93FE-C9D2"},
		{"no-dashes", "dashes missing", "LMEB2B6DADE6BB93FEC9D2"},
		{"space-inside", "a space is an invalid character", "LM-EB2B-6DAD-E6BB-93FE-C9 2"},
		{"too-long", "an extra group", "LM-EB2B-6DAD-E6BB-93FE-C9D2-AAAA"},
		{"markup", "markup is rejected, never echoed as HTML", "LM-<b>-6DAD-E6BB-93FE-C9D2"},
		{"unicode", "non-ASCII letters", "LM-ÉB2B-6DAD-E6BB-93FE-C9D2"},
		{"sentinel", "the production system's fake fallback key is not a valid key", "LM-ERROR-ERROR-ERROR-ERROR-ERROR"},
	}
	out := []interface{}{}
	for _, in := range inputs {
		p := dk.ValidateFormat(in.key)
		out = append(out, formatCase{in.id, in.comment, in.key, len(p) == 0, p})
	}
	return out
}

func sessions() []interface{} {
	inputs := []struct{ id, comment, session string }{
		{"test-mode", "test-mode id", "cs_test_a1B2c3"},
		{"live-mode", "live-mode id", "cs_live_a1B2c3"},
		{"max-length", "255 characters", "cs_live_" + repeat("a", 247)},
		{"too-long", "256 characters", "cs_live_" + repeat("a", 248)},
		{"empty", "empty", ""},
		{"prefix-only", "nothing after the prefix", "cs_test_"},
		{"payment-intent", "a PaymentIntent id is not a Checkout session", "pi_3Nabc"},
		{"script", "markup", "cs_test_<script>alert(1)</script>"},
		{"unicode", "non-ASCII letters", "cs_test_ünïcode"},
		{"uppercase-prefix", "prefix is case-sensitive", "CS_TEST_abc"},
		{"underscore-body", "underscores are not allowed after the prefix", "cs_test_a_b"},
		{"whitespace", "trailing newline", "cs_test_abc\n"},
	}
	out := []interface{}{}
	for _, in := range inputs {
		out = append(out, sessionCase{in.id, in.comment, in.session, dk.IsCheckoutSessionID(in.session)})
	}
	return out
}

// Generate returns every vector file's name and exact bytes.
func Generate() map[string][]byte {
	files := map[string]File{
		"license-keys.json":       {"License keys: generateLicenseKey(sessionId, secret) === licenseKey.", licenses()},
		"download-hashes.json":    {"Download hashes, filenames, S3 keys (with the case's prefix) and page URLs (base https://localmemory.co/downloads).", hashes()},
		"time-windows.json":       {"Time windows: timeWindow = floor(unixSeconds / 43200); windowStart, windowEnd (exclusive); expiresAt = (timeWindow + 5) * 43200.", windows()},
		"license-key-format.json": {"Format validation of the exact text: valid and the problem codes, in order.", formats()},
		"license-key-inputs.json": {"Customer input: licenseKey = normalizeLicenseKey(input); valid and problems of that; verified = verifyLicenseKey(input, " + inputSession + ", " + specSecret + ").", inputs()},
		"session-ids.json":        {"Which strings are Stripe Checkout session ids.", sessions()},
		"secret-rule.json":        {"The configured-secret rule: environment, optional secret file (bytes in hex, named by the variable or the --secret-file flag), and the secret read or the error code.", secretRule()},
		"numbers.json":            {"Numbers on the command line (--window, --at): canonical base 10 only; value or the error code.", numbers()},
	}
	out := map[string][]byte{}
	for name, f := range files {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(f); err != nil {
			panic(fmt.Sprintf("%s: %v", name, err))
		}
		out[name] = buf.Bytes()
	}
	return out
}
