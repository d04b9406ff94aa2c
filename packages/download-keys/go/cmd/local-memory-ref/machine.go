package main

import (
	"os"
	"strings"

	"localmemory.co/downloadkeys/lease"
)

// osMachineIDFiles are where Linux (systemd, then D-Bus) keeps the machine id.
var osMachineIDFiles = []string{"/etc/machine-id", "/var/lib/dbus/machine-id"}

// machineID is lease.MachineID of the OS machine id, read from --machine-id-file, else
// $LOCAL_MEMORY_MACHINE_ID_FILE, else the Linux files above. The raw id is never printed or
// sent: only the derived id leaves this function.
func machineID(flagValue string, e env) (string, error) {
	files := osMachineIDFiles
	if flagValue != "" {
		files = []string{flagValue}
	} else if p := e.getenv("LOCAL_MEMORY_MACHINE_ID_FILE"); p != "" {
		files = []string{p}
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		raw := strings.TrimSpace(string(data))
		if raw == "" {
			return "", cliError("NO_MACHINE_ID", "%s is empty: it must hold this machine's id (systemd-machine-id-setup writes one)", path)
		}
		return lease.MachineID([]byte(raw)), nil
	}
	return "", cliError("NO_MACHINE_ID", "cannot read a machine id from %s: give --machine-id-file PATH or set LOCAL_MEMORY_MACHINE_ID_FILE", strings.Join(files, " or "))
}
