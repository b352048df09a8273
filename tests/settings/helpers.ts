import { authenticateStaff } from '@/lib/auth/authenticate-staff';
import type { StaffContext } from '@/lib/auth/staff-context';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';

import { appHeaders, asSuperuser, signIn } from '../auth/auth-fixtures';

/** Signs in and returns the context the real guard (authenticateStaff) builds. */
export async function signedInStaff(
  email: string,
): Promise<{ staff: StaffContext; token: string }> {
  const token = await signIn(email);
  const staff = await authenticateStaff(await appHeaders(token));
  if (!staff) throw new Error('sign-in did not yield a live staff context');

  return { staff, token };
}

/** Runs an operation as a staff member, as staffAction does after its guard. */
export function asStaff<T>(staff: StaffContext, fn: (db: PracticeDb) => Promise<T>): Promise<T> {
  return withPractice(staff.practiceId, fn, { userId: staff.userId });
}

/** The invitation link's token, read from the mail the invitee received. */
export async function invitationTokenFromMail(email: string): Promise<string> {
  const rows = await asSuperuser(async (c) =>
    c.query<{ body_text: string }>(
      `SELECT body_text FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    ),
  );
  const match = /\/invite\/([A-Za-z0-9_-]{43})/.exec(rows.rows[0]?.body_text ?? '');
  if (!match) throw new Error(`no invitation mail for ${email}`);

  return match[1]!;
}

export async function auditEvents(practiceId: string, action: string) {
  const rows = await asSuperuser((c) =>
    c.query<{ entity_id: string; changes: unknown; metadata: unknown; actor_id: string | null }>(
      `SELECT entity_id, changes, metadata, actor_id FROM audit_events
       WHERE practice_id = $1 AND action = $2 ORDER BY seq`,
      [practiceId, action],
    ),
  );

  return rows.rows;
}
