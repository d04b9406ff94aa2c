// s3rver in a process of its own, started by s3Server.ts (this file ships as source, not bundled):
// - its ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only offers through the legacy
//   provider (node --openssl-legacy-provider), a flag best kept out of the test process;
// - a test that blocks its own event loop (spawnSync of the CLI) cannot starve the server.
// Prints {"port":N} once listening; stops on SIGTERM or when its standard input closes (the
// process that started it is gone).
// Seeding: a line {"seed":{"bucket":B,"keys":[...],"body":S}} on standard input stores those
// objects through the server's own store, as its PutObject handler does, without a request each,
// and answers a line {"seeded":N} or {"error":"..."}. Tests that need thousands of objects use it:
// 10,000 PutObject requests cost about 30 CPU-seconds between the SDK and this server.
import { createInterface } from 'node:readline';
import S3rver from 's3rver';
import S3Object from 's3rver/lib/models/object.js';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';

// s3rver 3.7.1 deletes the keys of one DeleteObjects request concurrently, and each deletion then
// prunes empty parent folders with readdirSync: when a sibling deletion has just removed a folder
// that throws ENOENT and the whole request answers 500, again on every retry. Real S3 and MinIO
// have no folders. The object's files are already unlinked by then, so a vanished folder counts as
// pruned. Only the test server is patched; the client code under test is untouched.
const deleteObject = FilesystemStore.prototype.deleteObject;
FilesystemStore.prototype.deleteObject = async function tolerantDelete(bucket, key) {
  try {
    await deleteObject.call(this, bucket, key);
  } catch (error) {
    if (!(error.code === 'ENOENT' && (error.syscall === 'scandir' || error.syscall === 'rmdir')))
      throw error;
  }
};

const [directory] = process.argv.slice(2);
if (!directory) {
  process.stderr.write('usage: node --openssl-legacy-provider s3rver-process.mjs <directory>\n');
  process.exit(2);
}
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: process.env.S3RVER_LOG !== 'true',
  directory,
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);

/**
 * Store `keys` in `bucket`, each holding `body`, 64 at a time, with the headers the AWS SDK sends
 * for a PutObject of a string without a ContentType; the bucket must exist.
 */
async function seed({ bucket, keys, body }) {
  if (!(await server.store.getBucket(bucket)))
    throw new Error(`no bucket named ${bucket} on this server; create it first`);
  const content = Buffer.from(body);
  for (let i = 0; i < keys.length; i += 64) {
    await Promise.all(
      keys.slice(i, i + 64).map((key) =>
        server.store.putObject(
          new S3Object(bucket, key, content, {
            'content-length': String(content.length),
            'content-type': 'application/octet-stream',
          }),
        ),
      ),
    );
  }
  return keys.length;
}

const commands = createInterface({ input: process.stdin });
commands.on('line', async (line) => {
  let answer;
  try {
    answer = { seeded: await seed(JSON.parse(line).seed) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
commands.on('close', stop);
