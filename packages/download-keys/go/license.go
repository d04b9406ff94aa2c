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

// GenerateLicenseKey derives the key for a purchase (docs/algorithms.md, "License keys").
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

// ValidateFormat returns every format problem of licenseKey (empty when it is well formed).
// It is all that can be checked without the session id and the secret.
func ValidateFormat(licenseKey string) []string {
	if licenseKey == "" {
		return []string{ProblemEmpty}
	}
	problems := []string{}
	if utf16Len(licenseKey) != LicenseKeyLength {
		problems = append(problems, ProblemWrongLength)
	}
	hasPrefix := strings.HasPrefix(licenseKey, "LM-")
	if !hasPrefix {
		problems = append(problems, ProblemMissingPrefix)
	}
	groups := strings.Split(licenseKey, "-")
	badGroups := len(groups) != 6
	for _, g := range groups[1:] {
		if utf16Len(g) != 4 {
			badGroups = true
		}
	}
	if badGroups {
		problems = append(problems, ProblemWrongGroups)
	}
	body := licenseKey
	if hasPrefix {
		body = licenseKey[3:]
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
	if len(problems) == 0 && !keyPattern.MatchString(licenseKey) {
		// Unreachable if the checks above are complete; kept so a gap can never pass as valid.
		problems = append(problems, ProblemInvalidCharacter)
	}
	return problems
}

// pastedInvisible are dropped by NormalizeLicenseKey: whitespace, zero-width characters, the
// byte order mark and the soft hyphen that copy and paste from mail and chat brings in.
// The TypeScript library lists exactly the same code points.
func pastedInvisible(r rune) bool {
	switch {
	case r >= 0x09 && r <= 0x0d, r == ' ', r == 0x85, r == 0xa0, r == 0xad, r == 0x1680,
		r >= 0x2000 && r <= 0x200d, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f,
		r == 0x2060, r == 0x3000, r == 0xfeff:
		return true
	}
	return false
}

// pastedDash are turned into "-": hyphens, dashes, the minus sign and their small and
// full-width forms.
func pastedDash(r rune) bool {
	switch {
	case r >= 0x2010 && r <= 0x2015, r == 0x2043, r == 0x2212, r == 0xfe58, r == 0xfe63, r == 0xff0d:
		return true
	}
	return false
}

var undashed = regexp.MustCompile(`^LM[A-Z0-9]{20}$`)

// NormalizeLicenseKey tidies what a customer pasted: it drops whitespace and invisible
// characters, turns dash look-alikes into "-", upper-cases ASCII letters and inserts the dashes
// when all 22 characters are there without them. It never guesses a character (no O for 0, no
// Cyrillic or full-width letters mapped to ASCII); the result still needs ValidateFormat.
func NormalizeLicenseKey(licenseKey string) string {
	var b strings.Builder
	for _, r := range licenseKey {
		switch {
		case pastedInvisible(r):
		case pastedDash(r):
			b.WriteByte('-')
		case r >= 'a' && r <= 'z':
			b.WriteRune(r - 'a' + 'A')
		default:
			b.WriteRune(r)
		}
	}
	tidy := b.String()
	if undashed.MatchString(tidy) {
		g := tidy[2:]
		return "LM-" + g[0:4] + "-" + g[4:8] + "-" + g[8:12] + "-" + g[12:16] + "-" + g[16:20]
	}
	return tidy
}

// VerifyLicenseKey reports whether licenseKey, once normalised, is the key derived from
// sessionID and secret, comparing in constant time for keys of the right length.
func VerifyLicenseKey(licenseKey, sessionID, secret string) (bool, error) {
	expected, err := GenerateLicenseKey(sessionID, secret)
	if err != nil {
		return false, err
	}
	actual := NormalizeLicenseKey(licenseKey)
	return subtle.ConstantTimeCompare([]byte(expected), []byte(actual)) == 1, nil
}
