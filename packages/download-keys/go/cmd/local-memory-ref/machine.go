package main

import "localmemory.co/downloadkeys/lease"

// machineID is lease.MachineID of the OS machine id, read from --machine-id-file, else
// $LOCAL_MEMORY_MACHINE_ID_FILE, else the OS's own (lease.OSMachineID: /etc/machine-id,
// IOPlatformUUID, MachineGuid). The raw id is never printed or sent: only the derived id
// leaves this function.
func machineID(flagValue string, e env) (string, error) {
	path := flagValue
	if path == "" {
		path = e.getenv("LOCAL_MEMORY_MACHINE_ID_FILE")
	}
	var raw string
	var err error
	if path != "" {
		raw, err = lease.ReadMachineIDFile(path)
	} else {
		raw, err = lease.OSMachineID()
	}
	if err != nil {
		return "", cliError("NO_MACHINE_ID", "%s: give --machine-id-file PATH or set LOCAL_MEMORY_MACHINE_ID_FILE", err)
	}
	return lease.MachineID([]byte(raw)), nil
}
