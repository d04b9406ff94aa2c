package main

import (
	"fmt"
	"os"
)

type deactivateRequest struct {
	LicenseKey string `json:"licenseKey"`
	Machine    string `json:"machine"`
}

// licenseDeactivate is `license deactivate [KEY] [--machine ID] [--api URL]`: frees a seat,
// this machine's by default (its license file is then removed), or another machine's by the
// id activation_limit listed. The key comes from KEY or $LOCAL_MEMORY_LICENSE_KEY: the license
// file never holds it.
func licenseDeactivate(args []string, e env) (int, error) {
	fs := newFlagSet("license deactivate", e)
	fl := addLicenseFlags(fs)
	api := fs.String("api", "", "the site's address (default $LOCAL_MEMORY_API_URL, else the license file's)")
	other := fs.String("machine", "", "the machine id to deactivate (default: this machine)")
	rest, err := parseUpTo(fs, args, 1, e)
	if err != nil {
		return 2, err
	}
	licenseKey, err := licenseKeyArg(rest, e, "license deactivate")
	if err != nil {
		return 2, err
	}
	if *other != "" && !machineIDText.MatchString(*other) {
		return 2, usageError{"--machine must be a machine id as activation lists it: 22 characters of A-Z a-z 0-9 _ -"}
	}
	if _, err := fl.givenKey(e); err != nil {
		return 2, err
	}
	path, err := licenseFilePath(*fl.file, e)
	if err != nil {
		return 1, err
	}
	f, err := readLicenseFile(path)
	if err != nil && err != errNoLicenseFile {
		return 1, err
	}
	fromFile := ""
	if f != nil {
		fromFile = f.API
	}
	apiURL, err := apiOrigin(*api, e, fromFile)
	if err != nil {
		return 2, err
	}
	if apiURL == "" {
		return 2, usageError{"license deactivate needs --api URL (or LOCAL_MEMORY_API_URL): no license file names one"}
	}
	self, err := machineID(*fl.machineIDFile, e)
	if err != nil && *other == "" {
		return 1, err
	}
	machine := *other
	if machine == "" {
		machine = self
	}

	var answer struct {
		Deactivated bool   `json:"deactivated"`
		Machine     string `json:"machine"`
	}
	if _, err := callAPI(e, apiURL, "deactivate", deactivateRequest{licenseKey, machine}, &answer); err != nil {
		return refuseAPI(e, *fl.asJSON, err)
	}
	removed := false
	if machine == self && f != nil {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return 1, cliError("LICENSE_FILE_WRITE", "the seat is free, but %s could not be removed: %s; delete it by hand", path, err)
		}
		removed = true
	}
	if *fl.asJSON {
		writeJSON(e.stdout, map[string]interface{}{"deactivated": true, "machine": machine, "thisMachine": machine == self, "licenseFileRemoved": removed})
		return 0, nil
	}
	if machine == self {
		fmt.Fprintf(e.stdout, "deactivated this machine (%s): its seat is free and it is no longer licensed\n", machine)
	} else {
		fmt.Fprintf(e.stdout, "deactivated machine %s: its seat is free; that machine keeps its current lease until it expires, and its next refresh is refused\n", machine)
	}
	return 0, nil
}
