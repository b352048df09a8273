import 'server-only';

import path from 'node:path';

import { getEnv } from '@/lib/env';

import { createLocalStorage } from './local-storage';
import { createS3Storage } from './s3-storage';
import type { DocumentStorage } from './types';

let cached: DocumentStorage | undefined;

/** The configured store: local disk under DATA_DIR unless DOCUMENT_STORAGE=s3. */
export function getDocumentStorage(): DocumentStorage {
  if (cached) return cached;
  const env = getEnv();
  if (env.DOCUMENT_STORAGE === 's3') {
    if (!env.S3_ENDPOINT || !env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
      throw new Error('DOCUMENT_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET and S3 credentials');
    }
    cached = createS3Storage({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      spoolDir: path.resolve(env.DATA_DIR, 'documents', '.spool'),
    });
  } else {
    cached = createLocalStorage(path.resolve(env.DATA_DIR, 'documents'));
  }

  return cached;
}
