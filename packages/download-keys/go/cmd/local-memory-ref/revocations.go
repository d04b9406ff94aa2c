package main

import (
	"crypto/ed25519"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"localmemory.co/downloadkeys/lease"
)

// revocationsPath is where the licensing API publishes its signed revocation list: a static,
// edge-cached document, which may be reachable when the API is not.
const revocationsPath = "/.well-known/local-memory/revocations"

// What a look at the revocation list found.
const (
	listNamed       = "named"       // verified, and it names this license: revoked
	listNotNamed    = "not-named"   // verified, and it does not name this license
	listIgnored     = "ignored"     // fetched, but not trusted (signature, key, stale, malformed)
	listUnreachable = "unreachable" // no usable answer: the offline rules alone decide
)

// revocationCheck is the outcome of one look at the revocation list.
type revocationCheck struct {
	Result  string `json:"result"`
	URL     string `json:"url"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	Iat     int64  `json:"iat,omitempty"`
}

// revocationsURL: --revocations, else $LOCAL_MEMORY_REVOCATIONS_URL, else the API's own.
func revocationsURL(flagValue string, e env, api string) (string, error) {
	text := flagValue
	if text == "" {
		text = e.getenv("LOCAL_MEMORY_REVOCATIONS_URL")
	}
	if text == "" {
		return api + revocationsPath, nil
	}
	u, err := url.Parse(text)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return "", usageError{fmt.Sprintf("--revocations / LOCAL_MEMORY_REVOCATIONS_URL must be the http(s) address of the revocation list, got %q", text)}
	}
	return u.String(), nil
}

// checkRevocations fetches the signed revocation list once (no retry), verifies it with the
// keyset leases are checked with, and says whether it names licenseID. A list that does not
// verify, or whose next has passed, is ignored, never trusted.
func checkRevocations(e env, listURL string, keys map[string]ed25519.PublicKey, licenseID string, now time.Time) revocationCheck {
	c := revocationCheck{URL: listURL}
	token, err := fetchRevocations(e, listURL)
	if err != nil {
		c.Result, c.Message = listUnreachable, err.Error()
		return c
	}
	list, err := lease.VerifyRevocations(token, keys, []byte(lease.Implicit), now)
	if err != nil {
		c.Result, c.Code = listIgnored, lease.Code(err)
		c.Message = fmt.Sprintf("ignored the revocation list at %s (%s): %s", listURL, c.Code, err)
		return c
	}
	c.Iat = list.Iat
	if list.Names(licenseID) {
		c.Result = listNamed
		c.Message = fmt.Sprintf("the signed revocation list of %s names license %s: it was refunded or disputed and no longer licenses this machine; write to support if this is a mistake", isoDate(list.Iat), licenseID)
		return c
	}
	c.Result = listNotNamed
	return c
}

func fetchRevocations(e env, listURL string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, listURL, nil)
	if err != nil {
		return "", fmt.Errorf("cannot build a request to %s: %s", listURL, err)
	}
	res, data, err := e.exchange(req, "text/plain", 4<<20)
	if res == nil {
		return "", fmt.Errorf("could not fetch the revocation list at %s: %s", listURL, rootCause(err))
	}
	if err != nil {
		return "", fmt.Errorf("the revocation list at %s broke off: %s", listURL, err)
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("the revocation list at %s answered %d", listURL, res.StatusCode)
	}
	return strings.TrimSpace(string(data)), nil
}

// applyRevocations records a named license as refused in the license file (status reports it
// from then on, offline too) and turns the state into the refusal; a list that was ignored or
// unreachable is a warning on stderr, and the offline rules alone decide.
func applyRevocations(e env, path string, f *licenseFile, s licenseState, c revocationCheck, now time.Time) (licenseState, error) {
	switch c.Result {
	case listNamed:
		f.Refused = &refusal{Code: "revoked", Message: c.Message, At: now.Unix()}
		if err := writeLicenseFile(path, f); err != nil {
			return s, err
		}
		s = licenseState{Status: stateRefused, Code: "REVOKED", Message: c.Message, LicenseID: s.LicenseID, Machine: s.Machine}
	case listIgnored:
		fmt.Fprintf(e.stderr, "warning: %s\n", c.Message)
	case listUnreachable:
		fmt.Fprintf(e.stderr, "warning: %s; the lease alone decides\n", c.Message)
	}
	s.RevocationList = &c
	return s, nil
}
