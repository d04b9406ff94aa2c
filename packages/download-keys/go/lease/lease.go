// Package lease verifies and signs Local Memory leases: PASETO v4.public tokens (Ed25519 over
// PAE) whose footer names the signing key, {"kid":"..."}, bound to the implicit assertion
// "local-memory". It is the reference for docs/algorithms.md, "Leases", uses the standard
// library only, and is what the product binary imports to check its license offline.
package lease

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"
	"unicode/utf8"
)

// Implicit is the implicit assertion of every Local Memory lease (bound, never sent).
const Implicit = "local-memory"

// The offline rules (docs/algorithms.md, "Leases").
const (
	// Lifetime: a lease is valid this long after it is issued.
	Lifetime = 30 * 24 * time.Hour
	// RefreshAfter: the product asks for a fresh lease in the background once its lease is this old.
	RefreshAfter = 24 * time.Hour
	// Grace: after exp the product keeps working this long, with a warning.
	Grace = 14 * 24 * time.Hour
	// MaxClockSkew: a lease issued more than this far after now is refused (clock tampering).
	MaxClockSkew = 5 * time.Minute
)

// Error codes, the same as the TypeScript library's.
const (
	BadSignature     = "BAD_SIGNATURE"
	UnknownKid       = "UNKNOWN_KID"
	Expired          = "EXPIRED"
	NotYetValid      = "NOT_YET_VALID"
	Malformed        = "MALFORMED"
	WrongPurpose     = "WRONG_PURPOSE"
	InvalidPublicKey = "INVALID_PUBLIC_KEY"
)

// Error is why a lease or token was refused. For EXPIRED and NOT_YET_VALID the signature
// held, and Claims carries the verified claims (so the product can apply its grace period).
type Error struct {
	Code    string
	Message string
	Claims  *Claims
}

func (e *Error) Error() string { return e.Message }

func fail(code, format string, args ...interface{}) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Code returns the code of an *Error, or "ERROR" for anything else.
func Code(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	return "ERROR"
}

// Claims is what a lease says; times are Unix seconds. JSON field order is the documented one.
type Claims struct {
	V   int64    `json:"v"`
	Iss string   `json:"iss"`
	Sub string   `json:"sub"`
	Edn string   `json:"edn"`
	Ent []string `json:"ent"`
	Max int64    `json:"max"`
	Mid string   `json:"mid"`
	Iat int64    `json:"iat"`
	Exp int64    `json:"exp"`
	Upd *int64   `json:"upd"`
	Jti string   `json:"jti"`
}

var machineIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)

const maxSafeInteger = 1<<53 - 1

func malformed(format string, args ...interface{}) error { return fail(Malformed, format, args...) }

// parseObject reads a JSON object with numbers kept as text. Keys match exactly (Go's struct
// decoding would match them case-insensitively; JavaScript does not).
func parseObject(data []byte) (map[string]interface{}, bool) {
	if !utf8.Valid(data) || !json.Valid(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	m, ok := v.(map[string]interface{})
	return m, ok
}

// wholeNumber reads a claim as JavaScript does: any JSON number whose value is a whole number
// within ±(2^53 - 1), so 1e3 is 1000 and 1.5 is refused.
func wholeNumber(m map[string]interface{}, name string, min int64) (int64, error) {
	n, ok := m[name].(json.Number)
	if ok {
		f, err := strconv.ParseFloat(string(n), 64)
		if err == nil && f == math.Trunc(f) && math.Abs(f) <= maxSafeInteger && f >= float64(min) {
			return int64(f), nil
		}
	}
	return 0, malformed("lease claim %s must be a whole number of at least %d", name, min)
}

func text(m map[string]interface{}, name string) (string, error) {
	s, ok := m[name].(string)
	if !ok || s == "" {
		return "", malformed("lease claim %s must be a non-empty string", name)
	}
	return s, nil
}

// ParseClaims checks a lease payload: a JSON object with every claim of its type, mid a machine
// id, exp after iat. Other members are ignored.
func ParseClaims(payload []byte) (Claims, error) {
	m, ok := parseObject(payload)
	if !ok {
		return Claims{}, malformed("lease payload must be a JSON object")
	}
	var c Claims
	list, ok := m["ent"].([]interface{})
	if !ok {
		return Claims{}, malformed("lease claim ent must be an array of strings")
	}
	c.Ent = make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok {
			return Claims{}, malformed("lease claim ent must be an array of strings")
		}
		c.Ent = append(c.Ent, s)
	}
	var err error
	if c.Mid, err = text(m, "mid"); err != nil {
		return Claims{}, err
	}
	if !machineIDPattern.MatchString(c.Mid) {
		return Claims{}, malformed("lease claim mid must be a machine id")
	}
	if m["upd"] != nil {
		upd, err := wholeNumber(m, "upd", 0)
		if err != nil {
			return Claims{}, err
		}
		c.Upd = &upd
	} else if _, present := m["upd"]; !present {
		return Claims{}, malformed("lease claim upd must be a whole number of at least 0")
	}
	steps := []func() error{
		func() (e error) { c.V, e = wholeNumber(m, "v", 1); return },
		func() (e error) { c.Iss, e = text(m, "iss"); return },
		func() (e error) { c.Sub, e = text(m, "sub"); return },
		func() (e error) { c.Edn, e = text(m, "edn"); return },
		func() (e error) { c.Max, e = wholeNumber(m, "max", 1); return },
		func() (e error) { c.Iat, e = wholeNumber(m, "iat", 0); return },
		func() (e error) { c.Exp, e = wholeNumber(m, "exp", 0); return },
		func() (e error) { c.Jti, e = text(m, "jti"); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return Claims{}, err
		}
	}
	if c.Exp <= c.Iat {
		return Claims{}, malformed("lease claim exp must be after iat")
	}
	return c, nil
}

func footerKid(footer []byte) (string, error) {
	if len(footer) == 0 {
		return "", malformed(`lease has no footer; it must name its key ({"kid":…})`)
	}
	m, ok := parseObject(footer)
	kid, isString := m["kid"].(string)
	if !ok || !isString || kid == "" {
		return "", malformed(`lease footer must be JSON {"kid":"…"}`)
	}
	return kid, nil
}

// Verify checks a lease offline: its key (by the footer's kid), its signature over implicit,
// its claims, and its times. It is refused once now >= exp (EXPIRED; the product's grace is
// its own rule, see InGrace) and when iat is more than MaxClockSkew after now (NOT_YET_VALID:
// the clock was turned back). Errors are *Error with the codes of the TypeScript library.
func Verify(token string, keyset map[string]ed25519.PublicKey, implicit []byte, now time.Time) (Claims, error) {
	payload, err := verifiedPayload(token, keyset, implicit, "lease")
	if err != nil {
		return Claims{}, err
	}
	c, err := ParseClaims(payload)
	if err != nil {
		return Claims{}, err
	}
	unix := now.Unix()
	if c.Iat > unix+int64(MaxClockSkew/time.Second) {
		return Claims{}, &Error{NotYetValid, "lease was issued in the future: check the system clock", &c}
	}
	if unix >= c.Exp {
		return Claims{}, &Error{Expired, "lease has expired: refresh it online", &c}
	}
	return c, nil
}

// verifiedPayload checks a token signed like a lease (footer {"kid"}, looked up in keyset;
// the signature over implicit) and returns its payload, which must be UTF-8. what names the
// document in messages.
func verifiedPayload(token string, keyset map[string]ed25519.PublicKey, implicit []byte, what string) ([]byte, error) {
	p, err := parseV4Public(token)
	if err != nil {
		return nil, err
	}
	kid, err := footerKid(p.footer)
	if err != nil {
		return nil, err
	}
	publicKey, ok := keyset[kid]
	if !ok {
		return nil, fail(UnknownKid, "%s is signed with key %q, which this keyset does not hold: update the product", what, truncate(kid, 64))
	}
	if len(publicKey) != ed25519.PublicKeySize {
		return nil, fail(InvalidPublicKey, "keyset[%q] must be %d bytes, got %d", kid, ed25519.PublicKeySize, len(publicKey))
	}
	if err := p.verify(publicKey, implicit); err != nil {
		return nil, err
	}
	if !utf8.Valid(p.payload) {
		return nil, malformed("%s payload is not UTF-8", what)
	}
	return p.payload, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// Sign signs a lease: the claims are checked by the rules Verify applies (an invalid lease is
// never issued), written in the documented order, with the footer {"kid":kid}.
func Sign(c Claims, privateKey ed25519.PrivateKey, kid string, implicit []byte) (string, error) {
	if len(privateKey) != ed25519.PrivateKeySize {
		return "", fail("INVALID_PRIVATE_KEY", "private key must be %d bytes, got %d", ed25519.PrivateKeySize, len(privateKey))
	}
	if c.Ent == nil {
		c.Ent = []string{}
	}
	payload, err := marshal(c)
	if err != nil {
		return "", err
	}
	if _, err := ParseClaims(payload); err != nil {
		return "", err
	}
	footer, _ := marshal(map[string]string{"kid": kid})
	if _, err := footerKid(footer); err != nil || kid == "" {
		return "", malformed("kid must be a non-empty string")
	}
	return SignV4Public(payload, privateKey, footer, implicit), nil
}

// marshal writes JSON as JavaScript's JSON.stringify does for these values: no HTML escaping.
func marshal(v interface{}) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// RefreshDue reports whether a valid lease is old enough (RefreshAfter) to be refreshed in the
// background. Verification never depends on it.
func RefreshDue(c Claims, now time.Time) bool {
	return now.Unix()-c.Iat >= int64(RefreshAfter/time.Second)
}

// InGrace reports whether an expired lease (Verify said EXPIRED; its Error.Claims) is still in
// its Grace period: the product keeps working and warns. Nothing ever locks the user's own data.
func InGrace(c Claims, now time.Time) bool {
	unix := now.Unix()
	return unix >= c.Exp && unix < c.Exp+int64(Grace/time.Second)
}

// Kid returns the kid a lease's footer names, without verifying anything: which key to check
// it with.
func Kid(token string) (string, error) {
	p, err := parseV4Public(token)
	if err != nil {
		return "", err
	}
	return footerKid(p.footer)
}
