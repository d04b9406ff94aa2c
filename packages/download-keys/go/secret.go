package downloadkeys

import (
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// The secret rule (docs/algorithms.md, "The configured secret"), identical in the TypeScript
// library's node entry:
//
//  1. Sources: the variable DOWNLOAD_SECRET, and a file named by --secret-file or, without
//     that flag, by DOWNLOAD_SECRET_FILE. An empty variable counts as unset.
//  2. A value and a file both set is an error (SECRET_CONFLICT); neither is INVALID_SECRET.
//  3. A file is read as bytes; it must be valid UTF-8. Exactly one trailing "\r\n" or "\n"
//     is removed, nothing else.
//  4. The secret must not contain U+FFFD (what a decoder puts for invalid bytes) nor a control
//     character (U+0000-U+001F, U+007F): a stray "\r" or second newline is an error, not a
//     silently different key.
//  5. It must be at least 32 characters long, counted in Unicode code points (SECRET_TOO_SHORT).

// SecretEnv and SecretFileEnv name the variables the secret is read from.
const (
	SecretEnv     = "DOWNLOAD_SECRET"
	SecretFileEnv = "DOWNLOAD_SECRET_FILE"
)

// MinSecretLength is the shortest configured secret, in Unicode code points.
const MinSecretLength = 32

// CheckConfiguredSecret applies rules 4 and 5 to a secret from source (for the message).
func CheckConfiguredSecret(secret, source string) (string, error) {
	if secret == "" {
		return "", fail("INVALID_SECRET", "%s is empty; set it to the shared download secret, at least %d characters (generate one with: openssl rand -hex 32)", source, MinSecretLength)
	}
	if !utf8.ValidString(secret) || strings.ContainsRune(secret, utf8.RuneError) {
		return "", fail("INVALID_SECRET", "%s is not valid UTF-8 text; write the secret as plain text (for example the output of: openssl rand -hex 32)", source)
	}
	for _, r := range secret {
		if r < 0x20 || r == 0x7f {
			return "", fail("INVALID_SECRET", "%s contains a control character (U+%04X); remove stray line breaks, carriage returns or tabs", source, r)
		}
	}
	if n := utf8.RuneCountInString(secret); n < MinSecretLength {
		return "", fail("SECRET_TOO_SHORT", "%s is %d characters long; it must be at least %d. Generate one with: openssl rand -hex 32", source, n, MinSecretLength)
	}
	return secret, nil
}

// TrimSecretFile removes exactly one trailing "\r\n" or "\n" (rule 3).
func TrimSecretFile(text string) string {
	if strings.HasSuffix(text, "\r\n") {
		return text[:len(text)-2]
	}
	return strings.TrimSuffix(text, "\n")
}

// ReadConfiguredSecret applies the whole rule. secretFile is the --secret-file flag ("" when
// not given); getenv reads the environment.
func ReadConfiguredSecret(getenv func(string) string, secretFile string) (string, error) {
	value := getenv(SecretEnv)
	file, fileSource := secretFile, "--secret-file"
	if file == "" {
		file, fileSource = getenv(SecretFileEnv), SecretFileEnv
	}
	switch {
	case value != "" && file != "":
		return "", fail("SECRET_CONFLICT", "both %s and %s are set; set only one of them", SecretEnv, fileSource)
	case value != "":
		return CheckConfiguredSecret(value, SecretEnv)
	case file == "":
		return "", fail("INVALID_SECRET", "%s is not set. Set it (or %s to a file holding it) to the shared download secret, at least %d characters; generate one with: openssl rand -hex 32", SecretEnv, SecretFileEnv, MinSecretLength)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		reason := "cannot be read"
		if os.IsNotExist(err) {
			reason = "does not exist"
		} else if os.IsPermission(err) {
			reason = "is not readable (permission denied)"
		}
		return "", fail("INVALID_SECRET", "the secret file %s %s; check the path and permissions", fileSource, reason)
	}
	if !utf8.Valid(raw) {
		return "", fail("INVALID_SECRET", "the secret file %s is not valid UTF-8 text", fileSource)
	}
	return CheckConfiguredSecret(TrimSecretFile(string(raw)), fmt.Sprintf("the secret file (%s)", fileSource))
}
