package lease

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
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
