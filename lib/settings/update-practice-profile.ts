import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { parseInput } from '@/lib/referrals/parse-input';

import { readPracticeSettings, type ProfileSettings } from './practice-settings';
import { lockPracticeRow, writePracticeRow } from './settings-store';
import {
  updatePracticeProfileSchema,
  type UpdatePracticeProfileInput,
} from './update-practice-profile.schema';

/** Name, time zone, contact details, logo, services and departments. */
export async function updatePracticeProfile(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: UpdatePracticeProfileInput,
): Promise<{ changed: string[] }> {
  const input = parseInput(updatePracticeProfileSchema, raw);
  const practice = await lockPracticeRow(db, ctx.practiceId);
  const current = readPracticeSettings(practice.raw).profile;

  const profile: ProfileSettings = {
    address: input.address,
    phone: input.phone,
    logo: input.logo === 'keep' ? current.logo : input.logo || null,
    services: input.services,
    departments: input.departments,
  };
  const changes = diffFields(
    { name: practice.name, timezone: practice.timezone, ...current },
    { name: input.name, timezone: input.timezone, ...profile },
    // A data URL is 200 kB of noise in the trail: record that it changed, not what to.
    { sensitive: ['logo'] },
  );
  if (Object.keys(changes).length === 0) return { changed: [] };

  await writePracticeRow(db, ctx.practiceId, {
    name: input.name,
    timezone: input.timezone,
    settings: { ...practice.raw, profile },
  });
  await recordAuditEvent(db, ctx, {
    action: 'settings.profile_updated',
    entityType: 'practice',
    entityId: ctx.practiceId,
    changes,
  });

  return { changed: Object.keys(changes) };
}
