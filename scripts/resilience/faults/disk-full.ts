/**
 * The disk that holds documents fills up. The run mounted a small tmpfs at the documents
 * folder before the app started; this fault fills it to the last byte. Uploads must be
 * refused with 507 in the one error shape, leave no row, no sealed file and no temp file
 * behind, other work must go on, and uploads must work again once space is freed.
 */
import { createWriteStream } from 'node:fs';
import { rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';

import { checkConsistency, listStoredFiles } from '../consistency';
import { superuserClient } from '../fixtures';
import { check, watchLog, type Fault, type Harness } from '../harness';
import { errorCode, request, type Reply } from '../http-client';
import { outcomeOf } from '../ledger';

const ATTEMPTS = 5;
const ROOM_LEFT = 128 * 1024;

async function upload(h: Harness, i: number): Promise<Reply> {
  const practice = h.fixtures.practices[0]!;
  const referralId = practice.referrals[i % practice.referrals.length]!;
  const reply = await request(h.target, {
    method: 'POST',
    path: `/api/v1/referrals/${referralId}/documents?filename=disk.txt&visibility=internal`,
    headers: {
      cookie: practice.cookies[i % practice.cookies.length]!,
      'content-type': 'application/octet-stream',
    },
    // 640 KB: bigger than the room left, so the write fails midway, not at the first byte.
    body: Buffer.from('Resilience upload while the disk is full.\n'.repeat(16_000)),
    timeoutMs: 20_000,
  });
  let id: string | undefined;
  try {
    id = (JSON.parse(reply.body) as { data?: { id?: string } }).data?.id;
  } catch {
    id = undefined;
  }
  h.ledger.record({
    kind: 'upload',
    practiceId: practice.practiceId,
    referralId,
    id,
    outcome: outcomeOf(reply.status),
    status: reply.status,
  });

  return reply;
}

/** Writes zeros until the filesystem says ENOSPC. */
function fill(file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    const chunk = Buffer.alloc(256 * 1024);
    const write = () => {
      while (out.write(chunk));
      out.once('drain', write);
    };
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOSPC') resolve();
      else reject(error);
    });
    write();
  });
}

async function documentRows(h: Harness): Promise<number> {
  const su = await superuserClient(h.stack);
  try {
    const { rows } = await su.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');

    return rows[0]!.n;
  } finally {
    await su.end();
  }
}

export const diskFull: Fault = {
  name: '4. upload disk full',
  async run(h) {
    if (!h.stack.documentsOnTmpfs) {
      return [check('a tmpfs for documents', false, 'mount -t tmpfs failed (needs root)')];
    }
    const log = watchLog(h);
    const before = await upload(h, 0);
    const filler = path.join(h.stack.documentsDir, '.filler');
    await fill(filler);
    // Leave a little room, so the upload starts writing and runs out midway.
    await truncate(filler, (await stat(filler)).size - ROOM_LEFT);
    const rowsBefore = await documentRows(h);
    const filesBefore = listStoredFiles(h.stack.documentsDir);
    const refused: Reply[] = [];
    for (let i = 1; i <= ATTEMPTS; i += 1) refused.push(await upload(h, i));
    const practice = h.fixtures.practices[0]!;
    const other = await request(h.target, {
      method: 'POST',
      path: `/api/v1/referrals/${practice.referrals[0]}/messages`,
      headers: { cookie: practice.cookies[0]!, 'content-type': 'application/json' },
      body: JSON.stringify({ visibility: 'internal', body: 'Written while the disk is full.' }),
    });
    h.ledger.record({
      kind: 'message',
      practiceId: practice.practiceId,
      referralId: practice.referrals[0]!,
      id:
        other.status === 201
          ? (JSON.parse(other.body) as { data: { id: string } }).data.id
          : undefined,
      outcome: outcomeOf(other.status),
      status: other.status,
    });
    const rowsAfter = await documentRows(h);
    const filesAfter = listStoredFiles(h.stack.documentsDir);
    await rm(filler);
    const after = await upload(h, ATTEMPTS + 1);

    const wellFormed = refused.every(
      (r) => r.status === 507 && errorCode(r) === 'insufficient_storage' && r.ms < 10_000,
    );

    return [
      check('before: an upload is stored', before.status === 201, `status ${before.status}`),
      check(
        'while full: uploads answer 507 insufficient_storage, promptly',
        wellFormed,
        refused.map((r) => `${r.status} ${errorCode(r) ?? ''} ${r.ms} ms`).join('; '),
      ),
      check(
        'while full: nothing partial is left',
        rowsAfter === rowsBefore &&
          filesAfter.blobs.length === filesBefore.blobs.length &&
          filesAfter.temps.length === 0,
        `document rows ${rowsBefore} → ${rowsAfter}, files ${filesBefore.blobs.length} → ${filesAfter.blobs.length}, temp files ${filesAfter.temps.length}`,
      ),
      check('while full: other writes go on', other.status === 201, `note: status ${other.status}`),
      check('after freeing space: uploads work', after.status === 201, `status ${after.status}`),
      log.check(/storage|space|disk/i, { max: 3, label: 'document storage full' }),
      ...(await checkConsistency(h.stack, h.ledger)),
    ];
  },
};
