import { defineConfig } from 'tsup';

// One build for every entry, so `.`, `./node` and the CLI share one copy of each module (chunks):
// an error thrown by the node entry is `instanceof` the classes exported by `.`. ESM and CommonJS
// are built side by side. Only the CLI imports commander; the `.` entry imports nothing but
// @noble/hashes, `./lease` adds @noble/ed25519 (src/purity.test.ts checks the built files).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // The activation command alone, for pages that need nothing else of the library (the
    // landing's public setup guide): importing `.` would bring the key derivation along.
    activation: 'src/activation.ts',
    // The platform table alone, for the product catalogue and the pages that name downloads
    // without deriving links: importing `.` would bring SHA-256 along.
    platforms: 'src/platforms.ts',
    // Lease verification alone: it brings Ed25519 (@noble/ed25519), which `.` must not carry.
    lease: 'src/lease.ts',
    node: 'src/node/index.ts',
    cli: 'src/cli/bin.ts',
  },
  format: ['esm', 'cjs'],
  platform: 'node',
  target: 'es2022',
  dts: {
    compilerOptions: { noCheck: true },
    entry: {
      index: 'src/index.ts',
      activation: 'src/activation.ts',
      platforms: 'src/platforms.ts',
      lease: 'src/lease.ts',
      node: 'src/node/index.ts',
    },
  },
  splitting: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
});
