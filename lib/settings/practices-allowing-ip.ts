import 'server-only';

import { withPractice } from '@/lib/db/with-practice';

import { isIpAllowed } from './ip-allow-list';
import { readPracticeSettings } from './practice-settings';

/**
 * The practices, of those given, whose staff IP allow-list admits this address (an empty
 * list admits all). Used at staff sign-in: a practice that refuses the address is simply
 * not offered, and with none left the sign-in is refused like any other.
 */
export async function practicesAllowingIp<T extends { practiceId: string }>(
  practices: T[],
  ip: string | null,
): Promise<T[]> {
  const allowed: T[] = [];
  for (const practice of practices) {
    const settings = await withPractice(practice.practiceId, (db) =>
      db.practice.findFirst({ where: { id: practice.practiceId }, select: { settings: true } }),
    );
    if (isIpAllowed(ip, readPracticeSettings(settings?.settings).security.staffIpAllowList)) {
      allowed.push(practice);
    }
  }

  return allowed;
}
