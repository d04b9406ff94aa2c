/**
 * V8's explicit compile hint (`//# allFunctionsCalledOnLoad`, Chromium 136 and later; other
 * engines read a comment) on the chunk that holds React DOM. V8 otherwise compiles a function
 * only when it is first called: React DOM's module body and the reconciler functions hydration
 * calls were each compiled on the main thread, inside the task that evaluates the chunk and the
 * hydration slices after it, which Lighthouse counts (times four) into Total Blocking Time. With
 * the hint, V8 compiles them on a background thread while the chunk streams in. The hint must be
 * the file's first line, so it is added after every other plugin has written the chunk, and the
 * chunk's source map is moved down by the one line.
 * @module
 */
import type { Plugin } from 'vite';

/** The magic comment, exactly as V8 recognises it. */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** Whether a chunk holds React DOM's client (the code every page's hydration runs). */
export function holdsReactDom(moduleIds: readonly string[]): boolean {
  return moduleIds.some((id) => /[\\/]react-dom[\\/]cjs[\\/]react-dom-client\./.test(id));
}

/**
 * A chunk's code with the hint as its first line, and its source map's mappings moved down by
 * that line (`;` is one generated line with no mappings).
 */
export function withCompileHint(
  code: string,
  mappings?: string,
): { code: string; mappings?: string } {
  if (code.startsWith(COMPILE_HINT)) return { code, mappings };
  return {
    code: `${COMPILE_HINT}\n${code}`,
    ...(mappings === undefined ? {} : { mappings: `;${mappings}` }),
  };
}

/** Put the hint on the chunk holding React DOM; fails the build when no chunk does. */
export function compileHints(): Plugin {
  return {
    name: 'local-memory-compile-hints',
    apply: 'build',
    enforce: 'post',
    // After Vite's own generateBundle work, which puts its `__vite__mapDeps` line first.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        // Server-side (prerender) builds carry no browser chunk to hint.
        if (this.environment?.name === 'ssr') return;
        const chunks = Object.values(bundle).filter(
          (file) => file.type === 'chunk' && holdsReactDom(file.moduleIds),
        );
        if (chunks.length === 0)
          this.error('compileHints: no chunk holds react-dom-client; nothing to hint');
        for (const chunk of chunks) {
          if (chunk.type !== 'chunk') continue;
          // The map is the chunk's own (`chunk.map`) or, once written out, the `.map` asset beside it.
          const mapFile = bundle[`${chunk.fileName}.map`];
          const asset =
            mapFile?.type === 'asset' && typeof mapFile.source === 'string' ? mapFile : undefined;
          const written = asset
            ? (JSON.parse(asset.source as string) as { mappings: string })
            : null;
          const hinted = withCompileHint(chunk.code, chunk.map?.mappings ?? written?.mappings);
          chunk.code = hinted.code;
          if (hinted.mappings === undefined) continue;
          if (chunk.map) chunk.map.mappings = hinted.mappings;
          if (asset && written)
            asset.source = JSON.stringify({ ...written, mappings: hinted.mappings });
        }
      },
    },
  };
}
