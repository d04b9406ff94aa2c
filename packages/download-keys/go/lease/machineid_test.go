package lease

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// What `ioreg -rd1 -c IOPlatformExpertDevice` prints on a Mac (abridged, written for this test).
const ioregSample = `+-o J314sAP  <class IOPlatformExpertDevice, id 0x100000232, registered, matched, active, busy 0 (262 ms), retain 37>
    {
      "IOPolledInterface" = "AppleARMWatchdogTimerHibernateHandler is not serializable"
      "compatible" = <"J314sAP","MacBookPro18,3","AppleARM">
      "IOPlatformSerialNumber" = "C02XXTESTSERL"
      "manufacturer" = <"Apple Inc.">
      "model" = <"MacBookPro18,3">
      "IOPlatformUUID" = "5A1E7C2B-3D4F-4E6A-9B8C-0D1E2F3A4B5C"
      "platform-name" = <"t6000">
    }
`

// What `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid` prints (CRLF line ends).
const regSample = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n    MachineGuid    REG_SZ    1b5f0c3e-6a7d-4f2e-9c1b-8d2a4e6f0a13\r\n\r\n"

func TestParseIOPlatformUUID(t *testing.T) {
	if id, err := ParseIOPlatformUUID(ioregSample); err != nil || id != "5A1E7C2B-3D4F-4E6A-9B8C-0D1E2F3A4B5C" {
		t.Fatalf("got %q, %v", id, err)
	}
	for name, out := range map[string]string{
		"no uuid":    strings.Replace(ioregSample, `"IOPlatformUUID"`, `"IOPlatformSerial"`, 1),
		"empty uuid": strings.Replace(ioregSample, "5A1E7C2B-3D4F-4E6A-9B8C-0D1E2F3A4B5C", "", 1),
		"nothing":    "",
	} {
		if id, err := ParseIOPlatformUUID(out); err == nil || Code(err) != NoMachineID {
			t.Errorf("%s: got %q, %v; want NO_MACHINE_ID", name, id, err)
		}
	}
}

func TestParseMachineGuid(t *testing.T) {
	if id, err := ParseMachineGuid(regSample); err != nil || id != "1b5f0c3e-6a7d-4f2e-9c1b-8d2a4e6f0a13" {
		t.Fatalf("got %q, %v", id, err)
	}
	if id, err := ParseMachineGuid(strings.ReplaceAll(regSample, "\r\n", "\n")); err != nil || id != "1b5f0c3e-6a7d-4f2e-9c1b-8d2a4e6f0a13" {
		t.Fatalf("LF line ends: got %q, %v", id, err)
	}
	for name, out := range map[string]string{
		"missing":  "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n\r\n",
		"empty":    "    MachineGuid    REG_SZ    \r\n",
		"not text": "    MachineGuid    REG_DWORD    0x1\r\n",
		"nothing":  "",
	} {
		if id, err := ParseMachineGuid(out); err == nil || Code(err) != NoMachineID {
			t.Errorf("%s: got %q, %v; want NO_MACHINE_ID", name, id, err)
		}
	}
}

func TestReadMachineIDFile(t *testing.T) {
	dir := t.TempDir()
	first, second, empty := filepath.Join(dir, "etc-machine-id"), filepath.Join(dir, "dbus-machine-id"), filepath.Join(dir, "empty")
	if err := os.WriteFile(second, []byte("b08dfa6083e7567a1921a715000001fb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(empty, []byte(" \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The first file is missing: the D-Bus one is read, without its newline.
	if id, err := ReadMachineIDFile(first, second); err != nil || id != "b08dfa6083e7567a1921a715000001fb" {
		t.Fatalf("got %q, %v", id, err)
	}
	if _, err := ReadMachineIDFile(empty, second); Code(err) != NoMachineID || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("an empty file must be refused, not skipped: %v", err)
	}
	if _, err := ReadMachineIDFile(first); Code(err) != NoMachineID || !strings.Contains(err.Error(), first) {
		t.Errorf("a missing file must be named: %v", err)
	}
}

// On the machine running the tests the OS id is read (Linux CI: /etc/machine-id) and only
// its MachineID is a lease's business.
func TestOSMachineIDHere(t *testing.T) {
	if runtime.GOOS == "linux" {
		if _, err := ReadMachineIDFile(LinuxMachineIDFiles...); err != nil {
			t.Skipf("this Linux has no machine id file: %v", err)
		}
	}
	id, err := OSMachineID()
	if err != nil {
		t.Fatal(err)
	}
	if mid := MachineID([]byte(id)); len(mid) != 22 || strings.Contains(mid, id) {
		t.Fatalf("MachineID(%d bytes) = %q", len(id), mid)
	}
}

// The macOS and Windows paths are chosen with runtime.GOOS, not with build constraints, so the
// Linux build type-checks every platform's branch and a cross-target `go vet` (a minute or more on
// a cold cache, for no extra coverage) is not needed. This fails if a file ever becomes
// platform-only: then that file's platforms need their own vet (GOOS=darwin/windows go vet).
func TestNoPlatformOnlyFiles(t *testing.T) {
	root := ".."
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		base := strings.TrimSuffix(strings.TrimSuffix(filepath.Base(path), ".go"), "_test")
		for _, goos := range []string{"darwin", "windows", "linux", "unix", "freebsd"} {
			if strings.HasSuffix(base, "_"+goos) {
				t.Errorf("%s is built for %s only: vet it for that target too", path, goos)
			}
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(data), "//go:"+"build") || strings.Contains(string(data), "// +"+"build") {
			t.Errorf("%s has a build constraint: vet it for each target it selects", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
