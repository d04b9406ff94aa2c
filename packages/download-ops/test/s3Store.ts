/**
 * The code under test on the test S3 server: an S3Store on a bucket with the server's
 * credentials, reached directly or through a proxy's endpoint.
 */
import type { TestS3 } from '@local-memory/testkit/s3';
import { S3Store } from '../src/store/s3Store.js';

/** An S3Store on `bucket` of `s3`, through `endpoint` (default: the server itself). */
export function s3StoreOn(s3: TestS3, bucket: string, endpoint = s3.endpoint): S3Store {
  return new S3Store({
    bucket,
    region: s3.region,
    endpoint,
    client: { credentials: s3.credentials },
  });
}
