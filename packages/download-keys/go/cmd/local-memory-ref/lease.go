package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"localmemory.co/downloadkeys/lease"
)

var publicKeyHex = regexp.MustCompile(`^[0-9a-fA-F]{64}$`)

// leaseVerify is `lease verify`: the token on stdin, checked offline with one public key;
// the claims too unless --signature-only. Exit 0 valid, 1 invalid (with the code), 2 usage.
func leaseVerify(args []string, e env) (int, error) {
	fs := newFlagSet("lease verify", e)
	keyText := fs.String("public-key", "", "Ed25519 public key, 64 hex characters")
	implicit := fs.String("implicit", "", "implicit assertion")
	kid := fs.String("kid", "", "the key id the footer must name (default: any)")
	signatureOnly := fs.Bool("signature-only", false, "check only the signature")
	at := fs.String("at", "", "Unix seconds or RFC 3339 date (default: now)")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	implicitSet := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "implicit" {
			implicitSet = true
		}
	})
	switch {
	case *keyText == "":
		return 2, usageError{"lease verify needs --public-key HEX"}
	case !publicKeyHex.MatchString(*keyText):
		return 2, usageError{"--public-key: the Ed25519 public key is 64 hex characters (32 bytes)"}
	case !implicitSet:
		return 2, usageError{"lease verify needs --implicit TEXT (local-memory for leases)"}
	case *signatureOnly && (*at != "" || *kid != ""):
		return 2, usageError{"--signature-only checks no claims: it takes neither --at nor --kid"}
	}
	now, err := parseTime(*at, e)
	if err != nil {
		return 2, err
	}
	raw, err := io.ReadAll(e.stdin)
	if err != nil {
		return 1, err
	}
	token := strings.TrimSpace(string(raw))
	if token == "" {
		return 2, usageError{"give the token on stdin"}
	}
	publicKey, _ := hex.DecodeString(*keyText)
	refuse := func(err error) (int, error) {
		if *asJSON {
			writeJSON(e.stdout, map[string]interface{}{"error": map[string]string{"code": lease.Code(err), "message": err.Error()}})
		}
		fmt.Fprintf(e.stderr, "invalid: %s: %s\n", lease.Code(err), err)
		return 1, nil
	}
	if *signatureOnly {
		payload, _, err := lease.VerifyV4Public(token, publicKey, []byte(*implicit), nil)
		if err != nil {
			return refuse(err)
		}
		fmt.Fprintln(e.stdout, string(payload))
		return 0, nil
	}
	keyID := *kid
	if keyID == "" {
		if keyID, err = lease.Kid(token); err != nil {
			return refuse(err)
		}
	}
	keyset := map[string]ed25519.PublicKey{keyID: publicKey}
	claims, err := lease.Verify(token, keyset, []byte(*implicit), time.Unix(now, 0))
	if err != nil {
		return refuse(err)
	}
	writeJSON(e.stdout, claims)
	return 0, nil
}
