package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	dk "localmemory.co/downloadkeys"
)

// batchCase is one line of the batch protocol. The secret travels in the case because batch
// mode is a test interface for cross-checking many secrets in one process; it accepts any
// non-empty secret, like the library functions themselves.
type batchCase struct {
	Op          string `json:"op"`
	SessionID   string `json:"sessionId"`
	Secret      string `json:"secret"`
	Key         string `json:"key"`
	Window      int64  `json:"window"`
	Platform    string `json:"platform"`
	UnixSeconds int64  `json:"unixSeconds"`
}

func errorCode(err error) string {
	if e, ok := err.(*dk.Error); ok {
		return e.Code
	}
	return "ERROR"
}

func answer(c batchCase) map[string]interface{} {
	switch c.Op {
	case "license":
		key, err := dk.GenerateLicenseKey(c.SessionID, c.Secret)
		if err != nil {
			return map[string]interface{}{"error": errorCode(err)}
		}
		return map[string]interface{}{"key": key}
	case "verify":
		ok, err := dk.VerifyLicenseKey(c.Key, c.SessionID, c.Secret)
		if err != nil {
			return map[string]interface{}{"error": errorCode(err)}
		}
		return map[string]interface{}{"match": ok}
	case "format":
		p := dk.ValidateFormat(c.Key)
		return map[string]interface{}{"valid": len(p) == 0, "problems": p}
	case "hash":
		h, err := dk.DownloadHash(c.Secret, c.Window, c.Platform)
		if err != nil {
			return map[string]interface{}{"error": errorCode(err)}
		}
		tail, _ := dk.ObjectTail(c.Secret, c.Window, c.Platform)
		return map[string]interface{}{"hash": h, "tail": tail}
	case "window":
		w, err := dk.WindowAt(c.UnixSeconds)
		if err != nil {
			return map[string]interface{}{"error": errorCode(err)}
		}
		exp, _ := dk.LinkExpiresAt(c.UnixSeconds)
		return map[string]interface{}{"window": w, "expiresAt": exp}
	case "session":
		return map[string]interface{}{"valid": dk.IsCheckoutSessionID(c.SessionID)}
	}
	return map[string]interface{}{"error": "UNKNOWN_OP"}
}

// batch answers one JSON line per input line, in order. A line that is not JSON is a usage
// error for the whole run: the caller's harness is broken, and half an answer would mislead.
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
	}
	if err := in.Err(); err != nil {
		return 1, err
	}
	return 0, nil
}
