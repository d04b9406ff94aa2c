package lease

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strings"
)

// MachineID is the machine id a lease is bound to: base64url (no padding) of the first 16
// bytes of HMAC-SHA256(key = the OS machine id, message = "local-memory"). The raw OS id never
// leaves the machine, and the value cannot be linked to ids other software derives from it.
func MachineID(osMachineID []byte) string {
	mac := hmac.New(sha256.New, osMachineID)
	mac.Write([]byte(machineIDMessage))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:16])
}

const machineIDMessage = "local-memory"

// NoMachineID is the code of an OS machine id that cannot be read.
const NoMachineID = "NO_MACHINE_ID"

// LinuxMachineIDFiles are where Linux keeps the machine id: systemd's, then D-Bus's.
var LinuxMachineIDFiles = []string{"/etc/machine-id", "/var/lib/dbus/machine-id"}

// OSMachineID reads this machine's OS id, the key of MachineID: on Linux (and other Unixes)
// the first of LinuxMachineIDFiles; on macOS IOPlatformUUID from
// `ioreg -rd1 -c IOPlatformExpertDevice`; on Windows MachineGuid from
// `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid`. The result is secret to
// this machine: pass it to MachineID and let only that leave.
func OSMachineID() (string, error) {
	switch runtime.GOOS {
	case "darwin":
		out, err := run("/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice")
		if err != nil {
			return "", err
		}
		return ParseIOPlatformUUID(out)
	case "windows":
		out, err := run("reg", "query", `HKLM\SOFTWARE\Microsoft\Cryptography`, "/v", "MachineGuid")
		if err != nil {
			return "", err
		}
		return ParseMachineGuid(out)
	default:
		return ReadMachineIDFile(LinuxMachineIDFiles...)
	}
}

// ReadMachineIDFile returns the machine id in the first of paths that exists.
func ReadMachineIDFile(paths ...string) (string, error) {
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", fail(NoMachineID, "cannot read the machine id in %s: %s", path, err)
		}
		return ParseMachineIDFile(path, data)
	}
	return "", fail(NoMachineID, "no machine id in %s (systemd-machine-id-setup writes one)", strings.Join(paths, " or "))
}

// ParseMachineIDFile is the id a machine-id file holds: its text without surrounding
// whitespace, which must not be empty.
func ParseMachineIDFile(path string, data []byte) (string, error) {
	id := strings.TrimSpace(string(data))
	if id == "" {
		return "", fail(NoMachineID, "%s is empty: it must hold this machine's id (systemd-machine-id-setup writes one)", path)
	}
	return id, nil
}

var ioPlatformUUID = regexp.MustCompile(`"IOPlatformUUID"\s*=\s*"([^"]*)"`)

// ParseIOPlatformUUID finds IOPlatformUUID in the output of
// `ioreg -rd1 -c IOPlatformExpertDevice`, a line such as
// `"IOPlatformUUID" = "4C4C4544-0042-3510-8052-B3C04F4A4D32"`.
func ParseIOPlatformUUID(output string) (string, error) {
	m := ioPlatformUUID.FindStringSubmatch(output)
	if m == nil {
		return "", fail(NoMachineID, "ioreg printed no IOPlatformUUID for IOPlatformExpertDevice")
	}
	id := strings.TrimSpace(m[1])
	if id == "" {
		return "", fail(NoMachineID, "ioreg printed an empty IOPlatformUUID")
	}
	return id, nil
}

// ParseMachineGuid finds MachineGuid in the output of
// `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid`, a line such as
// `    MachineGuid    REG_SZ    1b5f0c3e-6a7d-4f2e-9c1b-8d2a4e6f0a13`.
func ParseMachineGuid(output string) (string, error) {
	for _, line := range strings.Split(output, "\n") {
		fields := strings.Fields(line)
		if len(fields) >= 2 && strings.EqualFold(fields[0], "MachineGuid") {
			if fields[1] != "REG_SZ" {
				return "", fail(NoMachineID, "MachineGuid is a %s, not the REG_SZ Windows writes", fields[1])
			}
			if len(fields) != 3 {
				return "", fail(NoMachineID, "reg query printed an empty or unexpected MachineGuid")
			}
			return fields[2], nil
		}
	}
	return "", fail(NoMachineID, `reg query printed no MachineGuid under HKLM\SOFTWARE\Microsoft\Cryptography`)
}

// run runs a command and returns its standard output. Its error names the command, never
// the output (which holds the raw id).
func run(name string, args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fail(NoMachineID, "cannot read the machine id: `%s %s` failed: %s%s", name, strings.Join(args, " "), err, firstLine(stderr.String()))
	}
	return stdout.String(), nil
}

func firstLine(text string) string {
	line := strings.TrimSpace(strings.SplitN(text, "\n", 2)[0])
	if line == "" {
		return ""
	}
	return fmt.Sprintf(" (%s)", line)
}
