#!/usr/bin/env node
// Lint of the CloudFront Functions (lib/functions/*.js) against what cloudfront-js-2.0 documents:
// ES 5.1 plus the ES 6-12 features the AWS guide lists ("JavaScript runtime 2.0 features for
// CloudFront Functions"). Anything else may work in Node and on njs and still throw at the edge,
// where a throwing viewer-request function is a 503. The lists below follow that page; a feature
// it does not list is refused even if it is common (`Object.hasOwn`, `?.`, `??`, spread,
// destructuring, classes, `for…of`, shorthand properties, `Array.prototype.at`, `structuredClone`).
// Usage: node scripts/lint-edge-functions.mjs [file…]   (default: every lib/functions/*.js)
// Exit 0 when clean, 1 with one line per finding otherwise.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'acorn';

const INFRA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const FUNCTIONS_DIR = join(INFRA_DIR, 'lib', 'functions');

// Globals and the static members the guide lists for each (`prototype` included where the guide
// lists prototype methods). `null` means "a value, no members checked" (Infinity, NaN, …).
const STATIC = {
  Object: [
    'prototype',
    'create',
    'defineProperties',
    'defineProperty',
    'freeze',
    'getOwnPropertyDescriptor',
    'getOwnPropertyDescriptors',
    'getOwnPropertyNames',
    'getPrototypeOf',
    'isExtensible',
    'isFrozen',
    'isSealed',
    'keys',
    'preventExtensions',
    'seal',
    'assign',
    'entries',
    'values',
    'is',
    'setPrototypeOf',
  ],
  String: ['prototype', 'fromCharCode', 'fromCodePoint'],
  Number: [
    'prototype',
    'isFinite',
    'isInteger',
    'isNaN',
    'isSafeInteger',
    'parseFloat',
    'parseInt',
    'EPSILON',
    'MAX_SAFE_INTEGER',
    'MAX_VALUE',
    'MIN_SAFE_INTEGER',
    'MIN_VALUE',
    'NaN',
    'NEGATIVE_INFINITY',
    'POSITIVE_INFINITY',
  ],
  Math: [
    ...['abs', 'acos', 'asin', 'atan', 'atan2', 'ceil', 'cos', 'exp', 'floor', 'log', 'max'],
    ...['min', 'pow', 'random', 'round', 'sin', 'sqrt', 'tan'],
    ...['E', 'LN10', 'LN2', 'LOG10E', 'LOG2E', 'PI', 'SQRT1_2', 'SQRT2'],
    ...['acosh', 'asinh', 'atanh', 'cbrt', 'clz32', 'cosh', 'expm1', 'fround', 'hypot', 'imul'],
    ...['log10', 'log1p', 'log2', 'sign', 'sinh', 'tanh', 'trunc'],
  ],
  Date: ['prototype', 'now', 'parse', 'UTC'],
  JSON: ['parse', 'stringify'],
  Array: ['prototype', 'isArray', 'of'],
  RegExp: ['prototype'],
  Promise: ['prototype', 'all', 'allSettled', 'any', 'race', 'reject', 'resolve'],
  console: ['log'],
  Error: ['prototype'],
  EvalError: ['prototype'],
  InternalError: ['prototype'],
  MemoryError: ['prototype'],
  RangeError: ['prototype'],
  ReferenceError: ['prototype'],
  SyntaxError: ['prototype'],
  TypeError: ['prototype'],
  URIError: ['prototype'],
  globalThis: [],
  NaN: null,
  Infinity: null,
  undefined: null,
  decodeURI: null,
  decodeURIComponent: null,
  encodeURI: null,
  encodeURIComponent: null,
  isFinite: null,
  isNaN: null,
  parseFloat: null,
  parseInt: null,
  require: null,
};

// Prototype methods the guide lists, by the global whose `prototype` holds them.
const PROTOTYPE = {
  Object: ['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf'],
  Function: ['apply', 'bind', 'call'],
  String: [
    ...['charAt', 'charCodeAt', 'concat', 'indexOf', 'lastIndexOf', 'match', 'replace'],
    ...['search', 'slice', 'split', 'substr', 'substring', 'toLowerCase', 'toUpperCase', 'trim'],
    ...['codePointAt', 'endsWith', 'includes', 'repeat', 'startsWith'],
    ...['padStart', 'padEnd', 'trimStart', 'trimEnd', 'replaceAll'],
  ],
  Array: [
    ...['concat', 'every', 'filter', 'forEach', 'indexOf', 'join', 'lastIndexOf', 'map', 'pop'],
    ...['push', 'reduce', 'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort', 'splice'],
    ...['unshift', 'copyWithin', 'fill', 'find', 'findIndex', 'includes'],
  ],
  Number: ['toExponential', 'toFixed', 'toPrecision', 'toString', 'valueOf'],
  Date: [
    ...['getDate', 'getDay', 'getFullYear', 'getHours', 'getMilliseconds', 'getMinutes'],
    ...['getMonth', 'getSeconds', 'getTime', 'getTimezoneOffset', 'getUTCDate', 'getUTCDay'],
    ...['getUTCFullYear', 'getUTCHours', 'getUTCMilliseconds', 'getUTCMinutes', 'getUTCMonth'],
    ...['getUTCSeconds', 'setDate', 'setFullYear', 'setHours', 'setMilliseconds', 'setMinutes'],
    ...['setMonth', 'setSeconds', 'setTime', 'setUTCDate', 'setUTCFullYear', 'setUTCHours'],
    ...['setUTCMilliseconds', 'setUTCMinutes', 'setUTCMonth', 'setUTCSeconds', 'toDateString'],
    ...['toISOString', 'toJSON', 'toString', 'toTimeString', 'toUTCString', 'valueOf'],
  ],
  RegExp: ['exec', 'test', 'toString'],
  Promise: ['then', 'catch', 'finally'],
};
// The built-in modules (`require('crypto')` …) and the methods the guide lists for them.
const MODULES = ['crypto', 'querystring', 'buffer', 'cloudfront'];
const MODULE_METHODS = [
  ...['createHash', 'createHmac', 'update', 'digest'],
  ...['parse', 'stringify', 'escape', 'unescape'],
  ...['kvs', 'get', 'exists', 'meta'],
];
// A call `x.m()` on a value whose type is not known here must be a listed method of some type.
const ANY_METHOD = new Set([...Object.values(PROTOTYPE).flat(), ...MODULE_METHODS]);

const ES51_ASSIGNMENT = ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '>>>=', '|=', '^=', '&='];
const ES51_REGEXP_FLAGS = /^[gim]*$/;

// Syntax outside the list, by ESTree node type, with the name a reader knows it by.
const REFUSED_NODES = {
  ClassDeclaration: 'classes',
  ClassExpression: 'classes',
  ForOfStatement: 'for…of',
  SpreadElement: 'spread (...)',
  ObjectPattern: 'destructuring',
  ArrayPattern: 'destructuring',
  AssignmentPattern: 'default values',
  ChainExpression: 'optional chaining (?.)',
  TaggedTemplateExpression: 'tagged templates',
  YieldExpression: 'generators',
  ImportDeclaration: 'modules (import)',
  ImportExpression: 'modules (import())',
  ExportNamedDeclaration: 'modules (export)',
  ExportDefaultDeclaration: 'modules (export)',
  ExportAllDeclaration: 'modules (export)',
  MetaProperty: 'new.target / import.meta',
  Super: 'super',
  WithStatement: 'with',
  DebuggerStatement: 'debugger',
  PropertyDefinition: 'class fields',
  PrivateIdentifier: 'private names',
  StaticBlock: 'static blocks',
};

/**
 * Every use of syntax or a built-in that cloudfront-js-2.0 does not document, in `source`.
 * @param {string} source - a CloudFront Function's code
 * @param {string} [name] - how findings name the file
 * @returns {string[]} one `name:line:column: …` line per finding (empty when clean)
 */
export function lintEdgeSource(source, name = 'function.js') {
  const findings = [];
  let ast;
  try {
    // ES 2021 (ES 12) is the newest edition the guide draws features from; the walk below then
    // refuses what it does not list.
    ast = parse(source, { ecmaVersion: 2021, sourceType: 'script', locations: true });
  } catch (error) {
    return [`${name}: not parseable as ES 2021 script: ${error.message}`];
  }
  const at = (node) => `${name}:${node.loc.start.line}:${node.loc.start.column + 1}`;
  const refuse = (node, what) =>
    findings.push(`${at(node)}: ${what} is not in cloudfront-js-2.0's documented features`);

  const declared = new Set();
  collectDeclarations(ast, declared);
  const isGlobal = (node) =>
    node.type === 'Identifier' && Object.hasOwn(STATIC, node.name) && !declared.has(node.name);

  const visit = (node, parent, key) => {
    if (Object.hasOwn(REFUSED_NODES, node.type)) refuse(node, REFUSED_NODES[node.type]);
    switch (node.type) {
      case 'VariableDeclarator':
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.generator) refuse(node, 'generators');
        if (node.async && node.type !== 'FunctionDeclaration')
          refuse(node, 'async closures and async arrow functions');
        for (const param of node.params) {
          if (param.type === 'RestElement' && param.argument.type !== 'Identifier')
            refuse(param, 'destructuring');
        }
        break;
      case 'RestElement':
        if (
          parent.type !== 'FunctionDeclaration' &&
          parent.type !== 'FunctionExpression' &&
          parent.type !== 'ArrowFunctionExpression'
        )
          refuse(node, 'rest elements outside parameters');
        break;
      case 'CatchClause':
        if (node.param === null) refuse(node, 'optional catch binding');
        break;
      case 'Literal':
        if (typeof node.bigint === 'string') refuse(node, 'BigInt');
        if (node.regex && !ES51_REGEXP_FLAGS.test(node.regex.flags))
          refuse(node, `the regular expression flags "${node.regex.flags}"`);
        if (typeof node.value === 'number' && node.raw.includes('_'))
          refuse(node, 'numeric separators');
        break;
      case 'LogicalExpression':
        if (node.operator === '??') refuse(node, 'nullish coalescing (??)');
        break;
      case 'AssignmentExpression':
        if (!ES51_ASSIGNMENT.includes(node.operator)) refuse(node, `the ${node.operator} operator`);
        break;
      case 'Property':
        if (node.shorthand) refuse(node, 'shorthand properties');
        if (node.method) refuse(node, 'method shorthand');
        if (node.computed) refuse(node, 'computed property names');
        break;
      case 'MemberExpression':
        checkMember(node);
        break;
      case 'CallExpression':
        checkCall(node);
        break;
      case 'NewExpression':
        if (
          node.callee.type === 'Identifier' &&
          !isGlobal(node.callee) &&
          !declared.has(node.callee.name)
        )
          refuse(node, `new ${node.callee.name}`);
        break;
      case 'Identifier':
        if (
          isReference(parent, key) &&
          !declared.has(node.name) &&
          !Object.hasOwn(STATIC, node.name)
        )
          refuse(node, `the global ${node.name}`);
        break;
      default:
    }
    for (const [childKey, child] of Object.entries(node)) {
      if (childKey === 'loc') continue;
      if (Array.isArray(child)) {
        for (const item of child)
          if (item && typeof item.type === 'string') visit(item, node, childKey);
      } else if (child && typeof child.type === 'string') {
        visit(child, node, childKey);
      }
    }
  };

  /** `Object.hasOwn`, `Object.prototype.x`, `Array.prototype.at`: checked against the lists. */
  function checkMember(node) {
    if (node.computed || node.property.type !== 'Identifier') return;
    const prop = node.property.name;
    if (isGlobal(node.object)) {
      const members = STATIC[node.object.name];
      if (members !== null && !members.includes(prop)) refuse(node, `${node.object.name}.${prop}`);
      return;
    }
    const base = node.object;
    if (
      base.type === 'MemberExpression' &&
      !base.computed &&
      base.property.type === 'Identifier' &&
      base.property.name === 'prototype' &&
      isGlobal(base.object)
    ) {
      const methods = PROTOTYPE[base.object.name] ?? [];
      if (!methods.includes(prop)) refuse(node, `${base.object.name}.prototype.${prop}`);
    }
  }

  function checkCall(node) {
    const callee = node.callee;
    if (callee.type === 'Identifier' && callee.name === 'require' && !declared.has('require')) {
      const [arg] = node.arguments;
      if (arg?.type !== 'Literal' || !MODULES.includes(arg.value))
        refuse(node, `require(${arg?.raw ?? ''}) (the built-in modules are ${MODULES.join(', ')})`);
      return;
    }
    if (callee.type !== 'MemberExpression') return;
    if (callee.computed) {
      refuse(node, 'a computed method call (it cannot be checked against the list)');
      return;
    }
    const method = callee.property.name;
    const receiver = callee.object;
    const typed =
      isGlobal(receiver) ||
      (receiver.type === 'MemberExpression' &&
        !receiver.computed &&
        receiver.property.name === 'prototype' &&
        isGlobal(receiver.object));
    // Calls on a global or a global's prototype are checked by checkMember.
    if (!typed && !ANY_METHOD.has(method)) refuse(node, `the method .${method}()`);
  }

  visit(ast, null, null);
  return findings;
}

/** Names the file itself declares (functions, variables, parameters, catch bindings). */
function collectDeclarations(node, names) {
  if (!node || typeof node.type !== 'string') return;
  // Destructured names count as declared: the pattern itself is what gets refused.
  const add = (id) => {
    if (id?.type === 'Identifier') names.add(id.name);
    if (id?.type === 'RestElement') add(id.argument);
    if (id?.type === 'AssignmentPattern') add(id.left);
    if (id?.type === 'ArrayPattern') for (const element of id.elements) add(element);
    if (id?.type === 'ObjectPattern') for (const p of id.properties) add(p.value ?? p.argument);
  };
  if (node.type === 'VariableDeclarator') add(node.id);
  if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') add(node.id);
  if (/Function/.test(node.type)) for (const param of node.params ?? []) add(param);
  if (node.type === 'CatchClause') add(node.param);
  for (const [key, child] of Object.entries(node)) {
    if (key === 'loc') continue;
    if (Array.isArray(child)) for (const item of child) collectDeclarations(item, names);
    else if (child && typeof child === 'object') collectDeclarations(child, names);
  }
}

/** Whether an identifier at `parent[key]` reads a variable (not a property name or a label). */
function isReference(parent, key) {
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && key === 'property' && !parent.computed) return false;
  if (parent.type === 'Property' && key === 'key' && !parent.computed) return false;
  if (['LabeledStatement', 'BreakStatement', 'ContinueStatement'].includes(parent.type))
    return key !== 'label';
  return true;
}

/** Lint `files` (default: every function in lib/functions); returns the findings. */
export function lintEdgeFunctions(files) {
  const paths =
    files && files.length > 0
      ? files
      : readdirSync(FUNCTIONS_DIR)
          .filter((f) => f.endsWith('.js'))
          .sort()
          .map((f) => join(FUNCTIONS_DIR, f));
  return paths.flatMap((path) =>
    lintEdgeSource(readFileSync(path, 'utf8'), relative(INFRA_DIR, path)),
  );
}

function main(argv) {
  const findings = lintEdgeFunctions(argv);
  if (findings.length > 0) {
    process.stderr.write(
      `${findings.join('\n')}\n${findings.length} use(s) of features CloudFront Functions (cloudfront-js-2.0) does not document.\n`,
    );
    return 1;
  }
  process.stdout.write('CloudFront Functions use only documented cloudfront-js-2.0 features.\n');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  process.exitCode = main(process.argv.slice(2));
