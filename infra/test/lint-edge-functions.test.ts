/**
 * The lint of the CloudFront Functions against cloudfront-js-2.0's documented features: the
 * committed functions pass it, and each kind of thing it refuses is caught in a sample source.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without types
import { lintEdgeFunctions, lintEdgeSource } from '../scripts/lint-edge-functions.mjs';

const lint = (body: string): string[] =>
  lintEdgeSource(`function handler(event) {\n${body}\n}`, 'sample.js');

describe('lintEdgeSource', () => {
  it('passes every function in lib/functions', () => {
    expect(lintEdgeFunctions()).toEqual([]);
  });

  it('passes what the guide lists: const/let, template literals, arrow functions, rest parameters, ** and the listed built-ins', () => {
    expect(
      lint(`
        const r = event.request;
        let n = 2 ** 3;
        const f = (a, ...rest) => rest.length + a;
        if (Object.prototype.hasOwnProperty.call(r, 'uri') && r.uri.startsWith('/')) n += f(1);
        const keys = Object.keys(r).filter(function (k) { return k.indexOf('u') !== -1; });
        const when = new Date(Date.now()).toUTCString();
        return { statusCode: 200, body: \`\${keys.join(',')} \${when} \${JSON.stringify(n)}\` };`),
    ).toEqual([]);
  });

  it.each([
    ['Object.hasOwn(event, "request")', /Object\.hasOwn is not/],
    ['[1, 2].at(-1)', /\.at\(\) is not/],
    ['structuredClone(event)', /global structuredClone is not/],
    ['event?.request', /optional chaining/],
    ['event.request ?? null', /nullish coalescing/],
    ['const { request } = event', /destructuring/],
    ['const copy = { ...event }', /spread/],
    ['for (const k of []) k', /for…of/],
    ['class A {}', /classes/],
    ['const r = event.request; const o = { r }', /shorthand properties/],
    ['const o = { f() {} }', /method shorthand/],
    ['const k = "a"; const o = { [k]: 1 }', /computed property names/],
    ['function* g() {}', /generators/],
    ['const f = async () => 1', /async closures/],
    ['let a = 1; a ||= 2', /the \|\|= operator/],
    ['const big = 10n', /BigInt/],
    ['const n = 1_000', /numeric separators/],
    ['/a/u.test("a")', /regular expression flags "u"/],
    ['try { event.x() } catch { }', /optional catch binding/],
    ['Array.from([1])', /Array\.from is not/],
    ['"a".at(0)', /\.at\(\) is not/],
    ['new Function("return 1")', /new Function|global Function/],
    ['require("fs")', /require\("fs"\)/],
    ['event["request"]()', /computed method call/],
  ])('refuses %s', (source, finding) => {
    const findings = lint(source);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.join('\n')).toMatch(finding);
    expect(findings[0]).toMatch(/^sample\.js:\d+:\d+: /);
  });

  it('names the file when it cannot parse it', () => {
    expect(lintEdgeSource('function (', 'broken.js')).toEqual([
      expect.stringMatching(/^broken\.js: not parseable as ES 2021 script/),
    ]);
  });
});
