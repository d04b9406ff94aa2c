// The mailbox over SMTP on loopback (a raw client speaking the protocol), and the decoding of the
// message shapes nodemailer writes.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Mailbox, parseMail, startMailbox } from './mailbox.js';

const MULTIPART = [
  'From: Shop <orders@shop.test>',
  'Subject: =?UTF-8?Q?Your_key_=E2=80=93_Local_Memory?=',
  'Content-Type: multipart/alternative; boundary="--b1"',
  '',
  '----b1',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Key: LM-1234=',
  '-5678 =E2=9C=93',
  '----b1',
  'Content-Type: text/html; charset=utf-8',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('<p>Key: <b>LM-1234-5678</b></p>').toString('base64'),
  '----b1--',
].join('\r\n');

/** Send one message with a bare SMTP conversation; resolves with the server's last reply. */
function sendRaw(port: number, message: string): Promise<string> {
  const steps = [
    'HELO test',
    'MAIL FROM:<orders@shop.test>',
    'RCPT TO:<buyer@example.com>',
    'DATA',
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let last = '';
    socket.on('data', (chunk) => {
      last = String(chunk);
      const next = steps.shift();
      if (next) socket.write(`${next}\r\n`);
      else if (last.startsWith('354')) socket.write(`${message}\r\n.\r\n`);
      else {
        socket.end('QUIT\r\n');
        resolve(last);
      }
    });
    socket.on('error', reject);
  });
}

describe('parseMail', () => {
  it('decodes quoted-printable text, base64 html and an encoded subject', () => {
    expect(parseMail(MULTIPART, 'buyer@example.com')).toEqual({
      to: 'buyer@example.com',
      from: 'Shop <orders@shop.test>',
      subject: 'Your key – Local Memory',
      text: 'Key: LM-1234-5678 ✓',
      html: '<p>Key: <b>LM-1234-5678</b></p>',
    });
  });
});

describe('the mailbox', () => {
  let mailbox: Mailbox;
  beforeAll(async () => {
    mailbox = await startMailbox();
  });
  afterAll(() => mailbox.close());

  it('keeps what it accepts, and refuses with 451 when told to', async () => {
    expect(await sendRaw(mailbox.port, MULTIPART)).toMatch(/^250/);
    const [mail] = await mailbox.waitFor(1);
    expect(mail).toMatchObject({ to: 'buyer@example.com', text: 'Key: LM-1234-5678 ✓' });
    mailbox.fault.mode = 'reject';
    try {
      expect(await sendRaw(mailbox.port, MULTIPART)).toMatch(/^451/);
    } finally {
      mailbox.fault.mode = 'none';
    }
    expect(mailbox.mails()).toHaveLength(1);
  });

  it('says how many mails came when the wait runs out', async () => {
    await expect(mailbox.waitFor(5, 50)).rejects.toThrow('expected 5 mails, got 1');
  });

  // A sender that dies mid-conversation (the API process stopped by its stack while its SMTP
  // connection was open) resets the connection; that once crashed the test process that hosted
  // the mailbox (an unhandled ECONNRESET, seen in a CI run beside two CPU hogs).
  it('outlives a sender that resets its connection, and keeps accepting mail', async () => {
    await new Promise<void>((resolve, reject) => {
      // Inside a transaction: smtp-server ignores a reset before MAIL FROM.
      const steps = ['HELO dying', 'MAIL FROM:<orders@shop.test>'];
      const socket = connect(mailbox.port, '127.0.0.1');
      socket.on('data', () => {
        const next = steps.shift();
        if (next) socket.write(`${next}\r\n`);
        else {
          socket.resetAndDestroy();
          resolve();
        }
      });
      socket.on('error', reject);
    });
    await expect.poll(() => mailbox.connectionErrors().map((e) => e.code)).toContain('ECONNRESET');
    expect(await sendRaw(mailbox.port, MULTIPART)).toMatch(/^250/);
    expect(mailbox.mails()).toHaveLength(2);
  });
});
