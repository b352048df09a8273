import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';

/** The practice's keys, newest first, without their hashes. */
export function listApiKeys(db: PracticeDb, practiceId: string) {
  return db.apiKey.findMany({
    where: { practiceId },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      scopes: true,
      createdBy: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
}
