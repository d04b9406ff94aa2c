package vectors

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	dk "localmemory.co/downloadkeys"
)

const committed = "../../../vectors"

// The committed files must be exactly what the generator writes today: one source of truth.
func TestCommittedVectorsAreFresh(t *testing.T) {
	for name, want := range Generate() {
		got, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Fatalf("%s: %v (run `go run ./cmd/vectorgen` in packages/download-keys/go)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale against the generator: run `go run ./cmd/vectorgen` in packages/download-keys/go and commit", name)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(committed, "*.json"))
	if len(entries) != len(Generate()) {
		t.Errorf("vectors/ holds %d files, the generator writes %d", len(entries), len(Generate()))
	}
}

type anyCase map[string]interface{}

func load(t *testing.T, name string) []anyCase {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(committed, name))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Cases []anyCase }
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) == 0 {
		t.Fatalf("%s has no cases", name)
	}
	return f.Cases
}

// Re-run every committed case through the reference, each as its own subtest.
func TestCommittedVectors(t *testing.T) {
	for _, c := range load(t, "license-keys.json") {
		c := c
		t.Run("license/"+c["id"].(string), func(t *testing.T) {
			got, err := dk.GenerateLicenseKey(c["sessionId"].(string), c["secret"].(string))
			if err != nil || got != c["key"] {
				t.Errorf("got %q, %v; want %q", got, err, c["key"])
			}
		})
	}
	for _, c := range load(t, "download-hashes.json") {
		c := c
		t.Run("hash/"+c["id"].(string), func(t *testing.T) {
			got, err := dk.DownloadHash(c["secret"].(string), int64(c["window"].(float64)), c["platform"].(string))
			if err != nil || got != c["hash"] {
				t.Errorf("got %q, %v; want %q", got, err, c["hash"])
			}
		})
	}
	for _, c := range load(t, "time-windows.json") {
		c := c
		t.Run("window/"+c["id"].(string), func(t *testing.T) {
			got, err := dk.WindowAt(int64(c["unixSeconds"].(float64)))
			if err != nil || float64(got) != c["window"] {
				t.Errorf("got %d, %v; want %v", got, err, c["window"])
			}
		})
	}
	for _, c := range load(t, "license-key-format.json") {
		c := c
		t.Run("format/"+c["id"].(string), func(t *testing.T) {
			got := dk.ValidateFormat(c["key"].(string))
			want, _ := json.Marshal(c["problems"])
			have, _ := json.Marshal(got)
			if !bytes.Equal(want, have) || (len(got) == 0) != c["valid"] {
				t.Errorf("got %s; want %s (valid %v)", have, want, c["valid"])
			}
		})
	}
	for _, c := range load(t, "session-ids.json") {
		c := c
		t.Run("session/"+c["id"].(string), func(t *testing.T) {
			if dk.IsCheckoutSessionID(c["sessionId"].(string)) != c["valid"] {
				t.Errorf("want valid=%v", c["valid"])
			}
		})
	}
}
