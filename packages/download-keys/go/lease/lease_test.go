package lease

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

type pasetoCase struct {
	ID            string  `json:"id"`
	Comment       string  `json:"comment"`
	ExpectFail    bool    `json:"expectFail"`
	PublicKey     string  `json:"publicKey"`
	SecretKeySeed string  `json:"secretKeySeed"`
	Token         string  `json:"token"`
	Payload       *string `json:"payload"`
	Footer        string  `json:"footer"`
	Implicit      string  `json:"implicit"`
	Error         string  `json:"error"`
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The official PASETO v4.public vectors (transcribed into ../../vectors/paseto-v4-public.json),
// the same file the TypeScript suite runs.
func TestPasetoV4PublicVectors(t *testing.T) {
	raw, err := os.ReadFile("../../vectors/paseto-v4-public.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []pasetoCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	official := 0
	for _, c := range file.Cases {
		if strings.HasPrefix(c.ID, "4-") {
			official++
		}
		t.Run(c.ID, func(t *testing.T) {
			pub := ed25519.PublicKey(mustHex(t, c.PublicKey))
			if c.ExpectFail {
				if c.Payload != nil {
					t.Fatal("a failing case has no payload")
				}
				_, _, err := VerifyV4Public(c.Token, pub, []byte(c.Implicit), nil)
				if Code(err) != c.Error {
					t.Fatalf("got %v (%s), want %s", err, Code(err), c.Error)
				}
				return
			}
			payload, footer, err := VerifyV4Public(c.Token, pub, []byte(c.Implicit), []byte(c.Footer))
			if err != nil {
				t.Fatal(err)
			}
			if string(payload) != *c.Payload || string(footer) != c.Footer {
				t.Fatalf("payload %q footer %q", payload, footer)
			}
			priv := ed25519.NewKeyFromSeed(mustHex(t, c.SecretKeySeed))
			if got := SignV4Public([]byte(*c.Payload), priv, []byte(c.Footer), []byte(c.Implicit)); got != c.Token {
				t.Fatalf("signing did not reproduce the token:\n got %s\nwant %s", got, c.Token)
			}
		})
	}
	if official != 7 {
		t.Fatalf("want the 7 official cases 4-S-1…4-S-3, 4-F-1…4-F-4, got %d", official)
	}
}

var (
	testSeed = mustSeed("0102030405060708091011121314151617181920212223242526272829303132")
	testKey  = ed25519.NewKeyFromSeed(testSeed)
	otherKey = ed25519.NewKeyFromSeed(mustSeed("a1a2a3a4a5a6a7a8a9b0b1b2b3b4b5b6b7b8b9c0c1c2c3c4c5c6c7c8c9d0d1d2"))
	keyset   = map[string]ed25519.PublicKey{"k1": testKey.Public().(ed25519.PublicKey)}
	issued   = time.Unix(1767225600, 0) // 2026-01-01T00:00:00Z
)

func mustSeed(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func claims() Claims {
	upd := int64(1798761600)
	return Claims{
		V: 1, Iss: "https://localmemory.co", Sub: "lic_01", Edn: "pro", Ent: []string{"updates"},
		Max: 3, Mid: MachineID([]byte("b08dfa6083e7567a1921a715000001fb")),
		Iat: issued.Unix(), Exp: issued.Add(Lifetime).Unix(), Upd: &upd, Jti: "lease_01",
	}
}

func sign(t *testing.T, c Claims, key ed25519.PrivateKey, kid string) string {
	t.Helper()
	token, err := Sign(c, key, kid, []byte(Implicit))
	if err != nil {
		t.Fatal(err)
	}
	return token
}

func TestVerifyRules(t *testing.T) {
	good := sign(t, claims(), testKey, "k1")
	got, err := Verify(good, keyset, []byte(Implicit), issued.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got.Sub != "lic_01" || *got.Upd != 1798761600 || got.Ent[0] != "updates" {
		t.Fatalf("claims %+v", got)
	}
	noUpd := claims()
	noUpd.Upd = nil
	if c, err := Verify(sign(t, noUpd, testKey, "k1"), keyset, []byte(Implicit), issued); err != nil || c.Upd != nil {
		t.Fatalf("upd null: %v %+v", err, c)
	}
	cases := []struct {
		name  string
		token string
		now   time.Time
		code  string
	}{
		{"unknown kid", sign(t, claims(), testKey, "k2"), issued, UnknownKid},
		{"signed by another key", sign(t, claims(), otherKey, "k1"), issued, BadSignature},
		{"expired at exp", good, issued.Add(Lifetime), Expired},
		{"issued 5 min + 1 s ahead", good, issued.Add(-MaxClockSkew - time.Second), NotYetValid},
		{"no footer", SignV4Public([]byte(`{}`), testKey, nil, []byte(Implicit)), issued, Malformed},
		{"footer not JSON", SignV4Public([]byte(`{}`), testKey, []byte("k1"), []byte(Implicit)), issued, Malformed},
		{"KID is not kid", SignV4Public([]byte(`{}`), testKey, []byte(`{"KID":"k1"}`), []byte(Implicit)), issued, Malformed},
		{"payload not an object", SignV4Public([]byte(`[]`), testKey, []byte(`{"kid":"k1"}`), []byte(Implicit)), issued, Malformed},
		{"a local token", strings.Replace(good, "v4.public.", "v4.local.", 1), issued, WrongPurpose},
	}
	for _, c := range cases {
		if _, err := Verify(c.token, keyset, []byte(Implicit), c.now); Code(err) != c.code {
			t.Errorf("%s: got %v (%s), want %s", c.name, err, Code(err), c.code)
		}
	}
	if _, err := Verify(good, keyset, []byte("other"), issued); Code(err) != BadSignature {
		t.Errorf("wrong implicit assertion: %v", err)
	}
	if _, err := Verify(good, keyset, []byte(Implicit), issued.Add(-MaxClockSkew)); err != nil {
		t.Errorf("exactly 5 minutes ahead is still accepted: %v", err)
	}
	_, err = Verify(good, keyset, []byte(Implicit), issued.Add(Lifetime+time.Hour))
	if e, ok := err.(*Error); !ok || e.Claims == nil || !InGrace(*e.Claims, issued.Add(Lifetime+time.Hour)) {
		t.Errorf("an expired lease carries its claims and is in grace: %v", err)
	}
	if InGrace(claims(), issued.Add(Lifetime+Grace)) || !RefreshDue(claims(), issued.Add(RefreshAfter)) || RefreshDue(claims(), issued) {
		t.Error("grace ends after 14 days; refresh is due after 24 h")
	}
}

func TestClaimsAreChecked(t *testing.T) {
	bad := []string{
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":10,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":3,"mid":"short","iat":10,"exp":20,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[1],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":20,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":0,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":20,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10.5,"exp":20,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":20,"jti":"j"}`,
		`{"v":1,"iss":"","sub":"s","edn":"e","ent":[],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":20,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":null,"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":20,"upd":null,"jti":"j"}`,
		`{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":10,"exp":9007199254740992,"upd":null,"jti":"j"}`,
		`null`,
	}
	for _, payload := range bad {
		if _, err := ParseClaims([]byte(payload)); Code(err) != Malformed {
			t.Errorf("%s: got %v", payload, err)
		}
	}
	ok := `{"v":1,"iss":"i","sub":"s","edn":"e","ent":[],"max":3,"mid":"PPXR2m7hMcKS3TzkI6mqQg","iat":1e1,"exp":20,"upd":null,"jti":"j","extra":true}`
	if c, err := ParseClaims([]byte(ok)); err != nil || c.Iat != 10 {
		t.Errorf("1e1 is the whole number 10 (as in JavaScript), extra members ignored: %v", err)
	}
}

// The machine id rule's vector (docs/algorithms.md, "Machine id"); computed independently with
// Python's hmac module.
func TestMachineID(t *testing.T) {
	for osID, want := range map[string]string{
		"b08dfa6083e7567a1921a715000001fb": "PPXR2m7hMcKS3TzkI6mqQg",
		"":                                 "masT3CDlln3NcGC9CWXuoA",
	} {
		if got := MachineID([]byte(osID)); got != want {
			t.Errorf("MachineID(%q) = %s, want %s", osID, got, want)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	token, err := Sign(claims(), testKey, "k1", []byte(Implicit))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Verify(token, keyset, []byte(Implicit), issued); err != nil {
			b.Fatal(err)
		}
	}
}
