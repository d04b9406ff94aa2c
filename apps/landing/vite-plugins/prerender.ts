/**
 * `vite build` builds the browser bundle, then a server bundle of `src/entry-server.tsx`, then
 * writes one complete HTML document per route of src/app/routes.ts (head with title, description,
 * canonical URL, Open Graph and Twitter cards, robots; the page itself; the site's CSS inline;
 * the entry script started by an inline bootstrap, see bootstrap.ts),
 * plus sitemap.xml and robots.txt. Source maps and Vite's manifest are moved out of the deploy
 * folder to `sourcemaps/<outDir name>/` (kept for error reports and the budget script).
 * @module
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { ROUTES, type RouteEntry } from '../src/app/routes.ts';
import { cspHash, inlineEntryScript } from './bootstrap.ts';
import type { StorefrontHandle } from './storefront.ts';

const SSR_ENTRY = 'src/entry-server.tsx';
const SOCIAL_IMAGE = '/social-card.png';

const escapeAttr = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The `<head>` lines for one route. */
export function headFor(route: RouteEntry, siteUrl: string): string {
  const url = route.path === '*' ? undefined : `${siteUrl}${route.path === '/' ? '/' : route.path}`;
  const lines = [
    `<title>${escapeAttr(route.title)}</title>`,
    `<meta name="description" content="${escapeAttr(route.description)}" />`,
  ];
  if (!route.indexable) lines.push('<meta name="robots" content="noindex" />');
  if (url !== undefined && route.indexable) lines.push(`<link rel="canonical" href="${url}" />`);
  lines.push(
    '<meta property="og:type" content="website" />',
    '<meta property="og:site_name" content="Local Memory" />',
    `<meta property="og:title" content="${escapeAttr(route.title)}" />`,
    `<meta property="og:description" content="${escapeAttr(route.description)}" />`,
    ...(url !== undefined ? [`<meta property="og:url" content="${url}" />`] : []),
    `<meta property="og:image" content="${siteUrl}${SOCIAL_IMAGE}" />`,
    '<meta property="og:image:width" content="1200" />',
    '<meta property="og:image:height" content="630" />',
    '<meta property="og:image:alt" content="Local Memory: persistent memory for your AI agents, on your machine" />',
    '<meta name="twitter:card" content="summary_large_image" />',
    `<meta name="twitter:title" content="${escapeAttr(route.title)}" />`,
    `<meta name="twitter:description" content="${escapeAttr(route.description)}" />`,
    `<meta name="twitter:image" content="${siteUrl}${SOCIAL_IMAGE}" />`,
  );
  return lines.join('\n    ');
}

/** sitemap.xml for the indexable routes. */
export function sitemapFor(routes: readonly RouteEntry[], siteUrl: string): string {
  const urls = routes
    .filter((r) => r.indexable)
    .map((r) => `  <url><loc>${siteUrl}${r.path}</loc></url>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

/** Fill the built index.html with one route's head, page and inline CSS. */
export function documentFor(
  template: string,
  route: RouteEntry,
  body: string,
  css: string,
  siteUrl: string,
): string {
  const html = template
    .replace(/<title>[\s\S]*?<\/title>\s*/, '')
    .replace(/<meta\s+name="description"[\s\S]*?\/>\s*/, '')
    .replace('<!--head-->', headFor(route, siteUrl))
    .replace(/<link rel="stylesheet"[^>]*href="[^"]+\.css"[^>]*>/g, '')
    .replace('</head>', `  <style>${css}</style>\n  </head>`)
    .replace(
      '<div id="root"></div>',
      `<div id="root" data-route="${escapeAttr(route.path)}">${body}</div>`,
    );
  if (!html.includes(`data-route="${escapeAttr(route.path)}"`))
    throw new Error('index.html has no <div id="root"></div> to fill');
  return html;
}

/**
 * The built scripts that name one of the stylesheets the documents inline. Vite's loader fetches
 * a chunk's CSS before each lazy import of it; with the CSS inline that fetch is only waste.
 * @returns paths relative to `outDir`
 */
export function scriptsNamingStylesheets(outDir: string, cssFiles: readonly string[]): string[] {
  return filesUnder(outDir)
    .filter((file) => /\.m?js$/.test(file))
    .filter((file) => {
      const text = readFileSync(file, 'utf8');
      return cssFiles.some((css) => text.includes(css));
    })
    .map((file) => relative(outDir, file));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Make `vite build` build the browser bundle, then the server bundle, then write every route's
 * document (see the module comment).
 * @param storefront - the storefront plugin's handle, for the site's public address
 */
export function prerender(storefront: StorefrontHandle): Plugin {
  let root = '';
  return {
    name: 'local-memory-prerender',
    config(_config, env) {
      if (env.command !== 'build') return;
      return {
        builder: {
          async buildApp(builder) {
            const client = builder.environments.client;
            const ssr = builder.environments.ssr;
            if (client === undefined || ssr === undefined)
              throw new Error('prerender: the client and ssr environments are missing');
            await builder.build(client);
            await builder.build(ssr);
            const outDir = resolve(root, client.config.build.outDir);
            const ssrDir = resolve(root, ssr.config.build.outDir);
            let hashes: CspHashes;
            try {
              hashes = await writeDocuments(outDir, ssrDir, storefront.current().siteUrl);
            } finally {
              rmSync(ssrDir, { recursive: true, force: true });
            }
            const facts = buildFactsDir(root, outDir);
            moveOutOfDeploy(outDir, facts);
            writeFileSync(join(facts, CSP_FILE), `${JSON.stringify(hashes, null, 2)}\n`);
          },
        },
        environments: {
          ssr: {
            build: {
              // Beside the deploy folder, never in it; removed once the pages are written.
              outDir: `node_modules/.prerender-${process.pid}`,
              emptyOutDir: true,
              sourcemap: false,
              manifest: false,
              copyPublicDir: false,
              rollupOptions: { input: SSR_ENTRY },
            },
          },
        },
      };
    },
    configResolved(config) {
      root = config.root;
    },
  };
}

async function writeDocuments(outDir: string, ssrDir: string, siteUrl: string): Promise<CspHashes> {
  const entry = filesUnder(ssrDir).find(
    (f) => basename(f).startsWith('entry-server') && /\.m?js$/.test(f),
  );
  if (entry === undefined) throw new Error(`prerender: no entry-server bundle in ${ssrDir}`);
  const { render } = (await import(pathToFileURL(entry).href)) as {
    render: (path: string) => Promise<string>;
  };
  const { html: template, scriptHash } = inlineEntryScript(
    readFileSync(join(outDir, 'index.html'), 'utf8'),
  );
  const cssFiles = [...template.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"/g)].map(
    (m) => m[1] as string,
  );
  const css = cssFiles.map((file) => readFileSync(join(outDir, file), 'utf8')).join('\n');
  const fetching = scriptsNamingStylesheets(outDir, cssFiles);
  if (fetching.length > 0)
    throw new Error(
      `prerender: ${fetching.join(', ')} would fetch the stylesheet that every document has inline; keep build.cssCodeSplit false in vite.config.ts`,
    );
  // Every document inlines the same CSS: one hash lets the CSP allow exactly that <style>.
  const styleHashes = [cspHash(css)];
  for (const route of ROUTES) {
    const body = await render(route.path === '*' ? '/404' : route.path);
    const file = join(outDir, route.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, documentFor(template, route, body, css, siteUrl));
  }
  writeFileSync(join(outDir, 'sitemap.xml'), sitemapFor(ROUTES, siteUrl));
  writeFileSync(
    join(outDir, 'robots.txt'),
    `User-agent: *\nAllow: /\n\nSitemap: ${siteUrl}/sitemap.xml\n`,
  );
  return { styleHashes, scriptHashes: [scriptHash] };
}

/** The CSP hashes of the inline `<style>` and `<script>` every prerendered document carries. */
export interface CspHashes {
  readonly styleHashes: readonly string[];
  readonly scriptHashes: readonly string[];
}

/**
 * The CSP facts of a build: `{ "styleHashes": ["sha256-…"], "scriptHashes": ["sha256-…"] }`,
 * beside its source maps.
 */
export const CSP_FILE = 'csp.json';

/**
 * Where a build keeps what is not deployed: its hidden source maps, `.vite/` and {@link CSP_FILE}
 * (which the preview server and the CDK app read for the Content-Security-Policy).
 */
export function buildFactsDir(root: string, outDir: string): string {
  return resolve(root, 'sourcemaps', basename(resolve(root, outDir)));
}

/** The inline-style and inline-script hashes a build wrote; none when it wrote no pages. */
export function readCspHashes(root: string, outDir: string): CspHashes {
  let facts: { styleHashes?: unknown; scriptHashes?: unknown };
  try {
    facts = JSON.parse(readFileSync(join(buildFactsDir(root, outDir), CSP_FILE), 'utf8'));
  } catch {
    return { styleHashes: [], scriptHashes: [] };
  }
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { styleHashes: list(facts.styleHashes), scriptHashes: list(facts.scriptHashes) };
}

/**
 * Move a file: rename(2), or, when `from` and `to` are on different filesystems (EXDEV: a build
 * into a tmpfs /tmp, where the source maps go to the repository's disk), copy it and remove it.
 * @param rename - rename(2); the tests pass one that fails
 */
export function moveFile(from: string, to: string, rename = renameSync): void {
  try {
    rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(from, to);
    rmSync(from);
  }
}

/** Source maps and .vite/ go to `target`; the deploy folder keeps neither. */
function moveOutOfDeploy(outDir: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  for (const file of filesUnder(outDir)) {
    const rel = relative(outDir, file);
    if (!file.endsWith('.map') && !rel.startsWith('.vite')) continue;
    const to = join(target, rel);
    mkdirSync(dirname(to), { recursive: true });
    moveFile(file, to);
  }
  if (existsSync(join(outDir, '.vite')))
    rmSync(join(outDir, '.vite'), { recursive: true, force: true });
}

/**
 * `vite preview` answers an address that is no page with 404.html and status 404, as the CDN
 * does, instead of Vite's single-page fallback (the home page's document, which would then be
 * hydrated as the wrong page).
 */
export function notFoundPage(): Plugin {
  return {
    name: 'local-memory-not-found-page',
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const pathname = (req.url ?? '/').split('?')[0] ?? '/';
        const accept = req.headers.accept ?? '';
        const pageLike =
          !basename(pathname).includes('.') && !/^\/(api|downloads)\//.test(pathname);
        if (
          (req.method !== 'GET' && req.method !== 'HEAD') ||
          !pageLike ||
          !accept.includes('text/html')
        )
          return next();
        const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
        const known = ROUTES.some((r) => r.path === trimmed);
        const page = join(outDir, '404.html');
        if (known || !existsSync(page)) return next();
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        res.end(req.method === 'HEAD' ? undefined : readFileSync(page));
      });
    },
  };
}
