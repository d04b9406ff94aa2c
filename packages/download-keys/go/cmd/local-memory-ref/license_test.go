package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"localmemory.co/downloadkeys/lease"
)

const testLicenseKey = "LM-EB2B-6DAD-E6BB-93FE-C9D2"

// licensingDouble answers POST /api/licenses/{activate,refresh,deactivate} as
// apps/api/src/routes/licenses.ts does (status codes, JSON bodies, snake_case error codes),
// signing real leases with lease.Sign. It is a double of our own API for these unit tests
// only; the journey against the real API is e2e's.
type licensingDouble struct {
	t        *testing.T
	key      ed25519.PrivateKey
	now      func() time.Time
	mu       sync.Mutex
	limit    int
	machines map[string]string // machine id → name
	revoked  bool
	requests []string
	bodies   []string
}

func newLicensingDouble(t *testing.T, now func() time.Time) (*licensingDouble, *httptest.Server) {
	d := &licensingDouble{t: t, key: ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32)), now: now, limit: 2, machines: map[string]string{}}
	srv := httptest.NewServer(http.HandlerFunc(d.serve))
	t.Cleanup(srv.Close)
	return d, srv
}

func (d *licensingDouble) publicKeyHex() string {
	return hex.EncodeToString(d.key.Public().(ed25519.PublicKey))
}

func (d *licensingDouble) sign(machine string) string {
	iat := d.now().Unix()
	token, err := lease.Sign(lease.Claims{V: 1, Iss: "double", Sub: "lic_double", Edn: "standard", Ent: []string{"app"},
		Max: int64(d.limit), Mid: machine, Iat: iat, Exp: iat + int64(lease.Lifetime/time.Second), Jti: "lease_" + machine},
		d.key, "k1", []byte(lease.Implicit))
	if err != nil {
		d.t.Fatal(err)
	}
	return token
}

func (d *licensingDouble) serve(w http.ResponseWriter, r *http.Request) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.requests = append(d.requests, r.URL.Path)
	raw, _ := io.ReadAll(r.Body)
	d.bodies = append(d.bodies, string(raw))
	var body map[string]interface{}
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.Unmarshal(raw, &body) != nil {
		d.fail(w, 400, "invalid_request", "Send a JSON object", nil)
		return
	}
	answer := func(status int, v interface{}) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(v)
	}
	activation := func(machine string) map[string]interface{} {
		return map[string]interface{}{"id": "act_" + machine, "machine": machine, "name": nil, "platform": "linux", "appVersion": version, "activatedAt": 1, "lastSeen": d.now().Unix()}
	}
	switch r.URL.Path {
	case "/api/licenses/activate":
		machine, _ := body["machine"].(string)
		if body["licenseKey"] != testLicenseKey {
			d.fail(w, 404, "license_not_found", "No license has this key; check it against your email, and write to support if it is right", nil)
			return
		}
		if d.revoked {
			d.fail(w, 410, "revoked", "This license was refunded or disputed and no longer activates; write to support if this is a mistake", nil)
			return
		}
		if _, ok := d.machines[machine]; ok {
			answer(200, map[string]interface{}{"lease": d.sign(machine), "activation": activation(machine)})
			return
		}
		if len(d.machines) >= d.limit {
			var list []map[string]interface{}
			for m, name := range d.machines {
				list = append(list, map[string]interface{}{"machine": m, "name": name, "platform": "linux", "lastSeen": 1755900000})
			}
			d.fail(w, 403, "activation_limit", "This license is active on 2 of 2 machines; deactivate one (on that machine, or with its machine id) and try again",
				map[string]interface{}{"limit": d.limit, "machines": list})
			return
		}
		name, _ := body["name"].(string)
		d.machines[machine] = name
		answer(201, map[string]interface{}{"lease": d.sign(machine), "activation": activation(machine)})
	case "/api/licenses/refresh":
		token, _ := body["lease"].(string)
		claims, err := lease.Verify(token, map[string]ed25519.PublicKey{"k1": d.key.Public().(ed25519.PublicKey)}, []byte(lease.Implicit), d.now())
		if le, ok := err.(*lease.Error); ok && le.Code == lease.Expired {
			claims, err = *le.Claims, nil
		}
		switch {
		case err != nil:
			d.fail(w, 400, "invalid_lease", "This is not a lease this server issued; activate again with your license key", nil)
		case d.revoked:
			d.fail(w, 410, "revoked", "This license was refunded or disputed and no longer activates; write to support if this is a mistake", nil)
		case !d.has(claims.Mid):
			d.fail(w, 410, "deactivated", "This machine was deactivated (or unseen for 90 days); activate again with your license key", nil)
		default:
			answer(200, map[string]interface{}{"lease": d.sign(claims.Mid), "activation": activation(claims.Mid)})
		}
	case "/api/licenses/deactivate":
		machine, _ := body["machine"].(string)
		if body["licenseKey"] != testLicenseKey {
			d.fail(w, 404, "license_not_found", "No license has this key", nil)
			return
		}
		if !d.has(machine) {
			d.fail(w, 404, "activation_not_found", "This machine holds no activation of this license (it may already be deactivated)", nil)
			return
		}
		delete(d.machines, machine)
		answer(200, map[string]interface{}{"deactivated": true, "machine": machine})
	default:
		d.fail(w, 404, "not_found", "no such route", nil)
	}
}

func (d *licensingDouble) has(machine string) bool { _, ok := d.machines[machine]; return ok }

func (d *licensingDouble) fail(w http.ResponseWriter, status int, code, message string, extra map[string]interface{}) {
	body := map[string]interface{}{"code": code, "message": message}
	for k, v := range extra {
		body[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]interface{}{"error": body})
}

// licenseRig is one machine: its OS machine id file, its license file, its clock.
type licenseRig struct {
	t       *testing.T
	dir     string
	vars    map[string]string
	clock   time.Time
	double  *licensingDouble
	server  *httptest.Server
	machine string
}

func newLicenseRig(t *testing.T) *licenseRig {
	dir := t.TempDir()
	r := &licenseRig{t: t, dir: dir, clock: time.Unix(1755993600, 0)}
	r.double, r.server = newLicensingDouble(t, func() time.Time { return r.clock })
	idFile := filepath.Join(dir, "machine-id")
	if err := os.WriteFile(idFile, []byte("0123456789abcdef0123456789abcdef\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r.machine = lease.MachineID([]byte("0123456789abcdef0123456789abcdef"))
	r.vars = map[string]string{
		"LOCAL_MEMORY_MACHINE_ID_FILE":  idFile,
		"LOCAL_MEMORY_LICENSE_FILE":     filepath.Join(dir, "config", "license.json"),
		"LOCAL_MEMORY_LEASE_PUBLIC_KEY": r.double.publicKeyHex(),
	}
	return r
}

func (r *licenseRig) run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	e := env{
		getenv: func(k string) string { return r.vars[k] },
		stdin:  failingReader{r.t},
		stdout: &out,
		stderr: &errOut,
		now:    func() time.Time { return r.clock },
		client: &http.Client{Timeout: 5 * time.Second},
	}
	return run(args, e), out.String(), errOut.String()
}

func (r *licenseRig) activate(extra ...string) (int, string, string) {
	return r.run(append([]string{"license", "activate", testLicenseKey, "--api", r.server.URL}, extra...)...)
}

func (r *licenseRig) file() licenseFile {
	data, err := os.ReadFile(r.vars["LOCAL_MEMORY_LICENSE_FILE"])
	if err != nil {
		r.t.Fatal(err)
	}
	var f licenseFile
	if err := json.Unmarshal(data, &f); err != nil {
		r.t.Fatal(err)
	}
	return f
}

func TestLicenseActivateWritesTheLicenseFile(t *testing.T) {
	r := newLicenseRig(t)
	code, out, errOut := r.activate("--name", "laptop")
	if code != 0 || !strings.Contains(out, "activated this machine: standard edition, license lic_double") {
		t.Fatalf("activate: exit %d, %q, %q", code, out, errOut)
	}
	path := r.vars["LOCAL_MEMORY_LICENSE_FILE"]
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("license file mode: %v %v", info, err)
	}
	raw, _ := os.ReadFile(path)
	for _, secret := range []string{testLicenseKey, "0123456789abcdef0123456789abcdef"} {
		if strings.Contains(string(raw), secret) || strings.Contains(out+errOut, secret) {
			t.Errorf("the license key or the raw machine id was written or printed")
		}
	}
	f := r.file()
	if f.API != r.server.URL || f.LicenseID != "lic_double" || f.Keyset["k1"] != r.double.publicKeyHex() {
		t.Errorf("license file: %+v", f)
	}
	if claims, err := lease.Verify(f.Lease, map[string]ed25519.PublicKey{"k1": r.double.key.Public().(ed25519.PublicKey)}, []byte(lease.Implicit), r.clock); err != nil || claims.Mid != r.machine {
		t.Errorf("stored lease: %v %+v", err, claims)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left beside the license file: %v", entries)
	}

	// A valid lease present: activate again asks nothing of the network.
	r.server.Close()
	if code, out, _ := r.activate(); code != 0 || !strings.Contains(out, "already activated") {
		t.Errorf("activate with a valid lease: exit %d, %q", code, out)
	}
}

func TestLicenseRequestsCarryTheContractAndNoRawMachineID(t *testing.T) {
	r := newLicenseRig(t)
	r.activate("--name", "  laptop  ")
	r.run("license", "refresh")
	r.vars["LOCAL_MEMORY_LICENSE_KEY"] = testLicenseKey
	r.run("license", "deactivate")
	want := []string{"/api/licenses/activate", "/api/licenses/refresh", "/api/licenses/deactivate"}
	if strings.Join(r.double.requests, " ") != strings.Join(want, " ") {
		t.Fatalf("requests: %v", r.double.requests)
	}
	var activate map[string]interface{}
	json.Unmarshal([]byte(r.double.bodies[0]), &activate)
	expected := map[string]interface{}{"licenseKey": testLicenseKey, "machine": r.machine, "name": "laptop", "platform": platformName(), "appVersion": version}
	if len(activate) != len(expected) {
		t.Errorf("activate body: %v", activate)
	}
	for k, v := range expected {
		if activate[k] != v {
			t.Errorf("activate body %s = %v, want %v", k, activate[k], v)
		}
	}
	if !strings.HasPrefix(r.double.bodies[1], `{"lease":"v4.public.`) {
		t.Errorf("refresh body: %s", r.double.bodies[1])
	}
	if r.double.bodies[2] != `{"licenseKey":"`+testLicenseKey+`","machine":"`+r.machine+`"}` {
		t.Errorf("deactivate body: %s", r.double.bodies[2])
	}
	for _, b := range r.double.bodies {
		if strings.Contains(b, "0123456789abcdef") {
			t.Errorf("the raw OS machine id was sent: %s", b)
		}
	}
}

func TestLicenseActivateAgainUsesNoSeat(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	code, out, _ := r.activate("--replace", "--json")
	if code != 0 || !strings.Contains(out, `"created":false`) || len(r.double.machines) != 1 {
		t.Errorf("reinstall: exit %d, %s, %d machines", code, out, len(r.double.machines))
	}
}

func TestLicenseStatusOffline(t *testing.T) {
	r := newLicenseRig(t)
	if code, _, errOut := r.activate(); code != 0 {
		t.Fatal(errOut)
	}
	r.server.Close() // status never touches the network
	day := 24 * time.Hour

	code, out, errOut := r.run("license", "status")
	if code != 0 || !strings.HasPrefix(out, "licensed: standard edition, license lic_double") || errOut != "" {
		t.Errorf("fresh: exit %d, %q, %q", code, out, errOut)
	}
	r.clock = r.clock.Add(2 * day)
	code, out, _ = r.run("license", "status", "--json")
	var s licenseState
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil || s.Status != "valid" || !s.RefreshDue || !s.Licensed {
		t.Errorf("two days old: exit %d, %s", code, out)
	}

	r.clock = time.Unix(1755993600, 0).Add(lease.Lifetime + 3*day)
	code, out, errOut = r.run("license", "status")
	if code != 0 || !strings.Contains(out, "grace period") || !strings.Contains(errOut, "warning: the lease expired on") {
		t.Errorf("in grace: exit %d, %q, %q", code, out, errOut)
	}

	r.clock = time.Unix(1755993600, 0).Add(lease.Lifetime + lease.Grace)
	code, out, errOut = r.run("license", "status", "--json")
	if code != 1 || !strings.Contains(out, `"status":"expired"`) || !strings.Contains(errOut, "grace period ended") {
		t.Errorf("past grace: exit %d, %q, %q", code, out, errOut)
	}

	r.clock = time.Unix(1755993600, 0).Add(-6 * time.Minute)
	code, out, _ = r.run("license", "status", "--json")
	if code != 1 || !strings.Contains(out, `"code":"NOT_YET_VALID"`) {
		t.Errorf("clock turned back: exit %d, %q", code, out)
	}
}

func TestLicenseStatusRefusesTamperedAndCopiedLeases(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	path := r.vars["LOCAL_MEMORY_LICENSE_FILE"]
	original := r.file()

	tampered := original
	body := strings.Split(tampered.Lease, ".")
	payload := []byte(body[2])
	payload[5] ^= 1 // one base64url character of the payload
	if payload[5] == '-' || payload[5] == '_' {
		payload[5] = 'A'
	}
	body[2] = string(payload)
	tampered.Lease = strings.Join(body, ".")
	if err := writeLicenseFile(path, &tampered); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := r.run("license", "status", "--json"); code != 1 || !strings.Contains(out, `"status":"invalid"`) || errOut == "" {
		t.Errorf("tampered lease: exit %d, %q, %q", code, out, errOut)
	}

	// A forged lease with a keyset swapped in the file: the product's embedded key refuses it.
	forger := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
	forged, _ := lease.Sign(lease.Claims{V: 1, Iss: "me", Sub: "lic_double", Edn: "standard", Ent: []string{}, Max: 99, Mid: r.machine,
		Iat: r.clock.Unix(), Exp: r.clock.Add(lease.Lifetime).Unix(), Jti: "x"}, forger, "k1", []byte(lease.Implicit))
	swapped := original
	swapped.Lease, swapped.Keyset = forged, map[string]string{"k1": hex.EncodeToString(forger.Public().(ed25519.PublicKey))}
	writeLicenseFile(path, &swapped)
	if code, out, _ := r.run("license", "status", "--json", "--kid", "k1"); code != 1 || !strings.Contains(out, `"code":"BAD_SIGNATURE"`) {
		t.Errorf("forged lease under the embedded key: exit %d, %q", code, out)
	}

	// The file copied to another machine.
	writeLicenseFile(path, &original)
	other := filepath.Join(r.dir, "other-machine-id")
	os.WriteFile(other, []byte("ffffffffffffffffffffffffffffffff"), 0o600)
	if code, out, _ := r.run("license", "status", "--json", "--machine-id-file", other); code != 1 || !strings.Contains(out, `"code":"MACHINE_MISMATCH"`) {
		t.Errorf("copied license file: exit %d, %q", code, out)
	}
}

func TestLicenseRefresh(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	before := r.file().Lease

	r.clock = r.clock.Add(2 * time.Hour)
	if code, out, _ := r.run("license", "refresh", "--if-due"); code != 0 || !strings.Contains(out, "nothing to do") || len(r.double.requests) != 1 {
		t.Errorf("--if-due on a fresh lease: exit %d, %q, %d requests", code, out, len(r.double.requests))
	}
	r.clock = r.clock.Add(lease.Lifetime) // expired, within grace: renewed
	code, out, errOut := r.run("license", "refresh")
	after := r.file()
	if code != 0 || !strings.HasPrefix(out, "refreshed: license lic_double") || after.Lease == before {
		t.Fatalf("refresh: exit %d, %q, %q", code, out, errOut)
	}
	claims, _ := lease.Verify(after.Lease, map[string]ed25519.PublicKey{"k1": r.double.key.Public().(ed25519.PublicKey)}, []byte(lease.Implicit), r.clock)
	if claims.Iat != r.clock.Unix() {
		t.Errorf("refreshed lease issued at %d, want %d", claims.Iat, r.clock.Unix())
	}
}

func TestLicenseRefreshHonoursTheAPIFromTheEnvironment(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	// The site moved: the license file still names the old address, which no longer answers.
	moved := httptest.NewServer(r.server.Config.Handler)
	defer moved.Close()
	r.server.Close()
	r.vars["LOCAL_MEMORY_API_URL"] = moved.URL
	n := len(r.double.requests)
	code, out, errOut := r.run("license", "refresh")
	if code != 0 || !strings.HasPrefix(out, "refreshed: license lic_double") || len(r.double.requests) != n+1 {
		t.Fatalf("refresh with LOCAL_MEMORY_API_URL: exit %d, %q, %q, %d requests", code, out, errOut, len(r.double.requests)-n)
	}
	// --api still wins over the environment.
	r.vars["LOCAL_MEMORY_API_URL"] = "http://127.0.0.1:1"
	if code, out, errOut := r.run("license", "refresh", "--api", moved.URL); code != 0 {
		t.Errorf("refresh with --api over the environment: exit %d, %q, %q", code, out, errOut)
	}
	r.vars["LOCAL_MEMORY_API_URL"] = "ftp://localmemory.test"
	if code, _, errOut := r.run("license", "refresh"); code != 2 || !strings.Contains(errOut, "site's address") {
		t.Errorf("refresh with a wrong LOCAL_MEMORY_API_URL: exit %d, %q", code, errOut)
	}
}

func TestLicenseRefreshWithTheAPIUnreachable(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	r.server.Close()
	r.clock = r.clock.Add(2 * 24 * time.Hour) // due
	code, _, errOut := r.run("license", "refresh", "--if-due")
	if code != 0 || !strings.Contains(errOut, "warning: could not reach the licensing API") || !strings.Contains(errOut, "still licensed") {
		t.Errorf("background refresh offline: exit %d, %q", code, errOut)
	}
	code, out, errOut := r.run("license", "refresh", "--json")
	if code != 1 || !strings.Contains(out, `"code":"API_UNREACHABLE"`) || !strings.Contains(errOut, "still licensed") {
		t.Errorf("asked refresh offline: exit %d, %q, %q", code, out, errOut)
	}
	if code, _, _ := r.run("license", "status"); code != 0 {
		t.Errorf("status after a failed refresh: exit %d", code)
	}
}

func TestLicenseRefreshRevoked(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	r.double.revoked = true
	code, out, errOut := r.run("license", "refresh", "--json")
	if code != 1 || !strings.Contains(out, `"code":"REVOKED"`) || !strings.Contains(errOut, "refunded or disputed") {
		t.Errorf("refresh of a revoked license: exit %d, %q, %q", code, out, errOut)
	}
	if f := r.file(); f.Refused == nil || f.Refused.Code != "revoked" {
		t.Errorf("revocation not recorded: %+v", f.Refused)
	}
	// The lease itself is still within its time, but the API's word stands, offline too.
	code, out, errOut = r.run("license", "status", "--json")
	if code != 1 || !strings.Contains(out, `"status":"refused"`) || !strings.Contains(errOut, "REVOKED") {
		t.Errorf("status after revocation: exit %d, %q, %q", code, out, errOut)
	}
	n := len(r.double.requests)
	if code, _, _ := r.run("license", "refresh"); code != 1 || len(r.double.requests) != n {
		t.Errorf("refresh of a recorded revocation asked the API again (exit %d)", code)
	}
}

func TestLicenseDeactivate(t *testing.T) {
	r := newLicenseRig(t)
	r.activate()
	r.vars["LOCAL_MEMORY_LICENSE_KEY"] = testLicenseKey
	code, out, errOut := r.run("license", "deactivate")
	if code != 0 || !strings.Contains(out, "deactivated this machine") || len(r.double.machines) != 0 {
		t.Fatalf("deactivate: exit %d, %q, %q", code, out, errOut)
	}
	if _, err := os.Stat(r.vars["LOCAL_MEMORY_LICENSE_FILE"]); !os.IsNotExist(err) {
		t.Errorf("license file kept after deactivation: %v", err)
	}
	if code, _, errOut := r.run("license", "status"); code != 1 || !strings.Contains(errOut, "not activated") {
		t.Errorf("status after deactivation: exit %d, %q", code, errOut)
	}
	code, out, _ = r.run("license", "deactivate", "--api", r.server.URL, "--json")
	if code != 1 || !strings.Contains(out, `"code":"ACTIVATION_NOT_FOUND"`) {
		t.Errorf("deactivate twice: exit %d, %q", code, out)
	}
}

func TestLicenseActivationLimit(t *testing.T) {
	r := newLicenseRig(t)
	r.double.machines = map[string]string{"AAAAAAAAAAAAAAAAAAAAAA": "desk", "BBBBBBBBBBBBBBBBBBBBBB": "studio"}
	code, out, errOut := r.activate()
	if code != 1 || out != "" {
		t.Fatalf("over the limit: exit %d, %q", code, out)
	}
	for _, want := range []string{"activation refused", "AAAAAAAAAAAAAAAAAAAAAA", "desk", "BBBBBBBBBBBBBBBBBBBBBB", "studio", "license deactivate --machine ID"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("activation_limit message lacks %q: %s", want, errOut)
		}
	}
	if _, err := os.Stat(r.vars["LOCAL_MEMORY_LICENSE_FILE"]); !os.IsNotExist(err) {
		t.Errorf("a license file was written on refusal")
	}
	code, out, _ = r.activate("--json")
	if code != 1 || !strings.Contains(out, `"code":"ACTIVATION_LIMIT"`) || !strings.Contains(out, `"machine":"AAAAAAAAAAAAAAAAAAAAAA"`) {
		t.Errorf("--json over the limit: %q", out)
	}
	// Free one from here, then this machine activates.
	r.vars["LOCAL_MEMORY_LICENSE_KEY"] = testLicenseKey
	if code, out, errOut := r.run("license", "deactivate", "--machine", "AAAAAAAAAAAAAAAAAAAAAA", "--api", r.server.URL); code != 0 || !strings.Contains(out, "deactivated machine AAAAAAAAAAAAAAAAAAAAAA") {
		t.Fatalf("deactivate another machine: exit %d, %q, %q", code, out, errOut)
	}
	if code, _, errOut := r.run("license", "activate", "--api", r.server.URL); code != 0 {
		t.Errorf("activate after freeing a seat: exit %d, %q", code, errOut)
	}
}

func TestLicenseAPIRefusals(t *testing.T) {
	r := newLicenseRig(t)
	if code, out, _ := r.run("license", "activate", "LM-AAAA-AAAA-AAAA-AAAA-AAAA", "--api", r.server.URL, "--json"); code != 1 || !strings.Contains(out, `"code":"LICENSE_NOT_FOUND"`) {
		t.Errorf("unknown key: exit %d, %q", code, out)
	}
	r.double.revoked = true
	if code, _, errOut := r.activate(); code != 1 || !strings.Contains(errOut, "(revoked)") {
		t.Errorf("revoked: exit %d, %q", code, errOut)
	}
	limited := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(429)
		w.Write([]byte(`{"error":{"code":"rate_limited","message":"Too many license requests; wait a few minutes and try again"}}`))
	}))
	defer limited.Close()
	if code, _, errOut := r.run("license", "activate", testLicenseKey, "--api", limited.URL); code != 1 || !strings.Contains(errOut, "wait 120 seconds") {
		t.Errorf("429: exit %d, %q", code, errOut)
	}
	for name, token := range map[string]string{
		"another key's lease": func() string {
			d, _ := newLicensingDouble(t, func() time.Time { return r.clock })
			d.key = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32))
			return d.sign(r.machine)
		}(),
		"another machine's lease": r.double.sign("AAAAAAAAAAAAAAAAAAAAAA"),
	} {
		bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(201)
			json.NewEncoder(w).Encode(map[string]interface{}{"lease": token, "activation": map[string]interface{}{}})
		}))
		code, out, errOut := r.run("license", "activate", testLicenseKey, "--api", bad.URL, "--json")
		bad.Close()
		if code != 1 || !strings.Contains(out, `"code":"BAD_LEASE_FROM_API"`) || !strings.Contains(errOut, "nothing was written") {
			t.Errorf("%s: exit %d, %q, %q", name, code, out, errOut)
		}
		if _, err := os.Stat(r.vars["LOCAL_MEMORY_LICENSE_FILE"]); !os.IsNotExist(err) {
			t.Errorf("%s was written", name)
		}
	}
	notOurs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(502) }))
	defer notOurs.Close()
	if code, _, errOut := r.run("license", "activate", testLicenseKey, "--api", notOurs.URL); code != 1 || !strings.Contains(errOut, "without a licensing error body") {
		t.Errorf("502 without a body: exit %d, %q", code, errOut)
	}
}

func TestLicenseUsageErrors(t *testing.T) {
	r := newLicenseRig(t)
	cases := []struct {
		name string
		args []string
	}{
		{"activate without a key", []string{"license", "activate", "--api", r.server.URL}},
		{"activate with a bad key", []string{"license", "activate", "LM-1234", "--api", r.server.URL}},
		{"activate without --api", []string{"license", "activate", testLicenseKey}},
		{"activate with a bad --api", []string{"license", "activate", testLicenseKey, "--api", "ftp://x"}},
		{"activate with two keys", []string{"license", "activate", testLicenseKey, testLicenseKey, "--api", r.server.URL}},
		{"activate with a short --public-key", []string{"license", "activate", testLicenseKey, "--api", r.server.URL, "--public-key", "abcd"}},
		{"status with an argument", []string{"license", "status", "extra"}},
		{"status with an unknown option", []string{"license", "status", "--frob"}},
		{"refresh with an argument", []string{"license", "refresh", "now"}},
		{"deactivate with a bad --machine", []string{"license", "deactivate", testLicenseKey, "--machine", "short"}},
		{"deactivate without a key", []string{"license", "deactivate", "--api", r.server.URL}},
	}
	for _, c := range cases {
		code, _, errOut := r.run(c.args...)
		if code != 2 || !strings.Contains(errOut, "usage") {
			t.Errorf("%s: exit %d, %q", c.name, code, errOut)
		}
	}
	if len(r.double.requests) != 0 {
		t.Errorf("usage errors reached the API: %v", r.double.requests)
	}
	noKey := newLicenseRig(t)
	delete(noKey.vars, "LOCAL_MEMORY_LEASE_PUBLIC_KEY")
	if code, _, errOut := noKey.activate(); code != 2 || !strings.Contains(errOut, "--public-key") {
		t.Errorf("activate without a public key: exit %d, %q", code, errOut)
	}
	for _, topic := range []string{"license activate", "license status", "license refresh", "license deactivate"} {
		if code, out, _ := r.run(append(strings.Fields(topic), "--help")...); code != 0 || !strings.Contains(out, "usage: local-memory-ref "+topic) {
			t.Errorf("%s --help: exit %d, %q", topic, code, out)
		}
	}
}

func TestLicenseStatusWithoutALicenseFile(t *testing.T) {
	r := newLicenseRig(t)
	code, out, errOut := r.run("license", "status", "--json")
	if code != 1 || !strings.Contains(out, `"code":"NOT_ACTIVATED"`) || !strings.Contains(errOut, "license activate KEY") {
		t.Errorf("no license file: exit %d, %q, %q", code, out, errOut)
	}
	os.WriteFile(filepath.Join(r.dir, "broken.json"), []byte("{"), 0o600)
	if code, _, errOut := r.run("license", "status", "--license-file", filepath.Join(r.dir, "broken.json")); code != 1 || !strings.Contains(errOut, "not a license file") {
		t.Errorf("broken license file: exit %d, %q", code, errOut)
	}
	r.vars["LOCAL_MEMORY_MACHINE_ID_FILE"] = filepath.Join(r.dir, "absent")
	if code, _, errOut := r.run("license", "status"); code != 1 || !strings.Contains(errOut, "LOCAL_MEMORY_MACHINE_ID_FILE") {
		t.Errorf("no machine id: exit %d, %q", code, errOut)
	}
}
