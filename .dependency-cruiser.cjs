// The repo's import boundaries, checked by dependency-cruiser on resolved paths (tools/boundaries
// runs it in `npm test`). Paths are relative to the repo root; a violation names its rule.
//
// Landing layers (bulletproof-react): app → pages → features/<name> → components, config.
// Workspaces import each other by package name, never by a relative path that climbs out.
//
// Test doubles live in tools/testkit (@local-memory/testkit): tests, their testing/ helpers and
// scripts import it; production sources never do.
//
// Known debts are listed in .dependency-cruiser-known-violations.json and tolerated by the test:
// none today (the Success page's re-export shims and the cross-workspace test helpers are gone).
// Remove an entry when its debt is paid; never add one to get green.
// Regenerate after paying a debt: npx depcruise --config .dependency-cruiser.cjs
//   --output-type baseline apps packages tools e2e infra scripts bench
//   > .dependency-cruiser-known-violations.json && npx biome format --write that file

/** A workspace's folder: apps/x, packages/x, tools/x, e2e or infra (captured as $1). */
const WORKSPACE = '^((?:apps|packages|tools)/[^/]+|e2e|infra)/';
const SRC = '^apps/landing/src/';
const TEST_FILE = '[.]test[.](ts|tsx|mts|cts)$';
/** A folder under src/ that is not a layer (files directly in src/ are the entries). */
const UNKNOWN_LAYER = `${SRC}(?!(app|pages|components|config|testing|styles)/|features/[^/]+/)[^/]+/`;
/** Type-only imports are erased at build time: the layers constrain run-time imports. */
const TYPE_ONLY = ['type-only', 'type-import'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-unresolvable-import',
      comment:
        'An import that resolves to no file: a typo, a missing dependency, or a workspace package ' +
        'not built yet (its exports point at dist/: run `npx turbo run build` first).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['^virtual:', '^[.][.]/dist/'] },
    },
    {
      name: 'no-cross-workspace-relative-import',
      comment:
        'An import climbs out of its own workspace by relative path. Import the other workspace by ' +
        'its package name (add it to package.json dependencies) and export what you need from it.',
      severity: 'error',
      from: { path: WORKSPACE },
      to: { dependencyTypes: ['local'], pathNot: ['^$1/', 'node_modules/'] },
    },
    {
      name: 'landing-src-stays-in-src',
      comment: 'The landing sources import nothing of the landing outside src/ by relative path.',
      severity: 'error',
      from: { path: SRC },
      to: { path: '^apps/landing/', pathNot: [SRC, 'node_modules/'] },
    },
    {
      name: 'landing-features-never-import-each-other',
      comment:
        'A feature imports only itself, components, config, testing and styles: move what two ' +
        'features share into components or config, or compose them in a page.',
      severity: 'error',
      from: { path: `${SRC}features/([^/]+)/` },
      to: { path: `${SRC}features/`, pathNot: `${SRC}features/$1/` },
    },
    {
      name: 'landing-features-import-no-page-app-or-entry',
      comment: 'Features sit below pages and the app: they import neither, nor the entry files.',
      severity: 'error',
      from: { path: `${SRC}features/` },
      to: { path: [`${SRC}(app|pages)/`, `${SRC}[^/]+$`] },
    },
    {
      name: 'landing-components-import-only-components-and-config',
      comment: 'Components are stateless building blocks: no feature, page, app or entry import.',
      severity: 'error',
      from: { path: `${SRC}components/` },
      to: { path: SRC, pathNot: `${SRC}(components|config|testing|styles)/` },
    },
    {
      name: 'landing-config-imports-only-config',
      comment: 'config validates the environment and imports nothing of the app but config.',
      severity: 'error',
      from: { path: `${SRC}config/` },
      to: { path: SRC, pathNot: `${SRC}(config|testing|styles)/` },
    },
    {
      name: 'landing-pages-only-compose',
      comment:
        'A page composes features, components and config: it imports no other page (its own parts and tests excepted), no app module and no entry file.',
      severity: 'error',
      from: { path: `${SRC}pages/([^./]+)[.]` },
      to: {
        path: SRC,
        pathNot: [`${SRC}(features/[^/]+|components|config|testing|styles)/`, `${SRC}pages/$1[.]`],
      },
    },
    {
      name: 'landing-pages-use-no-domain-package',
      comment:
        'At run time a page uses only react and react-router-dom besides its own layers: domain ' +
        'packages (e.g. @local-memory/download-keys) belong in a feature. Type-only imports and ' +
        "a page's tests are exempt.",
      severity: 'error',
      from: { path: `${SRC}pages/`, pathNot: TEST_FILE },
      to: {
        dependencyTypesNot: TYPE_ONLY,
        pathNot: [SRC, '(^|/)node_modules/(react|react-router-dom)/'],
      },
    },
    {
      name: 'landing-no-unknown-layer',
      comment:
        'Every folder under apps/landing/src/ is a layer: app, pages, features/<name>, ' +
        'components, config, testing or styles. Put the module in one, or name the new layer here.',
      severity: 'error',
      from: {},
      to: { path: UNKNOWN_LAYER },
    },
    {
      name: 'landing-no-unknown-layer-orphan',
      comment:
        'A module in a folder under apps/landing/src/ that is not a layer (see landing-no-unknown-layer).',
      severity: 'error',
      from: { path: UNKNOWN_LAYER, orphan: true },
      to: {},
    },
    {
      name: 'landing-no-unknown-layer-importer',
      comment:
        'A module in a folder under apps/landing/src/ that is not a layer imports something (see landing-no-unknown-layer).',
      severity: 'error',
      from: { path: UNKNOWN_LAYER },
      to: {},
    },
    {
      name: 'landing-features-reexport-no-package',
      comment:
        'A feature that only re-exports a package lets a page use that package while stepping ' +
        'around landing-pages-use-no-domain-package: wrap it in a function that does the ' +
        "feature's job, or move the caller into the feature.",
      severity: 'error',
      from: { path: `${SRC}features/` },
      to: { dependencyTypes: ['export'], pathNot: SRC },
    },
    {
      name: 'production-imports-no-testkit',
      comment:
        'Production sources (apps/*/src and packages/*/src, but tests and testing/ helpers) never ' +
        'import @local-memory/testkit: a test double must not reach what ships. Pass the policy ' +
        'or the client in from the composition root instead, and let the test pass the double.',
      severity: 'error',
      from: {
        path: '^(apps|packages)/[^/]+/src/',
        pathNot: [TEST_FILE, '^(apps|packages)/[^/]+/src/testing/'],
      },
      to: { path: ['(^|/)node_modules/@local-memory/testkit/', '^tools/testkit/'] },
    },
    {
      name: 'download-keys-browser-entry-no-node-builtins',
      comment:
        "download-keys' browser entry (src/ but the CLI and the ./node entry) is isomorphic: " +
        'node:* modules belong behind the CLI (src/cli) or the Node-only entry (src/node).',
      severity: 'error',
      from: {
        path: '^packages/download-keys/src/',
        pathNot: ['^packages/download-keys/src/(cli|node)/', TEST_FILE],
      },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    // Workspace packages resolve through their node_modules link, so an import by package name
    // (node_modules/@local-memory/x/...) is told apart from a relative one (packages/x/...).
    preserveSymlinks: true,
    doNotFollow: { path: ['node_modules/', '/dist/', '/dist-'] },
    // Generated while tests run, which can appear mid-scan beside another suite: e2e's report,
    // results and site builds (e2e/.sites), the landing's Lighthouse builds and infra's release
    // build (dist-*).
    exclude: {
      path: [
        '/[.]turbo/',
        '/coverage/',
        '/playwright-report/',
        '/test-results/',
        '/[.]sites/',
        '/dist-',
      ],
    },
    tsPreCompilationDeps: true,
    detectJSDocImports: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
    },
  },
};
