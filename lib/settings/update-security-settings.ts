import 'server-only';

import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeContext } from '@/lib/auth/actor';
import type { PracticeDb } from '@/lib/db/with-practice';
import { parseInput } from '@/lib/referrals/parse-input';
import { AppError } from '@/lib/http/errors';

import { isIpAllowed } from './ip-allow-list';
import { readPracticeSettings, type SecuritySettings } from './practice-settings';
import { lockPracticeRow, writePracticeRow } from './settings-store';
import {
  updateSecuritySettingsSchema,
  type UpdateSecuritySettingsInput,
} from './update-security-settings.schema';

/**
 * MFA for all staff, session idle timeout and lifetime, the staff sign-in IP allow-list,
 * the API's CORS origins and the audit retention. They bite on the next request: the
 * session rules and MFA in auth.resolve_session (0007_settings.sql), the allow-list at
 * sign-in, the origins in lib/http/origin.ts.
 */
export async function updateSecuritySettings(
  db: PracticeDb,
  ctx: PracticeContext,
  raw: UpdateSecuritySettingsInput,
): Promise<{ changed: string[] }> {
  const input = parseInput(updateSecuritySettingsSchema, raw);
  // An allow-list that leaves out the admin saving it would lock them out at next sign-in.
  if (!isIpAllowed(ctx.request.ip, input.staffIpAllowList)) {
    throw new AppError('validation_failed', undefined, {
      fields: [
        {
          path: 'staffIpAllowList',
          message: `Your own address (${ctx.request.ip ?? 'unknown'}) is not in the list; add it first.`,
        },
      ],
    });
  }
  const practice = await lockPracticeRow(db, ctx.practiceId);
  const before = readPracticeSettings(practice.raw);

  const security: SecuritySettings = {
    requireMfa: input.requireMfa,
    sessionIdleMinutes: input.sessionIdleMinutes,
    sessionLifetimeHours: input.sessionLifetimeHours,
    staffIpAllowList: input.staffIpAllowList,
  };
  const changes = diffFields(
    {
      ...before.security,
      corsOrigins: before.corsOrigins,
      auditRetentionYears: before.auditRetentionYears,
    },
    { ...security, corsOrigins: input.corsOrigins, auditRetentionYears: input.auditRetentionYears },
  );
  if (Object.keys(changes).length === 0) return { changed: [] };

  await writePracticeRow(db, ctx.practiceId, {
    settings: {
      ...practice.raw,
      security,
      corsOrigins: input.corsOrigins,
      auditRetentionYears: input.auditRetentionYears,
    },
  });
  await recordAuditEvent(db, ctx, {
    action: 'settings.security_updated',
    entityType: 'practice',
    entityId: ctx.practiceId,
    changes,
  });

  return { changed: Object.keys(changes) };
}
