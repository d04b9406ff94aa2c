#!/usr/bin/env node
// Used by .github/workflows/update-binaries.yml: write the binaries-updated payload to argv[2].
// - repository_dispatch: the event's client_payload (from $GITHUB_EVENT_PATH);
// - workflow_dispatch: the JSON at $PAYLOAD_URL (https:// only), e.g. a release's payload asset.
// $FORCE_UPDATE=true adds "force": true. Validation against the schema is the next step's job.
import { readFileSync, writeFileSync } from 'node:fs';

const [target] = process.argv.slice(2);
const fail = (message) => {
  process.stderr.write(`write-dispatch-payload: ${message}\n`);
  process.exit(1);
};
if (!target) fail('usage: write-dispatch-payload.mjs <output.json>');

let payload;
const event = process.env.EVENT_NAME ?? process.env.GITHUB_EVENT_NAME;
if (event === 'repository_dispatch') {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) fail('GITHUB_EVENT_PATH is not set; this runs inside GitHub Actions');
  payload = JSON.parse(readFileSync(path, 'utf8')).client_payload;
  if (payload === undefined) fail('the repository_dispatch event has no client_payload');
} else if (event === 'workflow_dispatch') {
  const url = process.env.PAYLOAD_URL ?? '';
  if (!url.startsWith('https://')) fail(`payload_url must be an https:// URL, got "${url}"`);
  const response = await fetch(url, { redirect: 'follow' }).catch((error) =>
    fail(`cannot fetch ${url}: ${error.message}`),
  );
  if (!response.ok) fail(`GET ${url} answered ${response.status}`);
  payload = await response.json().catch(() => fail(`${url} is not JSON`));
} else {
  fail(`unsupported event "${event}": expected repository_dispatch or workflow_dispatch`);
}
if (process.env.FORCE_UPDATE === 'true' && typeof payload === 'object' && payload !== null) {
  payload = { ...payload, force: true };
}
writeFileSync(target, `${JSON.stringify(payload, null, 2)}\n`);
process.stdout.write(`write-dispatch-payload: wrote ${target} from ${event}\n`);
