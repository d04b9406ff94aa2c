package main

import (
	"fmt"
	"net/http"
	"strings"
)

// licenseRefresh is `license refresh [--if-due]`: sends the stored lease to the API and
// stores the fresh one, after checking both offline. With --if-due (the product's background
// refresh) it touches the network only when the lease is due (lease.RefreshAfter old, or
// expired), and an unreachable API leaves a licensed machine licensed, with a warning, exit 0.
// A 410 (revoked, deactivated) is written to the license file: status then reports it.
func licenseRefresh(args []string, e env) (int, error) {
	fs := newFlagSet("license refresh", e)
	fl := addLicenseFlags(fs)
	ifDue := fs.Bool("if-due", false, "only when the lease is due; a licensed machine stays licensed when the API is unreachable")
	apiFlag := fs.String("api", "", "the site's address (default $LOCAL_MEMORY_API_URL, else the license file's)")
	listFlag := fs.String("revocations", "", "the revocation list's address (default $LOCAL_MEMORY_REVOCATIONS_URL, else <api>"+revocationsPath+")")
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	path, f, keys, machine, err := loadLicense(fl, e)
	if err != nil {
		if _, usage := err.(usageError); usage {
			return 2, err
		}
		return 1, err
	}
	api, err := apiOrigin(*apiFlag, e, f.API)
	if err != nil {
		return 2, err
	}
	if api == "" {
		return 2, usageError{"license refresh needs --api URL (or LOCAL_MEMORY_API_URL): the license file names no API"}
	}
	listURL, err := revocationsURL(*listFlag, e, api)
	if err != nil {
		return 2, err
	}
	now := e.now()
	s := assess(f, keys, machine, now)
	switch s.Status {
	case stateRefused, stateInvalid:
		reportState(e, *fl.asJSON, s)
		return 1, nil
	case stateValid:
		if *ifDue && !s.RefreshDue {
			if *fl.asJSON {
				writeJSON(e.stdout, map[string]interface{}{"refreshed": false, "license": s})
			} else {
				fmt.Fprintf(e.stdout, "lease is fresh (issued %s, valid until %s): nothing to do\n", isoDate(s.IssuedAt), isoDate(s.ExpiresAt))
			}
			return 0, nil
		}
	}

	var answer leaseAnswer
	if _, err := callAPI(e, api, "refresh", map[string]string{"lease": f.Lease}, &answer); err != nil {
		if r, ok := err.(*apiRefusal); ok && r.Status == http.StatusGone {
			f.Refused = &refusal{Code: r.Code, Message: r.Message, At: now.Unix()}
			if werr := writeLicenseFile(path, f); werr != nil {
				return 1, werr
			}
			return refuse(e, *fl.asJSON, strings.ToUpper(r.Code), fmt.Sprintf("not licensed: the licensing API refused to renew (%s): %s", r.Code, r.Message), nil)
		}
		transient := false
		switch r := err.(type) {
		case *unreachable:
			transient = true
		case *apiRefusal:
			transient = r.Status == http.StatusTooManyRequests || r.Status >= 500
		}
		if transient {
			// The list is a static document and may be reachable where the API is not.
			c := checkRevocations(e, listURL, keys, s.LicenseID, now)
			if c.Result == listNamed {
				if _, werr := applyRevocations(e, path, f, s, c, now); werr != nil {
					return 1, werr
				}
				return refuse(e, *fl.asJSON, "REVOKED", fmt.Sprintf("not licensed: %s (%s)", c.Message, err), map[string]interface{}{"revocationList": c})
			}
			s, _ = applyRevocations(e, path, f, s, c, now)
		}
		if transient && s.Licensed {
			fmt.Fprintf(e.stderr, "warning: %s\nstill licensed: %s\n", err, stillLicensed(s))
			if *ifDue {
				if *fl.asJSON {
					writeJSON(e.stdout, map[string]interface{}{"refreshed": false, "warning": err.Error(), "license": s})
				}
				return 0, nil
			}
		}
		return refuseAPI(e, *fl.asJSON, err)
	}
	claims, err := checkIssued(answer.Lease, keysetFor(answer.Lease, nil, keys), machine, now)
	if err != nil {
		return 1, err
	}
	if claims.Sub != f.LicenseID {
		return 1, cliError("BAD_LEASE_FROM_API", "the licensing API answered with a lease of another license (%s, not %s); nothing was written", claims.Sub, f.LicenseID)
	}
	f.Lease = answer.Lease
	if err := writeLicenseFile(path, f); err != nil {
		return 1, err
	}
	fresh := assess(f, keys, machine, now)
	if *fl.asJSON {
		writeJSON(e.stdout, map[string]interface{}{"refreshed": true, "license": fresh})
	} else {
		fmt.Fprintf(e.stdout, "refreshed: license %s, lease valid until %s\n", fresh.LicenseID, isoDate(fresh.ExpiresAt))
	}
	return 0, nil
}

func stillLicensed(s licenseState) string {
	if s.Status == stateGrace {
		return "in the grace period until " + isoDate(s.GraceEndsAt)
	}
	return "the lease is valid until " + isoDate(s.ExpiresAt) + "; the next refresh tries again"
}
