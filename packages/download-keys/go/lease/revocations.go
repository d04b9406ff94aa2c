package lease

import (
	"crypto/ed25519"
	"time"
)

// RevocationList is the payload of the signed revocation list the licensing API publishes at
// /.well-known/local-memory/revocations: a v4.public token signed like a lease (footer
// {"kid"}, implicit Implicit) whose payload is {"iat", "next", "revoked": [license ids]}.
type RevocationList struct {
	Iat     int64    `json:"iat"`
	Next    int64    `json:"next"`
	Revoked []string `json:"revoked"`
}

// Names reports whether the list names a license id.
func (l RevocationList) Names(licenseID string) bool {
	for _, id := range l.Revoked {
		if id == licenseID {
			return true
		}
	}
	return false
}

// VerifyRevocations checks a revocation list offline with the keyset leases are checked with:
// its key (the footer's kid), its signature over implicit, its payload, and its times. A list
// whose next has passed is EXPIRED (a stale or replayed copy); one issued more than
// MaxClockSkew after now is NOT_YET_VALID. A list that fails any check must be ignored, never
// trusted. Errors are *Error with the lease codes.
func VerifyRevocations(token string, keyset map[string]ed25519.PublicKey, implicit []byte, now time.Time) (RevocationList, error) {
	payload, err := verifiedPayload(token, keyset, implicit, "revocation list")
	if err != nil {
		return RevocationList{}, err
	}
	m, ok := parseObject(payload)
	if !ok {
		return RevocationList{}, malformed("revocation list payload must be a JSON object")
	}
	var l RevocationList
	if l.Iat, err = wholeNumber(m, "iat", 0); err != nil {
		return RevocationList{}, malformed("revocation list iat must be a whole number of seconds")
	}
	if l.Next, err = wholeNumber(m, "next", 0); err != nil || l.Next <= l.Iat {
		return RevocationList{}, malformed("revocation list next must be a whole number of seconds after iat")
	}
	ids, ok := m["revoked"].([]interface{})
	if !ok {
		return RevocationList{}, malformed("revocation list revoked must be an array of license ids")
	}
	l.Revoked = make([]string, 0, len(ids))
	for _, v := range ids {
		id, ok := v.(string)
		if !ok || id == "" {
			return RevocationList{}, malformed("revocation list revoked must hold non-empty license ids")
		}
		l.Revoked = append(l.Revoked, id)
	}
	unix := now.Unix()
	if l.Iat > unix+int64(MaxClockSkew/time.Second) {
		return RevocationList{}, fail(NotYetValid, "revocation list was issued in the future: check the system clock")
	}
	if unix >= l.Next {
		return RevocationList{}, fail(Expired, "revocation list is stale (its next fetch was due %s)", time.Unix(l.Next, 0).UTC().Format(time.RFC3339))
	}
	return l, nil
}
