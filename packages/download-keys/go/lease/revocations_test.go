package lease

import (
	"bytes"
	"crypto/ed25519"
	"testing"
	"time"
)

func signedList(t *testing.T, key ed25519.PrivateKey, kid, payload string) string {
	t.Helper()
	footer, _ := marshal(map[string]string{"kid": kid})
	return SignV4Public([]byte(payload), key, footer, []byte(Implicit))
}

func TestVerifyRevocations(t *testing.T) {
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, 32))
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{4}, 32))
	keyset := map[string]ed25519.PublicKey{"k1": key.Public().(ed25519.PublicKey)}
	now := time.Unix(1_800_000_100, 0)
	good := `{"iat":1800000000,"next":1800000300,"revoked":["lic_a","lic_b"]}`

	l, err := VerifyRevocations(signedList(t, key, "k1", good), keyset, []byte(Implicit), now)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Names("lic_b") || l.Names("lic_c") || l.Iat != 1800000000 || l.Next != 1800000300 {
		t.Fatalf("got %+v", l)
	}
	empty, err := VerifyRevocations(signedList(t, key, "k1", `{"iat":1800000000,"next":1800000300,"revoked":[]}`), keyset, []byte(Implicit), now)
	if err != nil || empty.Names("lic_a") {
		t.Fatalf("an empty list names nobody: %+v, %v", empty, err)
	}

	for _, c := range []struct {
		id, token, code string
		at              time.Time
	}{
		{"another key under our kid", signedList(t, other, "k1", good), BadSignature, now},
		{"unknown kid", signedList(t, key, "k9", good), UnknownKid, now},
		{"another implicit", SignV4Public([]byte(good), key, []byte(`{"kid":"k1"}`), []byte("other")), BadSignature, now},
		{"next passed", signedList(t, key, "k1", good), Expired, time.Unix(1800000300, 0)},
		{"issued in the future", signedList(t, key, "k1", good), NotYetValid, time.Unix(1800000000-301, 0)},
		{"revoked not an array", signedList(t, key, "k1", `{"iat":1800000000,"next":1800000300,"revoked":"lic_a"}`), Malformed, now},
		{"a number in revoked", signedList(t, key, "k1", `{"iat":1800000000,"next":1800000300,"revoked":[7]}`), Malformed, now},
		{"next before iat", signedList(t, key, "k1", `{"iat":1800000000,"next":1800000000,"revoked":[]}`), Malformed, now},
		{"a lease, not a list", signedList(t, key, "k1", `{"v":1}`), Malformed, now},
		{"not a token", "v4.public.nope", Malformed, now},
	} {
		if _, err := VerifyRevocations(c.token, keyset, []byte(Implicit), c.at); Code(err) != c.code {
			t.Errorf("%s: got %v, want %s", c.id, err, c.code)
		}
	}
}
