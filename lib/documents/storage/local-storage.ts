/* eslint-disable security/detect-non-literal-fs-filename -- paths are the fixed root plus requireStorageKey()'s two UUIDs */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { AppError } from '@/lib/http/errors';

import { requireStorageKey, type DocumentStorage } from './types';

/** Files under `<root>/<practiceId>/<documentId>`, written to a temp name, fsynced, renamed. */
export function createLocalStorage(root: string): DocumentStorage {
  const fileFor = (key: string) => path.join(root, ...requireStorageKey(key).split('/'));

  return {
    async write(key, body) {
      const target = fileFor(key);
      const dir = path.dirname(target);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temp = path.join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
      try {
        const out = createWriteStream(temp, { flags: 'wx', mode: 0o600 });
        let bytes = 0;
        body.on('data', (part: Buffer) => (bytes += part.length));
        await pipeline(body, out);
        await fsyncPath(temp);
        await rename(temp, target);
        await fsyncPath(dir);

        return { bytes };
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },

    async read(key) {
      const file = fileFor(key);
      const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT')
          throw new AppError('not_found', undefined, {}, { cause: error });
        throw error;
      });

      return handle.createReadStream({ highWaterMark: 64 * 1024 });
    },

    async remove(key) {
      await rm(fileFor(key), { force: true });
    },
  };
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
