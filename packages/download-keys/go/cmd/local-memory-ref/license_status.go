package main

import (
	"fmt"
)

// licenseStatus is `license status [--check-revocations]`: the offline rules applied to the
// license file, without the network. --check-revocations also fetches the signed revocation
// list once: a verified list naming this license is recorded (refused from then on); an
// unreachable or untrustworthy list leaves the offline verdict, with a warning. Exit 0 when
// licensed (valid, or expired within the grace period, with a warning), 1 otherwise.
func licenseStatus(args []string, e env) (int, error) {
	fs := newFlagSet("license status", e)
	fl := addLicenseFlags(fs)
	check := fs.Bool("check-revocations", false, "also fetch the signed revocation list (unreachable: the lease alone decides)")
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
	listURL, err := revocationsURL(*listFlag, e, f.API)
	if err != nil {
		return 2, err
	}
	now := e.now()
	s := assess(f, keys, machine, now)
	if *check && s.Licensed {
		c := checkRevocations(e, listURL, keys, s.LicenseID, now)
		if s, err = applyRevocations(e, path, f, s, c, now); err != nil {
			return 1, err
		}
	}
	reportState(e, *fl.asJSON, s)
	if s.Licensed {
		return 0, nil
	}
	return 1, nil
}

// reportState prints a state: JSON on stdout under --json, else a line on stdout when
// licensed; warnings and refusals on stderr.
func reportState(e env, asJSON bool, s licenseState) {
	if asJSON {
		writeJSON(e.stdout, s)
	}
	switch s.Status {
	case stateValid:
		if !asJSON {
			due := ""
			if s.RefreshDue {
				due = "; a fresh lease is due: run `local-memory-ref license refresh` when online"
			}
			fmt.Fprintf(e.stdout, "licensed: %s edition, license %s, lease valid until %s%s\n", s.Edition, s.LicenseID, isoDate(s.ExpiresAt), due)
		}
	case stateGrace:
		if !asJSON {
			fmt.Fprintf(e.stdout, "licensed (grace period): %s edition, license %s\n", s.Edition, s.LicenseID)
		}
		fmt.Fprintf(e.stderr, "warning: %s\n", s.Message)
	case stateRefused:
		fmt.Fprintf(e.stderr, "local-memory-ref: not licensed: the licensing API refused this license (%s): %s\n", s.Code, s.Message)
	default:
		fmt.Fprintf(e.stderr, "local-memory-ref: not licensed (%s): %s\n", s.Code, s.Message)
	}
}
