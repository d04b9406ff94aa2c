// The reference CLI's usage and per-command help texts (data).

package main

const usage = `usage: local-memory-ref <command> [options]

commands:
  license generate --session-id ID       the license key for a Checkout session
  license validate KEY [--session-id ID] format check; with --session-id also the key check
  license activate KEY --api URL [--name NAME] --public-key HEX [--kid KID]
                                         activate this machine, write the license file
  license status [--check-revocations]   the license on this machine, offline
                                         (and the signed revocation list, when asked)
  license refresh [--if-due] [--api URL] renew the lease online
  license deactivate [KEY] [--machine ID]
                                         free this machine's seat (or another's)
  download hash --platform P (--window W | --at TIME) [--prefix P]
                                         download hash, file name and S3 key
  download window [--at TIME]            window, its bounds and link expiry
  lease verify --public-key HEX --implicit TEXT [--kid KID] [--signature-only] [--at TIME]
                                         verify the lease on stdin offline, print its claims
  batch < cases.jsonl                    cross-check protocol (see README.md)
  help [COMMAND]                         help for a command

options: --json (machine-readable output), -h/--help, --version.
The secret is read from $DOWNLOAD_SECRET, or the file named by --secret-file or
$DOWNLOAD_SECRET_FILE (not both), at least 32 characters; never from the command line.
Numbers are base 10 only (010, 0x10, 1_0 are rejected). TIME is Unix seconds or RFC 3339.
Exit codes: 0 ok/valid, 1 invalid/failed, 2 usage.`

var help = map[string]string{
	"license": `usage: local-memory-ref license generate --session-id ID [--secret-file PATH] [--json]
       local-memory-ref license validate KEY [--session-id ID] [--secret-file PATH] [--json]
       local-memory-ref license activate KEY --api URL [--name NAME] --public-key HEX [--kid KID]
       local-memory-ref license status [--check-revocations] [--revocations URL]
       local-memory-ref license refresh [--if-due] [--api URL] [--revocations URL]
       local-memory-ref license deactivate [KEY] [--machine ID] [--api URL]`,
	"license activate": `usage: local-memory-ref license activate [KEY] --api URL [--name NAME] --public-key HEX [--kid KID] [--replace]
Asks the licensing API at URL ($LOCAL_MEMORY_API_URL) for a lease for this machine, checks it
offline and writes the license file (0600; the lease, the license id, the API and the keyset,
never the key). KEY may come from $LOCAL_MEMORY_LICENSE_KEY instead. A machine holding a valid
lease is not asked again (--replace asks). Over the limit, lists the machines holding the seats.` + licenseCommonHelp,
	"license status": `usage: local-memory-ref license status [--check-revocations] [--revocations URL] [--json]
Applies the offline rules to the license file without the network: exit 0 when licensed (also
within 14 days of grace after the lease expired, with a warning), 1 when not.
--check-revocations also fetches the signed revocation list once (--revocations URL,
$LOCAL_MEMORY_REVOCATIONS_URL, default <api>/.well-known/local-memory/revocations): a verified
list naming this license is recorded and the license refused; a list that does not verify or is
stale is ignored, and an unreachable one leaves the lease deciding (warnings on stderr).` + licenseCommonHelp,
	"license refresh": `usage: local-memory-ref license refresh [--if-due] [--api URL] [--revocations URL] [--json]
Sends the lease to the API (--api URL, else $LOCAL_MEMORY_API_URL, else the license file's)
for a fresh one. --if-due asks only when the lease is 24 hours old or expired, and keeps a
licensed machine licensed (warning, exit 0) when the API is unreachable. A revoked or
deactivated license (410) is recorded in the license file. With the API unreachable it fetches
the signed revocation list (see status) instead: a verified list naming this license revokes it
(exit 1).` + licenseCommonHelp,
	"license deactivate": `usage: local-memory-ref license deactivate [KEY] [--machine ID] [--api URL] [--json]
Frees this machine's seat and removes its license file, or frees the seat of the machine ID
that activation listed. KEY may come from $LOCAL_MEMORY_LICENSE_KEY; the API is --api URL, else
$LOCAL_MEMORY_API_URL, else the license file's.` + licenseCommonHelp,
	"license generate": `usage: local-memory-ref license generate --session-id ID [--secret-file PATH] [--json]
Prints the license key for a Stripe Checkout session id (needs the secret).`,
	"license validate": `usage: local-memory-ref license validate KEY [--session-id ID] [--secret-file PATH] [--json]
Normalises KEY as a customer pasted it, checks its format and, with --session-id (and the
secret), whether it is that purchase's key. Exit 0 valid, 1 invalid.`,
	"download": `usage: local-memory-ref download hash --platform P (--window W | --at TIME) [--prefix P] [--json]
       local-memory-ref download window [--at TIME] [--json]`,
	"download hash": `usage: local-memory-ref download hash --platform P (--window W | --at TIME) [--prefix P] [--secret-file PATH] [--json]
Prints the download hash; --json adds the file name and the S3 key under --prefix, else
$S3_PREFIX, else "downloads". P is macos, windows, linux or universal.`,
	"download window": `usage: local-memory-ref download window [--at TIME] [--json]
Prints the window at TIME (default now), its bounds and when links issued then expire.`,
	"lease": `usage: local-memory-ref lease verify --public-key HEX --implicit TEXT [--kid KID] [--signature-only] [--at TIME] [--json] < token`,
	"lease verify": `usage: local-memory-ref lease verify --public-key HEX --implicit TEXT [--kid KID] [--signature-only] [--at TIME] [--json] < token
Verifies the lease (PASETO v4.public) on stdin offline with the 32-byte Ed25519 public key
(64 hex characters) and prints its claims as JSON; --signature-only checks only the signature
and prints the payload. Exit 0 valid, 1 invalid (with the code), 2 usage.`,
	"batch": `usage: local-memory-ref batch < cases.jsonl
Reads one JSON case per line and answers one JSON line each (see README.md).`,
}

const licenseCommonHelp = `
Common options: --license-file PATH ($LOCAL_MEMORY_LICENSE_FILE, default
<config dir>/local-memory/license.json), --machine-id-file PATH ($LOCAL_MEMORY_MACHINE_ID_FILE,
default: the OS's own id), --public-key HEX and --kid KID ($LOCAL_MEMORY_LEASE_PUBLIC_KEY,
$LOCAL_MEMORY_LEASE_KID; default: the keyset stored at activation), --json.`
