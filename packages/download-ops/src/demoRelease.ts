/**
 * The demo release: four small, valid ZIPs with the catalogue's entry names whose programs are
 * shell scripts that say plainly they are a demo. Deterministic (fixed timestamps).
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PLATFORM_CATALOGUE, PLATFORMS } from '@local-memory/download-keys';
import { strToU8, zipSync } from 'fflate';

const DEMO_PROGRAM = `#!/bin/sh
echo "This is a DEMO download from the Local Memory storefront demo."
echo "It is not the Local Memory program. Buy Local Memory at https://localmemory.co/pricing."
exit 0
`;

const DEMO_README = `DEMO RELEASE - NOT THE LOCAL MEMORY PROGRAM

These files were produced by \`download-ops make-demo-release\` so the storefront's demo
purchase -> success -> download path can be tried without a real build. Each "program" is a
short script that says it is a demo.
`;

const FIXED_TIME = new Date('2025-01-01T00:00:00Z');

/** Write the four demo ZIPs into `dir`; returns their paths. */
export async function makeDemoRelease(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const platform of PLATFORMS) {
    const { filename, contents } = PLATFORM_CATALOGUE[platform];
    const files: Record<string, [Uint8Array, { mtime: Date; os?: number; attrs?: number }]> = {};
    for (const entry of contents) {
      const program = entry !== 'README';
      files[entry] = [
        strToU8(program ? DEMO_PROGRAM : DEMO_README),
        // Unix mode 0755 for the programs so they run after unzip.
        program
          ? { mtime: FIXED_TIME, os: 3, attrs: (0o100755 << 16) >>> 0 }
          : { mtime: FIXED_TIME },
      ];
    }
    const path = join(dir, filename);
    await writeFile(path, zipSync(files, { level: 9 }));
    written.push(path);
  }
  return written;
}
