/**
 * TEST AND LOCAL USE ONLY: a real SMTP server (`smtp-server`) on 127.0.0.1 that keeps every
 * accepted message, decoded into to, subject, text and html. It can refuse or stall mail to
 * simulate an outage.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One received message. */
export interface ReceivedMail {
  readonly to: string;
  readonly from: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** A running mailbox. */
export interface Mailbox {
  readonly port: number;
  /** `smtp://127.0.0.1:{port}` for SMTP_URL. */
  readonly url: string;
  /** Messages accepted so far, oldest first. */
  mails(): ReceivedMail[];
  /** Wait until at least `count` messages arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** `reject`: answer 451 to DATA; `stall`: never answer DATA; `none`: accept. */
  fault: { mode: 'none' | 'reject' | 'stall' };
  /**
   * Errors of senders' connections so far, oldest first: a sender that dies mid-transaction (an
   * API process stopped with its connection open) resets it. They end that connection only.
   */
  connectionErrors(): Array<Error & { code?: string }>;
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i] as string;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitPart(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64')
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function decodeWords(text: string): string {
  return text.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

/** Decode the message shapes nodemailer writes (single part or multipart/alternative). */
export function parseMail(raw: string, to: string): ReceivedMail {
  const { headers, body } = splitPart(raw);
  let text = '';
  let html = '';
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i)?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1)
        .filter((p) => !p.startsWith('--'))
        .map(splitPart)
    : [{ headers, body }];
  for (const part of parts) {
    const partType = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
    const decoded = decodeBody(part.headers, part.body).replace(/\r\n/g, '\n');
    if (partType.startsWith('text/html')) html = decoded;
    else if (partType.startsWith('text/plain')) text = decoded;
  }
  return {
    to,
    from: headers.get('from') ?? '',
    subject: decodeWords(headers.get('subject') ?? ''),
    text: text.replace(/\n$/, ''),
    html,
  };
}

/** Start a mailbox on a free loopback port. */
export async function startMailbox(
  options: { onMail?: (mail: ReceivedMail) => void } = {},
): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const fault: Mailbox['fault'] = { mode: 'none' };
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (fault.mode === 'stall') return;
        if (fault.mode === 'reject') {
          const error = new Error('local mailbox: simulated outage') as Error & {
            responseCode: number;
          };
          error.responseCode = 451;
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        for (const rcpt of session.envelope.rcptTo) {
          const mail = parseMail(raw, rcpt.address);
          received.push(mail);
          options.onMail?.(mail);
        }
        callback();
        for (const wake of waiters) wake();
      });
    },
  });
  // smtp-server re-emits a connection's socket error on the server once a transaction has begun;
  // without a listener that is an uncaught exception in whatever process hosts the mailbox.
  const connectionErrors: Array<Error & { code?: string }> = [];
  server.on('error', (error: Error & { code?: string }) => connectionErrors.push(error));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails: () => [...received],
    fault,
    connectionErrors: () => [...connectionErrors],
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve([...received]);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mails, got ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
