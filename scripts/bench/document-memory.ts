/**
 * `npm run bench:documents`: peak memory while a document streams through the checks,
 * the cipher and the local store, and back out decrypted. Not a test (timings and RSS
 * vary by machine); it prints numbers to compare. The body is generated lazily in 64 KiB
 * pieces, so any growth in memory comes from the pipeline, not from the source.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { createDecryptStream } from '@/lib/documents/crypto';
import { keyContext, openEnvelope } from '@/lib/documents/envelope';
import { buildKeyring } from '@/lib/documents/keyring';
import { createLocalStorage } from '@/lib/documents/storage/local-storage';
import { storeDocumentBody } from '@/lib/documents/store-document-body';

const MiB = 1024 * 1024;

async function* pdfOf(bytes: number) {
  yield Buffer.from('%PDF-1.7\n');
  const piece = randomBytes(64 * 1024);
  for (let sent = 9; sent < bytes; sent += piece.length)
    yield piece.subarray(0, Math.min(piece.length, bytes - sent));
}

function sampler(live: boolean) {
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  let peakBuffers = base.arrayBuffers;
  // Collecting on every sample measures what the pipeline keeps alive, not garbage that
  // has not been collected yet (which depends on the heap's mood, not on our code).
  const timer = setInterval(
    () => {
      if (live) global.gc?.();
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
    },
    live ? 100 : 5,
  );

  return () => {
    clearInterval(timer);
    const mb = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

    return `rss +${mb(peakRss - base.rss)}, heap +${mb(peakHeap - base.heapUsed)}, buffers +${mb(peakBuffers - base.arrayBuffers)}`;
  };
}

async function measure(sizeMiB: number, live: boolean) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vetloop-bench-'));
  const deps = {
    storage: createLocalStorage(root),
    keyring: buildKeyring(randomBytes(32).toString('base64')),
  };
  const practiceId = randomUUID();
  global.gc?.();

  const up = sampler(live);
  const started = Date.now();
  const stored = await storeDocumentBody(
    practiceId,
    pdfOf(sizeMiB * MiB),
    { maxBytes: sizeMiB * MiB },
    deps,
  );
  console.log(
    `${live ? 'live' : 'raw '} upload   ${sizeMiB} MiB in ${Date.now() - started} ms: ${up()}`,
  );

  global.gc?.();
  const down = sampler(live);
  const key = openEnvelope(
    stored.encryption,
    deps.keyring,
    keyContext(practiceId, stored.documentId),
  );
  const plain = (await deps.storage.read(stored.storageKey)).pipe(
    createDecryptStream(key, { expectedSha256: stored.sha256 }),
  );
  let bytes = 0;
  for await (const part of plain) bytes += (part as Buffer).length;
  console.log(`${live ? 'live' : 'raw '} download ${(bytes / MiB).toFixed(0)} MiB: ${down()}`);
  rmSync(root, { recursive: true, force: true });
}

// raw: peaks including uncollected garbage; live: collected while sampling (slower).
for (const size of [20, 100]) await measure(size, false);
for (const size of [20, 100]) await measure(size, true);
