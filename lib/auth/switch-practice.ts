import 'server-only';

import { AppError } from '@/lib/http/errors';

import type { NewSession } from './create-session';
import { listMemberships } from './list-memberships';
import { replaceSession } from './replace-session';
import type { StaffContext } from './staff-context';

/**
 * Moves a signed-in person to another of their practices with a new session. The target
 * must be one of their active memberships, looked up fresh: the id the browser sent
 * proves nothing by itself, and a practice that is not theirs is simply not found.
 */
export async function switchPractice(
  staff: StaffContext,
  targetPracticeId: string,
): Promise<NewSession> {
  const target = (await listMemberships(staff.userId)).find(
    (m) => m.practiceId === targetPracticeId,
  );
  if (!target) throw new AppError('not_found');

  return replaceSession(staff, { practiceId: target.practiceId, action: 'auth.practice_switched' });
}
