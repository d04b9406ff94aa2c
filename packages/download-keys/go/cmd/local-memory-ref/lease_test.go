package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"localmemory.co/downloadkeys/lease"
)

func TestLeaseVerify(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	pub := hex.EncodeToString(key.Public().(ed25519.PublicKey))
	now := time.Unix(1755993600, 0) // runWith's clock
	claims := lease.Claims{V: 1, Iss: "i", Sub: "lic", Edn: "pro", Ent: []string{}, Max: 3,
		Mid: "PPXR2m7hMcKS3TzkI6mqQg", Iat: now.Unix(), Exp: now.Add(lease.Lifetime).Unix(), Jti: "j"}
	token, err := lease.Sign(claims, key, "k1", []byte(lease.Implicit))
	if err != nil {
		t.Fatal(err)
	}
	verify := []string{"lease", "verify", "--public-key", pub, "--implicit", "local-memory"}

	code, out, errOut := runWith(verify, nil, token+"\n")
	if code != 0 || errOut != "" {
		t.Fatalf("valid lease: exit %d, %s", code, errOut)
	}
	var got map[string]interface{}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got["sub"] != "lic" || got["upd"] != nil {
		t.Fatalf("claims JSON %q: %v", out, err)
	}
	if !strings.HasPrefix(out, `{"v":1,"iss":"i","sub":"lic","edn":"pro","ent":[],"max":3,`) {
		t.Errorf("claims not in the documented order: %s", out)
	}

	const vector = "v4.public.eyJkYXRhIjoidGhpcyBpcyBhIHNpZ25lZCBtZXNzYWdlIiwiZXhwIjoiMjAyMi0wMS0wMVQwMDowMDowMCswMDowMCJ9bg_XBBzds8lTZShVlwwKSgeKpLT3yukTw6JUz3W4h_ExsQV-P0V54zemZDcAxFaSeef1QlXEFtkqxT1ciiQEDA"
	official := []string{"lease", "verify", "--public-key", "1eb9dbbbbc047c03fd70604e0071f0987e16b28b757225c11f00415d0e20b1a2", "--implicit", ""}
	cases := []struct {
		name  string
		args  []string
		stdin string
		code  int
		out   string
	}{
		{"4-S-1 signature only", append(official, "--signature-only"), vector, 0, `{"data":"this is a signed message"`},
		{"4-S-1 is no lease", append(official, "--json"), vector, 1, `"code":"MALFORMED"`},
		{"expired", append(verify, "--at", "1900000000", "--json"), token, 1, `"code":"EXPIRED"`},
		{"clock turned back", append(verify, "--at", "1755993000", "--json"), token, 1, `"code":"NOT_YET_VALID"`},
		{"wrong kid", append(verify, "--kid", "k2", "--json"), token, 1, `"code":"UNKNOWN_KID"`},
		{"wrong implicit", []string{"lease", "verify", "--public-key", pub, "--implicit", "x", "--json"}, token, 1, `"code":"BAD_SIGNATURE"`},
		{"local token", append(verify, "--json"), strings.Replace(token, "v4.public", "v4.local", 1), 1, `"code":"WRONG_PURPOSE"`},
		{"no subcommand", []string{"lease"}, token, 2, ""},
		{"no public key", []string{"lease", "verify", "--implicit", "local-memory"}, token, 2, ""},
		{"short public key", []string{"lease", "verify", "--public-key", "abcd", "--implicit", "i"}, token, 2, ""},
		{"no implicit", []string{"lease", "verify", "--public-key", pub}, token, 2, ""},
		{"empty stdin", verify, "\n", 2, ""},
		{"bad --at", append(verify, "--at", "soon"), token, 2, ""},
		{"--at with --signature-only", append(verify, "--at", "1", "--signature-only"), token, 2, ""},
		{"--kid with --signature-only", append(verify, "--kid", "k", "--signature-only"), token, 2, ""},
		{"extra argument", append(verify, "extra"), token, 2, ""},
		{"unknown option", append(verify, "--private-key", "x"), token, 2, ""},
	}
	for _, c := range cases {
		code, out, errOut := runWith(c.args, nil, c.stdin)
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%s: exit %d (want %d), stdout %q, stderr %q", c.name, code, c.code, out, errOut)
		}
		if c.code != 0 && errOut == "" {
			t.Errorf("%s: nothing on stderr", c.name)
		}
	}
	if code, out, _ := runWith([]string{"help", "lease", "verify"}, nil, ""); code != 0 || !strings.Contains(out, "--signature-only") {
		t.Errorf("help lease verify: %d %s", code, out)
	}
}
