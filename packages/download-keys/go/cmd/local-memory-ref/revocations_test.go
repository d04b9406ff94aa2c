package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"localmemory.co/downloadkeys/lease"
)

// revocationDouble publishes a signed revocation list as a static file would: GET only,
// text/plain, signed with the key and kid it is given.
type revocationDouble struct {
	mu      sync.Mutex
	key     ed25519.PrivateKey
	kid     string
	iat     int64
	next    int64
	revoked []string
	fetches int
}

func newRevocationDouble(t *testing.T, r *licenseRig, revoked ...string) (*revocationDouble, *httptest.Server) {
	d := &revocationDouble{key: r.double.key, kid: "k1", iat: r.clock.Unix() - 60, next: r.clock.Unix() + 240, revoked: revoked}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.fetches++
		if req.Method != http.MethodGet || req.URL.Path != revocationsPath {
			http.NotFound(w, req)
			return
		}
		ids, _ := json.Marshal(d.revoked)
		payload := fmt.Sprintf(`{"iat":%d,"next":%d,"revoked":%s}`, d.iat, d.next, ids)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprint(w, lease.SignV4Public([]byte(payload), d.key, []byte(`{"kid":"`+d.kid+`"}`), []byte(lease.Implicit)))
	}))
	t.Cleanup(srv.Close)
	return d, srv
}

func stateOf(t *testing.T, out string) licenseState {
	t.Helper()
	var s licenseState
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("not a state: %q", out)
	}
	return s
}

func TestRevocationListNamingThisLicenseRevokesIt(t *testing.T) {
	r := newLicenseRig(t)
	if code, _, errOut := r.activate(); code != 0 {
		t.Fatal(errOut)
	}
	list, srv := newRevocationDouble(t, r, "lic_other", "lic_double")
	r.vars["LOCAL_MEMORY_REVOCATIONS_URL"] = srv.URL + revocationsPath
	// The API is down; the static list is not.
	r.server.Close()
	code, out, errOut := r.run("license", "refresh", "--json")
	if code != 1 || !strings.Contains(out, `"code":"REVOKED"`) || !strings.Contains(errOut, "revocation list") || !strings.Contains(errOut, "names license lic_double") {
		t.Fatalf("refresh, API down, list names us: exit %d, %q, %q", code, out, errOut)
	}
	if f := r.file(); f.Refused == nil || f.Refused.Code != "revoked" {
		t.Fatalf("revocation not recorded: %+v", f.Refused)
	}
	// Recorded: status refuses offline from then on, without fetching again.
	fetches := list.fetches
	code, out, _ = r.run("license", "status", "--json", "--check-revocations")
	if s := stateOf(t, out); code != 1 || s.Status != stateRefused || s.Code != "REVOKED" || s.Licensed || list.fetches != fetches {
		t.Errorf("status after the list named us: exit %d, %q, %d fetches", code, out, list.fetches-fetches)
	}
}

func TestStatusChecksTheRevocationListWhenAsked(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	list, srv := newRevocationDouble(t, r, "lic_other")
	url := srv.URL + revocationsPath

	// Without --check-revocations status never touches the network.
	if code, _, _ := r.run("license", "status", "--revocations", url); code != 0 || list.fetches != 0 {
		t.Fatalf("plain status: exit %d, %d fetches", code, list.fetches)
	}
	code, out, errOut := r.run("license", "status", "--json", "--check-revocations", "--revocations", url)
	s := stateOf(t, out)
	if code != 0 || s.Status != stateValid || s.RevocationList == nil || s.RevocationList.Result != listNotNamed || errOut != "" {
		t.Fatalf("not named: exit %d, %q, %q", code, out, errOut)
	}
	list.revoked = []string{"lic_double"}
	code, out, errOut = r.run("license", "status", "--json", "--check-revocations", "--revocations", url)
	s = stateOf(t, out)
	if code != 1 || s.Status != stateRefused || s.Code != "REVOKED" || s.RevocationList.Result != listNamed || !strings.Contains(errOut, "not licensed") {
		t.Fatalf("named: exit %d, %q, %q", code, out, errOut)
	}
	if f := r.file(); f.Refused == nil || f.Refused.Code != "revoked" {
		t.Errorf("revocation not recorded: %+v", f.Refused)
	}
}

func TestRevocationListThatDoesNotVerifyIsIgnored(t *testing.T) {
	for _, c := range []struct {
		id, code string
		change   func(d *revocationDouble)
	}{
		{"signed by another key under our kid", lease.BadSignature, func(d *revocationDouble) {
			d.key = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
		}},
		{"signed under a kid the keyset lacks", lease.UnknownKid, func(d *revocationDouble) { d.kid = "k9" }},
		{"stale: next has passed", lease.Expired, func(d *revocationDouble) { d.iat, d.next = d.iat-600, d.iat-300 }},
	} {
		t.Run(c.id, func(t *testing.T) {
			r := newLicenseRig(t)
			r.activate()
			list, srv := newRevocationDouble(t, r, "lic_double")
			c.change(list)
			r.vars["LOCAL_MEMORY_REVOCATIONS_URL"] = srv.URL + revocationsPath
			code, out, errOut := r.run("license", "status", "--json", "--check-revocations")
			s := stateOf(t, out)
			if code != 0 || s.Status != stateValid || s.RevocationList == nil || s.RevocationList.Result != listIgnored || s.RevocationList.Code != c.code ||
				!strings.Contains(errOut, "warning: ignored the revocation list") {
				t.Errorf("status: exit %d, %q, %q", code, out, errOut)
			}
			// The API is unreachable too: refresh consults the list, which is still not trusted.
			r.server.Close()
			r.clock = r.clock.Add(48 * time.Hour) // due
			code, _, errOut = r.run("license", "refresh", "--if-due")
			if code != 0 || !strings.Contains(errOut, "warning: ignored the revocation list") || !strings.Contains(errOut, "still licensed") {
				t.Errorf("background refresh: exit %d, %q", code, errOut)
			}
			if f := r.file(); f.Refused != nil {
				t.Errorf("an untrusted list was recorded: %+v", f.Refused)
			}
		})
	}
}

func TestRevocationListUnreachableLeavesTheLeaseDeciding(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	_, srv := newRevocationDouble(t, r, "lic_double")
	r.vars["LOCAL_MEMORY_REVOCATIONS_URL"] = srv.URL + revocationsPath
	srv.Close()
	r.server.Close()
	code, out, errOut := r.run("license", "status", "--json", "--check-revocations")
	s := stateOf(t, out)
	if code != 0 || s.Status != stateValid || !s.Licensed || s.RevocationList.Result != listUnreachable || !strings.Contains(errOut, "the lease alone decides") {
		t.Errorf("status: exit %d, %q, %q", code, out, errOut)
	}
	r.clock = r.clock.Add(48 * time.Hour) // due
	code, _, errOut = r.run("license", "refresh", "--if-due")
	if code != 0 || !strings.Contains(errOut, "could not fetch the revocation list") || !strings.Contains(errOut, "still licensed") {
		t.Errorf("background refresh: exit %d, %q", code, errOut)
	}
	code, out, _ = r.run("license", "refresh", "--json")
	if code != 1 || !strings.Contains(out, `"code":"API_UNREACHABLE"`) {
		t.Errorf("asked refresh: exit %d, %q", code, out)
	}
	if code, _, _ := r.run("license", "status"); code != 0 {
		t.Errorf("status: exit %d", code)
	}
}

func TestRevocationsAddressIsChecked(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	for _, bad := range []string{"ftp://example.com/list", "not a url", "https://"} {
		if code, _, errOut := r.run("license", "status", "--check-revocations", "--revocations", bad); code != 2 || !strings.Contains(errOut, "--revocations") {
			t.Errorf("%q: exit %d, %q", bad, code, errOut)
		}
	}
}
