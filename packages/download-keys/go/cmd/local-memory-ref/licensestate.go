package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"regexp"
	"runtime"
	"strings"
	"time"

	dk "localmemory.co/downloadkeys"
	"localmemory.co/downloadkeys/lease"
)

var machineIDText = regexp.MustCompile(`^[A-Za-z0-9_-]{22}$`)

// licenseFlags are the options every `license` product command shares.
type licenseFlags struct {
	file          *string
	machineIDFile *string
	publicKey     *string
	kid           *string
	asJSON        *bool
}

func addLicenseFlags(fs flagAdder) licenseFlags {
	return licenseFlags{
		file:          fs.String("license-file", "", "license file (default $LOCAL_MEMORY_LICENSE_FILE, else <config dir>/local-memory/license.json)"),
		machineIDFile: fs.String("machine-id-file", "", "file holding the OS machine id (default $LOCAL_MEMORY_MACHINE_ID_FILE, else the OS's own: /etc/machine-id, IOPlatformUUID, MachineGuid)"),
		publicKey:     fs.String("public-key", "", "the API's Ed25519 public key, 64 hex characters (default $LOCAL_MEMORY_LEASE_PUBLIC_KEY)"),
		kid:           fs.String("kid", "", "the key id of --public-key (default $LOCAL_MEMORY_LEASE_KID, else the kid the lease names)"),
		asJSON:        fs.Bool("json", false, "JSON output"),
	}
}

type flagAdder interface {
	String(name, value, usage string) *string
	Bool(name string, value bool, usage string) *bool
}

// givenKey is the public key from --public-key/--kid or the environment; nil when none given.
// kid "" means: the kid the lease names.
type givenKey struct {
	kid string
	key ed25519.PublicKey
}

func (f licenseFlags) givenKey(e env) (*givenKey, error) {
	text, kid := *f.publicKey, *f.kid
	if text == "" {
		text = e.getenv("LOCAL_MEMORY_LEASE_PUBLIC_KEY")
	}
	if kid == "" {
		kid = e.getenv("LOCAL_MEMORY_LEASE_KID")
	}
	if text == "" {
		if kid != "" {
			return nil, usageError{"--kid names the key of --public-key: give both"}
		}
		return nil, nil
	}
	if !publicKeyHex.MatchString(text) {
		return nil, usageError{"--public-key / LOCAL_MEMORY_LEASE_PUBLIC_KEY: the Ed25519 public key is 64 hex characters (32 bytes)"}
	}
	key, _ := hex.DecodeString(text)
	return &givenKey{kid, key}, nil
}

// keysetFor is the keyset a lease is checked with: the given key (under its kid, else the kid
// the token names), else the stored one.
func keysetFor(token string, given *givenKey, stored map[string]ed25519.PublicKey) map[string]ed25519.PublicKey {
	if given == nil {
		return stored
	}
	kid := given.kid
	if kid == "" {
		kid, _ = lease.Kid(token)
	}
	return map[string]ed25519.PublicKey{kid: given.key}
}

func hexKeyset(keys map[string]ed25519.PublicKey) map[string]string {
	out := make(map[string]string, len(keys))
	for kid, key := range keys {
		out[kid] = hex.EncodeToString(key)
	}
	return out
}

// The states of a license on this machine, decided offline.
const (
	stateValid   = "valid"   // the lease verifies and names this machine
	stateGrace   = "grace"   // expired less than lease.Grace ago: licensed, with a warning
	stateExpired = "expired" // past the grace period
	stateInvalid = "invalid" // refused: tampered, another machine's, unknown key, clock turned back
	stateRefused = "refused" // the API answered 410 (revoked, deactivated) to a refresh
)

// licenseState is what `license status` reports, and what the other commands check first.
type licenseState struct {
	Status      string `json:"status"`
	Licensed    bool   `json:"licensed"`
	LicenseID   string `json:"licenseId,omitempty"`
	Edition     string `json:"edition,omitempty"`
	Machine     string `json:"machine"`
	IssuedAt    int64  `json:"issuedAt,omitempty"`
	ExpiresAt   int64  `json:"expiresAt,omitempty"`
	GraceEndsAt int64  `json:"graceEndsAt,omitempty"`
	UpdatesTill *int64 `json:"updatesUntil,omitempty"`
	RefreshDue  bool   `json:"refreshDue"`
	Code        string `json:"code,omitempty"`
	Message     string `json:"message,omitempty"`
	// RevocationList is what a look at the signed revocation list found, when one was made.
	RevocationList *revocationCheck `json:"revocationList,omitempty"`
	claims         *lease.Claims
}

// assess applies the offline rules (docs/algorithms.md, "Offline rules") to the stored lease.
// It never touches the network.
func assess(f *licenseFile, keys map[string]ed25519.PublicKey, machine string, now time.Time) licenseState {
	s := licenseState{Machine: machine, LicenseID: f.LicenseID}
	if f.Refused != nil {
		s.Status, s.Code = stateRefused, strings.ToUpper(f.Refused.Code)
		s.Message = f.Refused.Message
		return s
	}
	claims, err := lease.Verify(f.Lease, keys, []byte(lease.Implicit), now)
	if err != nil {
		le, ok := err.(*lease.Error)
		if !ok || le.Code != lease.Expired || le.Claims == nil {
			s.Status, s.Code, s.Message = stateInvalid, lease.Code(err), err.Error()
			return s
		}
		claims = *le.Claims
	}
	s.claims = &claims
	s.LicenseID, s.Edition, s.IssuedAt, s.ExpiresAt = claims.Sub, claims.Edn, claims.Iat, claims.Exp
	s.GraceEndsAt = claims.Exp + int64(lease.Grace/time.Second)
	s.UpdatesTill = claims.Upd
	switch {
	case claims.Mid != machine:
		s.Status, s.Code = stateInvalid, "MACHINE_MISMATCH"
		s.Message = "this lease belongs to another machine (the license file was copied): activate this machine with your license key"
	case err == nil:
		s.Status, s.Licensed, s.RefreshDue = stateValid, true, lease.RefreshDue(claims, now)
	case lease.InGrace(claims, now):
		s.Status, s.Licensed, s.RefreshDue, s.Code = stateGrace, true, true, lease.Expired
		s.Message = fmt.Sprintf("the lease expired on %s; the grace period ends on %s: connect to the internet and run `local-memory-ref license refresh`", isoDate(claims.Exp), isoDate(s.GraceEndsAt))
	default:
		s.Status, s.Code = stateExpired, lease.Expired
		s.Message = fmt.Sprintf("the lease expired on %s and its grace period ended on %s: run `local-memory-ref license refresh` online (your memory data stays yours either way)", isoDate(claims.Exp), isoDate(s.GraceEndsAt))
	}
	return s
}

func isoDate(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.RFC3339) }

// loadLicense reads the license file and the keyset to check it with, and this machine's id.
func loadLicense(fl licenseFlags, e env) (path string, f *licenseFile, keys map[string]ed25519.PublicKey, machine string, err error) {
	given, err := fl.givenKey(e)
	if err != nil {
		return
	}
	if path, err = licenseFilePath(*fl.file, e); err != nil {
		return
	}
	if machine, err = machineID(*fl.machineIDFile, e); err != nil {
		return
	}
	if f, err = readLicenseFile(path); err != nil {
		if err == errNoLicenseFile {
			err = cliError("NOT_ACTIVATED", "this machine is not activated (no license file at %s): run `local-memory-ref license activate KEY --api URL`", path)
		}
		return
	}
	stored, err := f.keyset(path)
	if err != nil {
		return
	}
	keys = keysetFor(f.Lease, given, stored)
	return
}

// licenseKeyArg is KEY from argv, else $LOCAL_MEMORY_LICENSE_KEY (kept out of shell history
// and process lists), normalised as a customer pasted it and format-checked. It is only ever
// sent to the API, never printed.
func licenseKeyArg(rest []string, e env, command string) (string, error) {
	text := ""
	if len(rest) == 1 {
		text = rest[0]
	} else {
		text = e.getenv("LOCAL_MEMORY_LICENSE_KEY")
	}
	if text == "" {
		return "", usageError{command + " needs your license key: KEY, or LOCAL_MEMORY_LICENSE_KEY"}
	}
	key := dk.NormalizeLicenseKey(text)
	if problems := dk.ValidateFormat(key); len(problems) > 0 {
		return "", usageError{"that is not a Local Memory license key (LM-XXXX-XXXX-XXXX-XXXX-XXXX): " + strings.Join(problems, ", ")}
	}
	return key, nil
}

// platformName is the API's name for this OS.
func platformName() string {
	if runtime.GOOS == "darwin" {
		return "macos"
	}
	return runtime.GOOS
}

// refuse reports a failure a command decided on (not a usage error): the message on stderr,
// and under --json an error object on stdout, with extra members. Exit 1.
func refuse(e env, asJSON bool, code, message string, extra map[string]interface{}) (int, error) {
	if asJSON {
		body := map[string]interface{}{"code": code, "message": message}
		for k, v := range extra {
			body[k] = v
		}
		writeJSON(e.stdout, map[string]interface{}{"error": body})
	}
	fmt.Fprintf(e.stderr, "local-memory-ref: %s\n", message)
	return 1, nil
}

// refuseAPI reports an API refusal or an unreachable API.
func refuseAPI(e env, asJSON bool, err error) (int, error) {
	switch r := err.(type) {
	case *apiRefusal:
		msg := fmt.Sprintf("the licensing API refused (%s): %s", r.Code, r.Message)
		if r.Code == "rate_limited" || r.Status == 429 {
			wait := "a few minutes"
			if r.RetryAfter != "" {
				wait = r.RetryAfter + " seconds"
			}
			msg = fmt.Sprintf("too many license requests: wait %s and try again (%s)", wait, r.Message)
		}
		return refuse(e, asJSON, strings.ToUpper(r.Code), msg, nil)
	case *unreachable:
		return refuse(e, asJSON, "API_UNREACHABLE", r.msg, nil)
	}
	return 1, err
}

// checkIssued checks a lease the API just answered with, as status will: signature, times,
// this machine; a lease this machine would refuse is never written.
func checkIssued(token string, keys map[string]ed25519.PublicKey, machine string, now time.Time) (lease.Claims, error) {
	claims, err := lease.Verify(token, keys, []byte(lease.Implicit), now)
	if err != nil {
		return claims, cliError("BAD_LEASE_FROM_API", "the licensing API answered with a lease this machine refuses (%s: %s); nothing was written: check --public-key, --api and the system clock", lease.Code(err), err)
	}
	if claims.Mid != machine {
		return claims, cliError("BAD_LEASE_FROM_API", "the licensing API answered with a lease for another machine; nothing was written")
	}
	return claims, nil
}
