package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	dk "localmemory.co/downloadkeys"
	"localmemory.co/downloadkeys/lease"
)

func TestMachineIDFromAFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "machine-id")
	if err := os.WriteFile(file, []byte("b08dfa6083e7567a1921a715000001fb\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := env{getenv: func(string) string { return "" }}
	if id, err := machineID(file, e); err != nil || id != "PPXR2m7hMcKS3TzkI6mqQg" {
		t.Fatalf("got %q, %v (docs/algorithms.md's vector)", id, err)
	}
	e.getenv = func(k string) string {
		if k == "LOCAL_MEMORY_MACHINE_ID_FILE" {
			return file
		}
		return ""
	}
	if id, err := machineID("", e); err != nil || id != lease.MachineID([]byte("b08dfa6083e7567a1921a715000001fb")) {
		t.Fatalf("from the environment: got %q, %v", id, err)
	}

	missing := filepath.Join(dir, "nope")
	_, err := machineID(missing, e)
	de, ok := err.(*dk.Error)
	if !ok || de.Code != "NO_MACHINE_ID" || !strings.Contains(de.Message, missing) || !strings.Contains(de.Message, "--machine-id-file") {
		t.Errorf("missing file: %v", err)
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, []byte("\n"), 0o600)
	if _, err := machineID(empty, e); err == nil || !strings.Contains(err.Error(), "is empty") {
		t.Errorf("empty file: %v", err)
	}
}
