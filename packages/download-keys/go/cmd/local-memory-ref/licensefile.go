package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	dk "localmemory.co/downloadkeys"
)

// licenseFile is what `license activate` writes: the lease and what is needed to check and
// renew it. It never holds the license key: a copied file is a lease bound to another machine,
// not a way to activate a new one. The keyset is stored only because this reference binary
// embeds none; the product embeds its keyset and never trusts one read from a writable file.
type licenseFile struct {
	Version   int               `json:"version"`
	API       string            `json:"api"`
	LicenseID string            `json:"licenseId"`
	Lease     string            `json:"lease"`
	Keyset    map[string]string `json:"keyset"`
	// Refused is set when the API answered 410 to a refresh (revoked, deactivated): the
	// license stays refused here until activated again.
	Refused *refusal `json:"refused,omitempty"`
}

type refusal struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	At      int64  `json:"at"`
}

const licenseFileVersion = 1

func cliError(code, format string, args ...interface{}) error {
	return &dk.Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// licenseFilePath: --license-file, else $LOCAL_MEMORY_LICENSE_FILE, else
// <user config dir>/local-memory/license.json.
func licenseFilePath(flagValue string, e env) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if p := e.getenv("LOCAL_MEMORY_LICENSE_FILE"); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", cliError("NO_CONFIG_DIR", "no user config directory (%s): give --license-file PATH or set LOCAL_MEMORY_LICENSE_FILE", err)
	}
	return filepath.Join(dir, "local-memory", "license.json"), nil
}

var errNoLicenseFile = errors.New("no license file")

// readLicenseFile returns errNoLicenseFile when there is none; a file that cannot be read as
// a license file is NO_LICENSE_FILE / BAD_LICENSE_FILE with what to do.
func readLicenseFile(path string) (*licenseFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errNoLicenseFile
	}
	if err != nil {
		return nil, cliError("BAD_LICENSE_FILE", "cannot read the license file %s: %s", path, err)
	}
	var f licenseFile
	if err := json.Unmarshal(data, &f); err != nil || f.Version != licenseFileVersion || f.Lease == "" || f.API == "" {
		return nil, cliError("BAD_LICENSE_FILE", "%s is not a license file this version reads: activate again with `local-memory-ref license activate KEY --api URL`", path)
	}
	return &f, nil
}

// keyset decodes the stored keyset; a bad entry makes the file unreadable.
func (f *licenseFile) keyset(path string) (map[string]ed25519.PublicKey, error) {
	keys := make(map[string]ed25519.PublicKey, len(f.Keyset))
	for kid, text := range f.Keyset {
		if !publicKeyHex.MatchString(text) {
			return nil, cliError("BAD_LICENSE_FILE", "%s: keyset[%q] is not a 64-hex-character Ed25519 public key", path, kid)
		}
		key, _ := hex.DecodeString(text)
		keys[kid] = key
	}
	return keys, nil
}

// writeLicenseFile writes atomically (a temporary file in the same directory, renamed over
// the old one) with mode 0600: a crash leaves the old lease or the new one, never half of one.
func writeLicenseFile(path string, f *licenseFile) error {
	f.Version = licenseFileVersion
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot create %s: %s", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".license-*.json")
	if err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot write in %s: %s", dir, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot restrict %s to 0600: %s", tmp.Name(), err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot write %s: %s", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot write %s: %s", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot write %s: %s", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return cliError("LICENSE_FILE_WRITE", "cannot replace %s: %s", path, err)
	}
	done = true
	return nil
}
