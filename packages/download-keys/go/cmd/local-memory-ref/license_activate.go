package main

import (
	"fmt"
	"strings"
)

type activateRequest struct {
	LicenseKey string  `json:"licenseKey"`
	Machine    string  `json:"machine"`
	Name       *string `json:"name,omitempty"`
	Platform   string  `json:"platform"`
	AppVersion string  `json:"appVersion"`
}

// licenseActivate is `license activate KEY --api URL [--name NAME]`: when this machine already
// holds a valid lease it says so without the network (unless --replace); otherwise it asks the
// API for a lease, checks it offline as status will, and writes the license file.
func licenseActivate(args []string, e env) (int, error) {
	fs := newFlagSet("license activate", e)
	fl := addLicenseFlags(fs)
	api := fs.String("api", "", "the site's address, e.g. https://localmemory.co (default $LOCAL_MEMORY_API_URL)")
	name := fs.String("name", "", "a name for this machine, shown when you free a seat")
	replace := fs.Bool("replace", false, "ask the API even when this machine holds a valid lease")
	rest, err := parseUpTo(fs, args, 1, e)
	if err != nil {
		return 2, err
	}
	licenseKey, err := licenseKeyArg(rest, e, "license activate")
	if err != nil {
		return 2, err
	}
	apiURL, err := apiOrigin(*api, e, "")
	if err != nil {
		return 2, err
	}
	if apiURL == "" {
		return 2, usageError{"license activate needs --api URL (or LOCAL_MEMORY_API_URL)"}
	}
	if len(*name) > 80 {
		return 2, usageError{"--name is at most 80 characters"}
	}
	given, err := fl.givenKey(e)
	if err != nil {
		return 2, err
	}
	if given == nil {
		return 2, usageError{"license activate needs the API's public key: --public-key HEX [--kid KID] (or LOCAL_MEMORY_LEASE_PUBLIC_KEY); the product binary embeds it"}
	}
	path, err := licenseFilePath(*fl.file, e)
	if err != nil {
		return 1, err
	}
	machine, err := machineID(*fl.machineIDFile, e)
	if err != nil {
		return 1, err
	}
	now := e.now()

	if !*replace {
		if f, err := readLicenseFile(path); err == nil {
			if stored, err := f.keyset(path); err == nil {
				s := assess(f, keysetFor(f.Lease, given, stored), machine, now)
				if s.Status == stateValid {
					if *fl.asJSON {
						writeJSON(e.stdout, s)
					} else {
						fmt.Fprintf(e.stdout, "already activated: license %s, lease valid until %s; `local-memory-ref license refresh` renews it (use --replace to activate again)\n", s.LicenseID, isoDate(s.ExpiresAt))
					}
					return 0, nil
				}
			}
		}
	}

	req := activateRequest{LicenseKey: licenseKey, Machine: machine, Platform: platformName(), AppVersion: version}
	if n := strings.TrimSpace(*name); n != "" {
		req.Name = &n
	}
	var answer leaseAnswer
	status, err := callAPI(e, apiURL, "activate", req, &answer)
	if err != nil {
		if r, ok := err.(*apiRefusal); ok && r.Code == "activation_limit" {
			return refuseLimit(e, *fl.asJSON, r)
		}
		return refuseAPI(e, *fl.asJSON, err)
	}
	keys := keysetFor(answer.Lease, given, nil)
	claims, err := checkIssued(answer.Lease, keys, machine, now)
	if err != nil {
		return 1, err
	}
	f := &licenseFile{API: apiURL, LicenseID: claims.Sub, Lease: answer.Lease, Keyset: hexKeyset(keys)}
	if err := writeLicenseFile(path, f); err != nil {
		return 1, err
	}
	s := assess(f, keys, machine, now)
	if *fl.asJSON {
		writeJSON(e.stdout, map[string]interface{}{"activated": true, "created": status == 201, "licenseFile": path, "activation": answer.Activation, "license": s})
		return 0, nil
	}
	again := ""
	if status != 201 {
		again = " (this machine was already activated: no new seat used)"
	}
	fmt.Fprintf(e.stdout, "activated this machine%s: %s edition, license %s, %d machine(s) allowed; lease valid until %s\nlicense file: %s\n",
		again, claims.Edn, claims.Sub, claims.Max, isoDate(claims.Exp), path)
	return 0, nil
}

// refuseLimit lists the machines holding the seats and says how to free one.
func refuseLimit(e env, asJSON bool, r *apiRefusal) (int, error) {
	var b strings.Builder
	fmt.Fprintf(&b, "activation refused: %s\n", r.Message)
	fmt.Fprintf(&b, "machines holding this license's %d seat(s):\n", r.Limit)
	for _, m := range r.Machines {
		name := "(no name)"
		if m.Name != nil {
			name = *m.Name
		}
		fmt.Fprintf(&b, "  %s  %-20s %-8s last seen %s\n", m.Machine, name, m.Platform, isoDate(m.LastSeen))
	}
	b.WriteString("to free a seat: run `local-memory-ref license deactivate` on that machine, or from here\n" +
		"`LOCAL_MEMORY_LICENSE_KEY=… local-memory-ref license deactivate --machine ID --api URL`, then activate again")
	return refuse(e, asJSON, "ACTIVATION_LIMIT", b.String(), map[string]interface{}{"limit": r.Limit, "machines": r.Machines})
}
