/**
 * `POST /api/licenses/{activate,refresh,deactivate}` and the public
 * `/.well-known/local-memory/{keys,revocations}`. Validators at the edge; the work is in
 * `licensing/`; refusals go through the one `onError`.
 * @module
 */
import type { DeactivatedBody, LeaseBody } from '@local-memory/contract';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { validator } from 'hono/validator';
import { FulfilmentError } from '../fulfilment/errors.js';
import type { LimitRule } from '../ledger/limits.js';
import { LicensingError } from '../licensing/errors.js';
import type { Licensing } from '../licensing/licensing.js';
import { REVOCATION_LIST_SECONDS, signRevocationList } from '../licensing/revocations.js';
import type { Services } from '../services.js';
import type { AppEnv } from './types.js';

const MACHINE = /^[A-Za-z0-9_-]{22}$/;
const PLATFORM = /^[a-z0-9_-]{1,32}$/;
const VERSION = /^[0-9A-Za-z.+_-]{1,40}$/;

type Body = Record<string, unknown>;

const badRequest = (message: string) => new LicensingError('invalid_request', message);

function objectBody(value: unknown): Body {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Send a JSON object');
  }
  return value as Body;
}

function machineOf(body: Body): string {
  const machine = body.machine;
  if (typeof machine !== 'string' || !MACHINE.test(machine)) {
    throw badRequest(
      'machine must be the machine id: 22 base64url characters (docs/algorithms.md, "Machine id")',
    );
  }
  return machine;
}

function keyOf(body: Body): string {
  if (typeof body.licenseKey !== 'string' || body.licenseKey.length > 200) {
    throw badRequest('licenseKey must be your license key, LM-XXXX-XXXX-XXXX-XXXX-XXXX');
  }
  return body.licenseKey;
}

const limitedBody = bodyLimit({
  maxSize: 8192,
  onError: () => {
    throw badRequest('The request body is larger than 8 KiB');
  },
});

/** The licensing resource under `/api/licenses`. */
export function licensesRoutes(services: Services, licensing: Licensing) {
  const rules = services.licenseLimitRules;
  async function take(rule: LimitRule, key: string): Promise<void> {
    const decision = await services.limits.take(rule, key);
    if (!decision.ok) {
      throw new FulfilmentError(
        'rate_limited',
        'Too many license requests; wait a few minutes and try again',
        decision.retryAfter,
      );
    }
  }

  return new Hono<AppEnv>()
    .post(
      '/activate',
      limitedBody,
      validator('json', (value) => {
        const body = objectBody(value);
        const licenseKey = keyOf(body);
        const machine = machineOf(body);
        const { platform, appVersion, name } = body;
        if (typeof platform !== 'string' || !PLATFORM.test(platform)) {
          throw badRequest('platform must be the platform name, e.g. macos, windows or linux');
        }
        if (typeof appVersion !== 'string' || !VERSION.test(appVersion)) {
          throw badRequest('appVersion must be the app version, e.g. 1.4.2');
        }
        if (name !== undefined && name !== null && (typeof name !== 'string' || name.length > 80)) {
          throw badRequest('name must be a text of at most 80 characters (or left out)');
        }
        return {
          licenseKey,
          info: {
            machine,
            platform,
            appVersion,
            name: typeof name === 'string' && name.trim() !== '' ? name.trim() : null,
          },
        };
      }),
      async (c) => {
        const { licenseKey, info } = c.req.valid('json');
        await take(rules.perClient, c.var.clientIp);
        await take(rules.perKey, licensing.canonicalKey(licenseKey));
        const answer = await licensing.activate(licenseKey, info);
        return c.json(
          { lease: answer.lease, activation: answer.activation } satisfies LeaseBody,
          answer.created ? 201 : 200,
        );
      },
    )
    .post(
      '/refresh',
      limitedBody,
      validator('json', (value) => {
        const lease = objectBody(value).lease;
        if (typeof lease !== 'string' || lease.length > 4096) {
          throw badRequest('Send { "lease": "v4.public.…" }, the lease this machine holds');
        }
        return { lease };
      }),
      async (c) => {
        await take(rules.perClient, c.var.clientIp);
        const answer = await licensing.refresh(c.req.valid('json').lease);
        return c.json(answer satisfies LeaseBody);
      },
    )
    .post(
      '/deactivate',
      limitedBody,
      validator('json', (value) => {
        const body = objectBody(value);
        return { licenseKey: keyOf(body), machine: machineOf(body) };
      }),
      async (c) => {
        const { licenseKey, machine } = c.req.valid('json');
        await take(rules.perClient, c.var.clientIp);
        await take(rules.perKey, licensing.canonicalKey(licenseKey));
        await licensing.deactivate(licenseKey, machine);
        return c.json({ deactivated: true, machine } satisfies DeactivatedBody);
      },
    );
}

/** `/.well-known/local-memory`: the keyset and the signed revocation list. Public and cacheable. */
export function wellKnownRoutes(services: Services, licensing: Licensing) {
  return new Hono<AppEnv>()
    .get('/keys', (c) => {
      const keys = Object.fromEntries(
        Object.entries(licensing.keyset()).map(([kid, key]) => [
          kid,
          Buffer.from(key).toString('hex'),
        ]),
      );
      c.header('Cache-Control', 'public, max-age=300');
      return c.json({ current: licensing.signer?.kid ?? null, keys });
    })
    .get('/revocations', async (c) => {
      const signer = licensing.signer;
      if (!signer) {
        throw new LicensingError(
          'licensing_unavailable',
          'No lease signing key is configured on this server',
        );
      }
      const token = await signRevocationList(
        signer,
        await licensing.revokedIds(),
        Math.floor(services.now() / 1000),
      );
      c.header('Cache-Control', `public, max-age=${REVOCATION_LIST_SECONDS}`);
      return c.text(token, 200, { 'Content-Type': 'text/plain; charset=utf-8' });
    });
}
