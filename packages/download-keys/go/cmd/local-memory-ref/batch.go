package main

import (
	"bufio"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	dk "localmemory.co/downloadkeys"
	"localmemory.co/downloadkeys/lease"
)

// batchCase is one line of the batch protocol. The secret travels in the case because batch
// mode is a test interface for cross-checking many secrets in one process; it accepts any
// non-empty secret, like the library functions themselves. Field names follow the shared
// vocabulary (docs/algorithms.md).
type batchCase struct {
	Op          string `json:"op"`
	SessionID   string `json:"sessionId"`
	Secret      string `json:"secret"`
	LicenseKey  string `json:"licenseKey"`
	TimeWindow  int64  `json:"timeWindow"`
	Platform    string `json:"platform"`
	Prefix      string `json:"prefix"`
	UnixSeconds int64  `json:"unixSeconds"`
	Text        string `json:"text"`
	// Leases: the token, hex keys (a 32-byte public key, a 32-byte private seed), the kid and
	// implicit assertion, and the claims to sign.
	Lease     string          `json:"lease"`
	PublicKey string          `json:"publicKey"`
	Seed      string          `json:"seed"`
	Kid       string          `json:"kid"`
	Implicit  string          `json:"implicit"`
	Claims    json.RawMessage `json:"claims"`
}

type answerMap = map[string]interface{}

func errorAnswer(err error) answerMap { return answerMap{"error": dk.ErrorCode(err)} }

func answer(c batchCase) answerMap {
	switch c.Op {
	case "license":
		key, err := dk.GenerateLicenseKey(c.SessionID, c.Secret)
		if err != nil {
			return errorAnswer(err)
		}
		return answerMap{"licenseKey": key}
	case "verify":
		ok, err := dk.VerifyLicenseKey(c.LicenseKey, c.SessionID, c.Secret)
		if err != nil {
			return errorAnswer(err)
		}
		return answerMap{"verified": ok}
	case "format":
		p := dk.ValidateFormat(c.LicenseKey)
		return answerMap{"valid": len(p) == 0, "problems": p}
	case "normalize":
		key := dk.NormalizeLicenseKey(c.LicenseKey)
		p := dk.ValidateFormat(key)
		return answerMap{"licenseKey": key, "valid": len(p) == 0, "problems": p}
	case "hash":
		h, err := dk.DownloadHash(c.Secret, c.TimeWindow, c.Platform)
		if err != nil {
			return errorAnswer(err)
		}
		key, err := dk.S3Key(c.Secret, c.TimeWindow, c.Platform, c.Prefix)
		if err != nil {
			return errorAnswer(err)
		}
		return answerMap{"downloadHash": h, "s3Key": key}
	case "window":
		w, err := dk.TimeWindowAt(c.UnixSeconds)
		if err != nil {
			return errorAnswer(err)
		}
		exp, _ := dk.LinkExpiresAt(c.UnixSeconds)
		return answerMap{"timeWindow": w, "expiresAt": exp}
	case "session":
		return answerMap{"valid": dk.IsCheckoutSessionID(c.SessionID)}
	case "number":
		n, err := dk.ParseSafeUint(c.Text, "value")
		if err != nil {
			return errorAnswer(err)
		}
		return answerMap{"value": n}
	case "lease-verify":
		pub, err := hex.DecodeString(c.PublicKey)
		if err != nil {
			return answerMap{"error": "BAD_CASE"}
		}
		keyset := map[string]ed25519.PublicKey{c.Kid: pub}
		claims, err := lease.Verify(c.Lease, keyset, []byte(c.Implicit), time.Unix(c.UnixSeconds, 0))
		if err != nil {
			return answerMap{"error": lease.Code(err)}
		}
		return answerMap{"claims": claims}
	case "lease-sign":
		seed, err := hex.DecodeString(c.Seed)
		var claims lease.Claims
		if err != nil || len(seed) != ed25519.SeedSize || json.Unmarshal(c.Claims, &claims) != nil {
			return answerMap{"error": "BAD_CASE"}
		}
		token, err := lease.Sign(claims, ed25519.NewKeyFromSeed(seed), c.Kid, []byte(c.Implicit))
		if err != nil {
			return answerMap{"error": lease.Code(err)}
		}
		return answerMap{"lease": token}
	}
	return answerMap{"error": "UNKNOWN_OP"}
}

// batch answers one JSON line per input line, in order, flushing each answer so a caller can
// hold a conversation (one case, one answer: the fast-check properties do). A line that is not
// JSON is a usage error for the whole run: the caller's harness is broken, and half an answer
// would mislead.
func batch(e env) (int, error) {
	in := bufio.NewScanner(e.stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	line := 0
	for in.Scan() {
		line++
		if len(in.Bytes()) == 0 {
			continue
		}
		var c batchCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			return 2, usageError{fmt.Sprintf("batch line %d is not a JSON case: %v", line, err)}
		}
		if err := enc.Encode(answer(c)); err != nil {
			return 1, err
		}
		if err := out.Flush(); err != nil {
			return 1, err
		}
	}
	if err := in.Err(); err != nil {
		return 1, err
	}
	return 0, nil
}
