package downloadkeys

import "testing"

// The vectors printed in docs/algorithms.md, copied by hand so the reference is pinned to the
// page itself and not only to files its own generator wrote.
func TestSpecLicenseKeys(t *testing.T) {
	cases := map[string]string{
		"cs_test_12345":  "LM-EB2B-6DAD-E6BB-93FE-C9D2",
		"cs_live_67890":  "LM-CACE-9FCB-GGFF-2A6A-FBCA",
		"cs_test_abcdef": "LM-F2A4-ADEA-DFEB-2FEE-4EDE",
	}
	for session, want := range cases {
		got, err := GenerateLicenseKey(session, "test-secret-key")
		if err != nil || got != want {
			t.Errorf("GenerateLicenseKey(%q) = %q, %v; want %q", session, got, err, want)
		}
		if p := ValidateFormat(got); len(p) != 0 {
			t.Errorf("generated key %q fails format: %v", got, p)
		}
		ok, err := VerifyLicenseKey(want, session, "test-secret-key")
		if !ok || err != nil {
			t.Errorf("VerifyLicenseKey(%q) = %v, %v", want, ok, err)
		}
	}
}

func TestSpecDownloadHashes(t *testing.T) {
	cases := []struct {
		unix     int64
		window   int64
		platform string
		hash     string
	}{
		{1755993600, 40648, "macos", "4b9e0f69ec32f39a"},
		{1755993600, 40648, "windows", "10fa7d873655acdb"},
		{1755993600, 40648, "linux", "15848b2649ad7344"},
		{1755993600, 40648, "universal", "3cdf357d6f921d58"},
		{1735689600, 40178, "linux", "93f7851aed6c7646"},
	}
	for _, c := range cases {
		w, err := TimeWindowAt(c.unix)
		if err != nil || w != c.window {
			t.Errorf("WindowAt(%d) = %d, %v; want %d", c.unix, w, err, c.window)
		}
		h, err := DownloadHash("test-secret-key", c.window, c.platform)
		if err != nil || h != c.hash {
			t.Errorf("DownloadHash(%d, %s) = %q, %v; want %q", c.window, c.platform, h, err, c.hash)
		}
	}
}

func TestOldDocumentationKeysAreWrong(t *testing.T) {
	ok, _ := VerifyLicenseKey("LM-EB2B-6DAD-E6BB-AGE2-C9D2", "cs_test_12345", "test-secret-key")
	if ok {
		t.Error("the superseded segment order must not verify")
	}
	if p := ValidateFormat("LM-EB2B-6DAD-E6BB-C9D2"); len(p) == 0 {
		t.Error("a 4-segment key must not pass the format check")
	}
}

func TestInputErrors(t *testing.T) {
	codeOf := func(err error) string {
		if e, ok := err.(*Error); ok {
			return e.Code
		}
		return "none"
	}
	if _, err := DownloadHash("", 1, "macos"); codeOf(err) != "INVALID_SECRET" {
		t.Errorf("empty secret: %v", err)
	}
	if _, err := DownloadHash("s", -1, "macos"); codeOf(err) != "INVALID_WINDOW" {
		t.Errorf("negative window: %v", err)
	}
	if _, err := DownloadHash("s", MaxWindow+1, "macos"); codeOf(err) != "INVALID_WINDOW" {
		t.Errorf("window past MaxWindow: %v", err)
	}
	if _, err := DownloadHash("s", 1, "android"); codeOf(err) != "UNKNOWN_PLATFORM" {
		t.Errorf("unknown platform: %v", err)
	}
	if _, err := GenerateLicenseKey("pi_123", "s"); codeOf(err) != "INVALID_SESSION_ID" {
		t.Errorf("non-checkout id: %v", err)
	}
	if _, err := TimeWindowAt(-1); codeOf(err) != "INVALID_TIME" {
		t.Errorf("negative time: %v", err)
	}
}

func BenchmarkLicenseKey(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := GenerateLicenseKey("cs_test_a1B2c3D4e5F6g7H8i9J0", "bench-only-secret-0123456789abcdef"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDownloadHash(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := DownloadHash("bench-only-secret-0123456789abcdef", 40648, "macos"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseUintIsBase10Only(t *testing.T) {
	for text, want := range map[string]int64{"0": 0, "10": 10, "40648": 40648, "9223372036854775807": 1<<63 - 1} {
		if got, err := ParseUint(text, "--window"); err != nil || got != want {
			t.Errorf("ParseUint(%q) = %d, %v; want %d", text, got, err, want)
		}
	}
	for _, text := range []string{"010", "0x10", "1_0", "+1", "-1", " 1", "1 ", "", "1e3", "١", "9223372036854775808"} {
		if _, err := ParseUint(text, "--window"); ErrorCode(err) != "INVALID_NUMBER" {
			t.Errorf("ParseUint(%q) = %v; want INVALID_NUMBER", text, err)
		}
	}
}

func TestS3KeyHonoursThePrefix(t *testing.T) {
	const tail = "40648/15848b2649ad7344/linux/local-memory-linux.zip"
	for prefix, want := range map[string]string{"downloads": "downloads/" + tail, "/a/b/": "a/b/" + tail, "": tail} {
		if got, err := S3Key("test-secret-key", 40648, "linux", prefix); err != nil || got != want {
			t.Errorf("S3Key(prefix %q) = %q, %v; want %q", prefix, got, err, want)
		}
	}
	if _, err := S3Key("test-secret-key", 40648, "linux", "a/../b"); ErrorCode(err) != "INVALID_PREFIX" {
		t.Errorf("a/../b accepted: %v", err)
	}
}

func TestNormalizeLicenseKey(t *testing.T) {
	cases := map[string]string{
		" lm-eb2b-6dad-e6bb-93fe-c9d2\n":               "LM-EB2B-6DAD-E6BB-93FE-C9D2",
		"\ufeffLM\u2013EB2B\u2014 6DAD-E6BB-93FE-C9D2": "LM-EB2B-6DAD-E6BB-93FE-C9D2",
		"lmeb2b6dade6bb93fec9d2":                       "LM-EB2B-6DAD-E6BB-93FE-C9D2",
		"LM-ＥB2B-6DAD-E6BB-93FE-C9D2":                  "LM-ＥB2B-6DAD-E6BB-93FE-C9D2",
	}
	for in, want := range cases {
		if got := NormalizeLicenseKey(in); got != want {
			t.Errorf("NormalizeLicenseKey(%q) = %q; want %q", in, got, want)
		}
	}
	if ok, _ := VerifyLicenseKey("lm-eb2b-6dad-e6bb-93fe-c9d2", "cs_test_12345", "test-secret-key"); !ok {
		t.Error("a lower-case paste of the right key must verify, as in TypeScript")
	}
}
