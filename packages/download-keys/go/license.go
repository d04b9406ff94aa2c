package downloadkeys

import (
	"crypto/subtle"
	"regexp"
	"strings"
	"unicode/utf16"
)

// LicenseKeyLength is the length of "LM-XXXX-XXXX-XXXX-XXXX-XXXX".
const LicenseKeyLength = 27

// MaxSessionIDLength bounds Stripe Checkout session ids (Stripe ids are at most 255 characters).
const MaxSessionIDLength = 255

var (
	sessionPattern = regexp.MustCompile(`^cs_(?:test|live)_[A-Za-z0-9]+$`)
	keyPattern     = regexp.MustCompile(`^LM-[A-Z2-469]{4}(?:-[A-Z2-469]{4}){4}$`)
	lowerPattern   = regexp.MustCompile(`[a-z]`)
	ambiguous      = regexp.MustCompile(`[01OI578]`)
	invalidChar    = regexp.MustCompile(`[^A-Za-z0-9-]`)
	replacer       = strings.NewReplacer("0", "A", "1", "B", "O", "C", "I", "D", "5", "E", "7", "F", "8", "G")
)

// IsCheckoutSessionID reports whether id looks like a Stripe Checkout session id.
func IsCheckoutSessionID(id string) bool {
	return len(id) <= MaxSessionIDLength && sessionPattern.MatchString(id)
}

// GenerateLicenseKey derives the key for a purchase (ALGORITHMS.md, "License key").
func GenerateLicenseKey(sessionID, secret string) (string, error) {
	if !IsCheckoutSessionID(sessionID) {
		return "", fail("INVALID_SESSION_ID", "session id must be a Stripe Checkout session id (cs_test_… or cs_live_…)")
	}
	if err := checkSecret(secret); err != nil {
		return "", err
	}
	b := sha256Hex(sessionID + "-" + secret)
	checksum := sha256Hex(b[:20])[:4]
	raw := "LM-" + b[0:4] + "-" + b[4:8] + "-" + b[8:12] + "-" + b[12:16] + "-" + checksum
	return replacer.Replace(strings.ToUpper(raw)), nil
}

// Problem codes, identical to the TypeScript library's, in the order they are reported.
const (
	ProblemEmpty              = "EMPTY"
	ProblemWrongLength        = "WRONG_LENGTH"
	ProblemMissingPrefix      = "MISSING_PREFIX"
	ProblemWrongGroups        = "WRONG_GROUPS"
	ProblemLowercase          = "LOWERCASE"
	ProblemAmbiguousCharacter = "AMBIGUOUS_CHARACTER"
	ProblemInvalidCharacter   = "INVALID_CHARACTER"
)

// utf16Len counts UTF-16 code units, the unit JavaScript's String length uses, so both
// implementations measure a pasted key the same way.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// ValidateFormat returns every format problem of key (empty when the key is well formed).
// It is all that can be checked without the session id and the secret.
func ValidateFormat(key string) []string {
	if key == "" {
		return []string{ProblemEmpty}
	}
	problems := []string{}
	if utf16Len(key) != LicenseKeyLength {
		problems = append(problems, ProblemWrongLength)
	}
	hasPrefix := strings.HasPrefix(key, "LM-")
	if !hasPrefix {
		problems = append(problems, ProblemMissingPrefix)
	}
	groups := strings.Split(key, "-")
	badGroups := len(groups) != 6
	for _, g := range groups[1:] {
		if utf16Len(g) != 4 {
			badGroups = true
		}
	}
	if badGroups {
		problems = append(problems, ProblemWrongGroups)
	}
	body := key
	if hasPrefix {
		body = key[3:]
	}
	if lowerPattern.MatchString(body) {
		problems = append(problems, ProblemLowercase)
	}
	if ambiguous.MatchString(body) {
		problems = append(problems, ProblemAmbiguousCharacter)
	}
	if invalidChar.MatchString(body) {
		problems = append(problems, ProblemInvalidCharacter)
	}
	if len(problems) == 0 && !keyPattern.MatchString(key) {
		// Unreachable if the checks above are complete; kept so a gap can never pass as valid.
		problems = append(problems, ProblemInvalidCharacter)
	}
	return problems
}

// VerifyLicenseKey reports, in constant time for keys of the right length, whether candidate
// is the key derived from sessionID and secret.
func VerifyLicenseKey(candidate, sessionID, secret string) (bool, error) {
	expected, err := GenerateLicenseKey(sessionID, secret)
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare([]byte(expected), []byte(candidate)) == 1, nil
}
