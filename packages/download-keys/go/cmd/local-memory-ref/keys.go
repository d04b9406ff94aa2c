// `license generate` and `license validate`: the license key of a purchase, and a pasted key's
// format (and, with the session id, its key check).

package main

import (
	"strings"

	dk "localmemory.co/downloadkeys"
)

type keyOutput struct {
	LicenseKey string `json:"licenseKey"`
}

func licenseGenerate(args []string, e env) (int, error) {
	fs := newFlagSet("license generate", e)
	session := fs.String("session-id", "", "Stripe Checkout session id")
	secretFile := fs.String("secret-file", "", "file holding the secret")
	asJSON := fs.Bool("json", false, "JSON output")
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	if *session == "" {
		return 2, usageError{"license generate needs --session-id cs_…"}
	}
	s, err := dk.ReadConfiguredSecret(e.getenv, *secretFile)
	if err != nil {
		return 1, err
	}
	key, err := dk.GenerateLicenseKey(*session, s)
	if err != nil {
		return 1, err
	}
	output(e, *asJSON, keyOutput{key}, key)
	return 0, nil
}

type validateOutput struct {
	LicenseKey string   `json:"licenseKey"`
	Valid      bool     `json:"valid"`
	Problems   []string `json:"problems"`
	Verified   *bool    `json:"verified,omitempty"`
}

func licenseValidate(args []string, e env) (int, error) {
	fs := newFlagSet("license validate", e)
	session := fs.String("session-id", "", "Stripe Checkout session id (enables the key check)")
	secretFile := fs.String("secret-file", "", "file holding the secret")
	asJSON := fs.Bool("json", false, "JSON output")
	rest, err := parse(fs, args, 1, e)
	if err != nil {
		return 2, err
	}
	key := dk.NormalizeLicenseKey(rest[0])
	problems := dk.ValidateFormat(key)
	result := validateOutput{LicenseKey: key, Valid: len(problems) == 0, Problems: problems}
	if *session != "" && result.Valid {
		s, err := dk.ReadConfiguredSecret(e.getenv, *secretFile)
		if err != nil {
			return 1, err
		}
		match, err := dk.VerifyLicenseKey(key, *session, s)
		if err != nil {
			return 1, err
		}
		result.Verified = &match
		result.Valid = match
	}
	text := "valid"
	switch {
	case result.Verified != nil && !*result.Verified:
		text = "invalid: this is not the key for that purchase"
	case !result.Valid:
		text = "invalid: " + strings.Join(problems, ", ")
	}
	output(e, *asJSON, result, text)
	if result.Valid {
		return 0, nil
	}
	return 1, nil
}
