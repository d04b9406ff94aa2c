package vectors

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const committed = "../../../vectors"

// transcribed lists the vector files that hold facts from outside (the official PASETO vectors),
// not this generator's output; package lease runs them.
var transcribed = map[string]bool{"paseto-v4-public.json": true}

// The committed files must be exactly what the generator writes from the reference today: one
// source of truth. This is the Go side's check of every vector; the TypeScript suite checks
// the same files against the TypeScript library.
func TestCommittedVectorsAreFresh(t *testing.T) {
	generated := Generate()
	for name, want := range generated {
		got, err := os.ReadFile(filepath.Join(committed, name))
		if err != nil {
			t.Fatalf("%s: %v (run `go run ./cmd/vectorgen` in packages/download-keys/go)", name, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale against the generator: run `go run ./cmd/vectorgen` in packages/download-keys/go and commit", name)
		}
	}
	entries, _ := filepath.Glob(filepath.Join(committed, "*.json"))
	own := 0
	for _, path := range entries {
		if !transcribed[filepath.Base(path)] {
			own++
		}
	}
	if own != len(generated) {
		t.Errorf("vectors/ holds %d generated files, the generator writes %d", own, len(generated))
	}
}

// Every case carries a unique id and a comment, and the customer-input list is long enough to
// mean something (issue #14 asks for at least 100 odd inputs).
func TestVectorFilesAreWellFormed(t *testing.T) {
	minimum := map[string]int{"license-key-inputs.json": 100, "secret-rule.json": 20}
	for name, raw := range Generate() {
		var f struct {
			Cases []map[string]interface{} `json:"cases"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(f.Cases) < minimum[name] || len(f.Cases) == 0 {
			t.Errorf("%s has %d cases, want at least %d", name, len(f.Cases), minimum[name])
		}
		seen := map[string]bool{}
		for _, c := range f.Cases {
			id, _ := c["id"].(string)
			comment, _ := c["comment"].(string)
			if id == "" || comment == "" || seen[id] {
				t.Errorf("%s: case %q has no id, no comment or a duplicate id", name, id)
			}
			seen[id] = true
		}
	}
}
