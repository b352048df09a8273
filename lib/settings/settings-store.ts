import 'server-only';

import type { Prisma } from '@/lib/generated/prisma/client';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

export interface LockedPractice {
  name: string;
  timezone: string;
  /** What is stored, as is: keys this module does not know are written back untouched. */
  raw: Record<string, unknown>;
}

/**
 * Reads the practice row FOR UPDATE, so two admins saving at once apply one after the
 * other and neither silently undoes the other's section.
 */
export async function lockPracticeRow(db: PracticeDb, practiceId: string): Promise<LockedPractice> {
  const rows = await db.$queryRaw<{ name: string; timezone: string; settings: unknown }[]>`
    SELECT name, timezone, settings FROM practices WHERE id = ${practiceId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError('not_found');
  const raw =
    row.settings && typeof row.settings === 'object' && !Array.isArray(row.settings)
      ? (row.settings as Record<string, unknown>)
      : {};

  return { name: row.name, timezone: row.timezone, raw };
}

export async function writePracticeRow(
  db: PracticeDb,
  practiceId: string,
  data: { name?: string; timezone?: string; settings: Record<string, unknown> },
): Promise<void> {
  await db.practice.update({
    where: { id: practiceId },
    data: { ...data, settings: data.settings as Prisma.InputJsonObject },
    select: { id: true },
  });
}
