// s3rver in a process of its own, started by s3Server.ts (this file ships as source, not bundled):
// - its ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only offers through the legacy
//   provider (node --openssl-legacy-provider), a flag best kept out of the test process;
// - a test that blocks its own event loop (spawnSync of the CLI) cannot starve the server.
// Prints {"port":N} once listening; stops on SIGTERM.
import S3rver from 's3rver';
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
process.on('SIGTERM', async () => {
  await server.close();
  process.exit(0);
});
