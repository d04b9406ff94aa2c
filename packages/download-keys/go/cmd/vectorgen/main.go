// Command vectorgen writes the shared test vectors (packages/download-keys/vectors/*.json).
// Usage: go run ./cmd/vectorgen [dir]   (default ../vectors, run from the go/ folder)
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"localmemory.co/downloadkeys/internal/vectors"
)

func main() {
	dir := "../vectors"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "vectorgen:", err)
		os.Exit(1)
	}
	files := vectors.Generate()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, files[name], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "vectorgen:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", path)
	}
}
