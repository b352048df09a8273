import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// Every module in lib/ that writes rows must record its audit event in the same
// transaction — or be a helper whose every caller does, named here with that caller.
// A new operation that writes without an event fails this test until it records one.
const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITE =
  /\b(db|tx)\.[a-zA-Z]+\.(create|createMany|update|updateMany|delete|deleteMany|upsert)\(|\b(INSERT INTO|DELETE FROM)\b|\bUPDATE [a-z_.]+ SET\b/;
const RECORDS = /\brecord(AuditEvent|Access)\(/;

/** Writers that are not themselves operations: each is called only by the audited ones named. */
const HELPERS: Record<string, { auditedBy: string[]; why: string }> = {
  'lib/auth/create-session.ts': {
    auditedBy: ['lib/auth/start-session.ts', 'lib/auth/replace-session.ts', 'lib/auth/sign-out.ts'],
    why: 'session rows are written for sign-in, replacement and sign-out, which record the event',
  },
  'lib/settings/settings-store.ts': {
    auditedBy: [
      'lib/settings/update-practice-profile.ts',
      'lib/settings/update-service-levels.ts',
      'lib/settings/update-security-settings.ts',
    ],
    why: 'the settings row is written by the three settings operations, with before and after',
  },
  'lib/members/member-rules.ts': {
    auditedBy: ['lib/members/change-member-role.ts', 'lib/members/deactivate-member.ts'],
    why: 'ends a member’s sessions as part of a role change or deactivation',
  },
  'lib/intake/find-possible-duplicates.ts': {
    auditedBy: ['lib/intake/submit-intake.ts'],
    why: 'duplicate flags are written with the intake submission',
  },
  'lib/links/open-guest-document.ts': {
    auditedBy: ['lib/documents/open-document-stream.ts'],
    why: 'the read receipt is written beside document.viewed/downloaded',
  },
  'lib/mail/enqueue-email.ts': {
    auditedBy: [
      'lib/referrals/change-status.ts',
      'lib/messages/post-message.ts',
      'lib/auth/request-password-reset.ts',
    ],
    why: 'outbox rows are queued inside the audited change that sends them',
  },
  'lib/mail/deliver-outbox.ts': {
    auditedBy: [],
    why: 'delivery bookkeeping (attempts, sent_at) by the system worker, not an action by anyone',
  },
  'lib/links/load-guest-session.ts': {
    auditedBy: [],
    why: 'touches last_seen on the guest session and link; the guest action itself is audited',
  },
  'lib/seed/seed-demo.ts': {
    auditedBy: [],
    why: 'creates the demo practice row; everything else goes through the audited operations',
  },
};

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return rel === 'lib/generated' ? [] : sources(rel);

    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const writers = sources('lib').filter((rel) => WRITE.test(read(rel)));

describe('the audit trail covers every write', () => {
  it('finds the writing operations to check', () => {
    expect(writers.length).toBeGreaterThan(30);
  });

  it.each(writers)('%s records its audit event (or is a named helper of one that does)', (rel) => {
    const helper = HELPERS[rel];
    if (!helper) {
      expect(read(rel), `${rel} writes rows but records no audit event`).toMatch(RECORDS);

      return;
    }
    for (const caller of helper.auditedBy) expect(read(caller), caller).toMatch(RECORDS);
    expect(helper.why.length).toBeGreaterThan(10);
  });

  it('lists no helper that no longer writes', () => {
    expect(Object.keys(HELPERS).filter((rel) => !writers.includes(rel))).toEqual([]);
  });
});
