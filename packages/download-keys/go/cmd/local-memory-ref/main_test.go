package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

const testSecret = "GO-TEST-ONLY-local-memory-secret-0123456789"

func runWith(args []string, vars map[string]string, stdin string) (int, string, string) {
	var out, errOut bytes.Buffer
	e := env{
		getenv: func(k string) string { return vars[k] },
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errOut,
		now:    func() time.Time { return time.Unix(1755993600, 0) },
	}
	return run(args, e), out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	withSecret := map[string]string{"DOWNLOAD_SECRET": testSecret}
	cases := []struct {
		name string
		args []string
		vars map[string]string
		code int
		out  string
	}{
		{"no args is usage", nil, nil, 2, "usage"},
		{"unknown command", []string{"frobnicate"}, nil, 2, ""},
		{"format valid", []string{"license", "validate", "LM-EB2B-6DAD-E6BB-93FE-C9D2"}, nil, 0, "valid"},
		{"four segments invalid", []string{"license", "validate", "LM-EB2B-6DAD-E6BB-C9D2", "--json"}, nil, 1, `"WRONG_LENGTH"`},
		{"validate needs a key", []string{"license", "validate"}, nil, 2, ""},
		{"generate without secret fails", []string{"license", "generate", "--session-id", "cs_test_1"}, nil, 1, ""},
		{"short secret refused", []string{"license", "generate", "--session-id", "cs_test_1"}, map[string]string{"DOWNLOAD_SECRET": "short"}, 1, ""},
		{"generate ok", []string{"license", "generate", "--session-id", "cs_test_1", "--json"}, withSecret, 0, `"key":"LM-`},
		{"bad session id", []string{"license", "generate", "--session-id", "pi_1"}, withSecret, 1, ""},
		{"hash ok", []string{"download", "hash", "--window", "40648", "--platform", "linux"}, withSecret, 0, ""},
		{"hash unknown platform", []string{"download", "hash", "--window", "40648", "--platform", "beos"}, withSecret, 1, ""},
		{"hash missing window", []string{"download", "hash", "--platform", "linux"}, withSecret, 2, ""},
		{"window at", []string{"download", "window", "--at", "1755993600"}, nil, 0, "40648"},
		{"window now", []string{"download", "window", "--json"}, nil, 0, `"window":40648`},
	}
	for _, c := range cases {
		code, out, _ := runWith(c.args, c.vars, "")
		if code != c.code || !strings.Contains(out, c.out) {
			t.Errorf("%s: exit %d, out %q; want exit %d containing %q", c.name, code, out, c.code, c.out)
		}
		if strings.Contains(out, testSecret) {
			t.Errorf("%s: the secret leaked into the output", c.name)
		}
	}
}

func TestCryptographicValidation(t *testing.T) {
	vars := map[string]string{"DOWNLOAD_SECRET": testSecret}
	_, key, _ := runWith([]string{"license", "generate", "--session-id", "cs_test_abc"}, vars, "")
	key = strings.TrimSpace(key)
	if code, _, _ := runWith([]string{"license", "validate", key, "--session-id", "cs_test_abc"}, vars, ""); code != 0 {
		t.Errorf("own key rejected: exit %d", code)
	}
	if code, out, _ := runWith([]string{"license", "validate", key, "--session-id", "cs_test_abd"}, vars, ""); code != 1 || !strings.Contains(out, "not issued") {
		t.Errorf("key for another session accepted: exit %d %q", code, out)
	}
}

func TestBatch(t *testing.T) {
	in := `{"op":"license","sessionId":"cs_test_12345","secret":"test-secret-key"}
{"op":"hash","window":40648,"platform":"macos","secret":"test-secret-key"}
{"op":"format","key":"LM-EB2B-6DAD-E6BB-C9D2"}
{"op":"hash","window":1,"platform":"beos","secret":"x"}
`
	code, out, _ := runWith([]string{"batch"}, nil, in)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 4 {
		t.Fatalf("exit %d, %d lines: %q", code, len(lines), out)
	}
	want := []string{`"LM-EB2B-6DAD-E6BB-93FE-C9D2"`, `"4b9e0f69ec32f39a"`, `"WRONG_GROUPS"`, `"UNKNOWN_PLATFORM"`}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d = %s, want it to contain %s", i+1, lines[i], w)
		}
	}
	if code, _, _ := runWith([]string{"batch"}, nil, "not json\n"); code != 2 {
		t.Errorf("garbage batch input: exit %d, want 2", code)
	}
}
