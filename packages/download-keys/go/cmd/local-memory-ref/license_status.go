package main

import (
	"fmt"
)

// licenseStatus is `license status`: the offline rules applied to the license file. It never
// touches the network. Exit 0 when licensed (valid, or expired within the grace period, with
// a warning), 1 otherwise.
func licenseStatus(args []string, e env) (int, error) {
	fs := newFlagSet("license status", e)
	fl := addLicenseFlags(fs)
	if _, err := parse(fs, args, 0, e); err != nil {
		return 2, err
	}
	_, f, keys, machine, err := loadLicense(fl, e)
	if err != nil {
		if _, usage := err.(usageError); usage {
			return 2, err
		}
		return 1, err
	}
	s := assess(f, keys, machine, e.now())
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
