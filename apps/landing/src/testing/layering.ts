/**
 * The landing's layering, as the style guide (bulletproof-react) draws it, checked from the
 * import graph rather than by habit:
 * - `features/<name>` never import another feature, a page or the app;
 * - `components` are stateless building blocks: they import no feature, page or app;
 * - `config` imports nothing of the app's own but config;
 * - `pages` only compose: features, components and config, React and the router; they import no
 *   other page, no app module and no domain package (type-only imports and a page's own tests
 *   excepted);
 * - `app`, `testing` and the entry files may import anything; any other top-level folder under
 *   `src/` is an error until it is given a place here.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** One import that breaks a rule. */
export interface LayeringViolation {
  /** Importing file, relative to `src/`, with `/` separators. */
  readonly file: string;
  /** The import specifier as written. */
  readonly specifier: string;
  /** Which rule, in words. */
  readonly rule: string;
}

interface ImportRef {
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** Packages a page may use at run time: the composition tools, nothing with domain logic. */
const PAGE_PACKAGES = new Set(['react', 'react-router-dom']);
const SHARED = new Set(['components', 'config', 'testing', 'styles']);
const SOURCE = /\.(ts|tsx|mts|cts)$/;
const TEST_FILE = /\.test\.(ts|tsx|mts|cts)$/;

/** Every static, re-exported and dynamic import in a TypeScript source, and whether it is type-only. */
export function importsOf(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: ImportRef[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({
        specifier: node.moduleSpecifier.text,
        typeOnly: node.importClause?.isTypeOnly === true,
      });
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `features/license` for `features/license/x.ts`, `pages` for `pages/X.tsx`, `` for `main.tsx`. */
function layerOf(path: string): string {
  const [top, second] = path.split('/');
  if (path.split('/').length === 1) return '';
  return top === 'features' ? `features/${second}` : (top as string);
}

/**
 * The page a file belongs to: `pages/SuccessPage` for `SuccessPage.tsx`, for a part of it such as
 * `SuccessPage.server.tsx` (a lazily loaded half), and for their tests.
 */
const pageModule = (path: string) => path.replace(/^((?:.*\/)?[^./]+)\.[^/]*$/, '$1');

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function check(file: string, ref: ImportRef): string | null {
  const from = layerOf(file);
  if (from === '' || from === 'app' || from === 'testing') return null;

  const relativeImport = ref.specifier.startsWith('.');
  if (!relativeImport) {
    // A page's tests may use test tooling; the page itself composes.
    if (from !== 'pages' || ref.typeOnly || TEST_FILE.test(file)) return null;
    const name = packageName(ref.specifier);
    return PAGE_PACKAGES.has(name)
      ? null
      : `pages only compose: ${name} belongs in a feature (pages may use ${[...PAGE_PACKAGES].join(', ')} and the app's own layers)`;
  }
  const target = posix.normalize(posix.join(posix.dirname(file), ref.specifier));
  if (target.startsWith('../')) return `imports from outside src/: ${target}`;
  const to = layerOf(target);
  if (to === 'testing' || to === 'styles') return null;

  if (from.startsWith('features/')) {
    if (to === from || to === 'components' || to === 'config') return null;
    if (to.startsWith('features/'))
      return `features never import each other: ${from} imports ${to}`;
    return `features import only themselves, components and config, not ${to || 'the entry'}`;
  }
  if (from === 'components') {
    if (to === 'components' || to === 'config') return null;
    return `components import no feature, page or app module: this imports ${to || 'the entry'}`;
  }
  if (from === 'config') {
    return to === 'config' ? null : `config imports only config, not ${to || 'the entry'}`;
  }
  if (from === 'pages') {
    if (to.startsWith('features/') || to === 'components' || to === 'config') return null;
    if (to === 'pages' && pageModule(file) === pageModule(target)) return null; // a page's own test
    return to === 'pages'
      ? `pages only compose: a page does not import another page (${target})`
      : `pages only compose: they do not import ${to || 'the entry'}`;
  }
  return null;
}

/**
 * Check a set of sources against the layering rules.
 * @param files - source text by path relative to `src/`, with `/` separators
 * @returns every import that breaks a rule, sorted by file
 */
export function layeringViolations(files: Readonly<Record<string, string>>): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  for (const file of Object.keys(files).sort()) {
    const from = layerOf(file);
    const known =
      ['', 'app', 'pages', ...SHARED].includes(from) ||
      (from.startsWith('features/') && file.split('/').length > 2);
    if (!known) {
      violations.push({
        file,
        specifier: '',
        rule: `src/${file.split('/')[0]}/ is not a known layer (app, pages, features/<name>, components, config, testing, styles)`,
      });
      continue;
    }
    for (const ref of importsOf(file, files[file] as string)) {
      const rule = check(file, ref);
      if (rule !== null) violations.push({ file, specifier: ref.specifier, rule });
    }
  }
  return violations;
}

/**
 * Read every TypeScript source under a directory, keyed as {@link layeringViolations} expects.
 * @param srcDir - the app's `src/` folder
 */
export function readSources(srcDir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files[relative(srcDir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
      }
    }
  };
  walk(srcDir);
  return files;
}

/** The directory holding this module's `src/`. */
export const SRC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
