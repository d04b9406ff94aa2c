// A node:test reporter that writes the plain check report scripts/test-summary.mjs reads:
// { "passed", "failed", "skipped", "tests": [{ "name", "file", "status" }] }.
// Suites (describe) are not tests; a parent failing only because a child failed is not counted
// twice; a file that fails to load is one failure.

/**
 * @param {AsyncIterable<{ type: string, data: any }>} source - node:test's event stream
 * @returns {AsyncGenerator<string>} one JSON document
 */
export default async function* jsonReporter(source) {
  const tests = [];
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.details?.error?.failureType === 'subtestsFailed') continue;
    let status = event.type === 'test:pass' ? 'passed' : 'failed';
    if (data.skip !== undefined || data.todo !== undefined) status = 'skipped';
    tests.push({ name: data.name, file: data.file, status });
  }
  const count = (status) => tests.filter((t) => t.status === status).length;
  yield `${JSON.stringify(
    { passed: count('passed'), failed: count('failed'), skipped: count('skipped'), tests },
    null,
    2,
  )}\n`;
}
