import { isValidElement, type ReactNode } from 'react';
import { beforeAll, describe, expect, it, vi } from 'vitest';

import AuditLogPage from '@/app/(staff)/settings/audit/page';
import { AuditEventTable } from '@/components/audit/audit-event-table';
import { ROLES, can, type Role } from '@/lib/auth/permissions';
import { listEvents } from '@/lib/audit/list-events';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice } from '@/lib/db/with-practice';

import { appHeaders, signIn, staffMember, systemCtx } from '../auth/auth-fixtures';
import { createPractice } from '../helpers/factories';

// The page reads the request through next/headers, which exists only inside Next; the
// headers handed to it are the ones the real proxy produced for a real session.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));
// next.config.js enables forbidden() for the build; outside Next the flag is this variable.
vi.stubEnv('__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS', 'true');

let practiceId: string;
const staff = new Map<Role, { userId: string; headers: Headers }>();

beforeAll(async () => {
  practiceId = (await createPractice()).id;
  for (const role of ROLES) {
    const member = await staffMember(role, practiceId);
    staff.set(role, {
      userId: member.userId,
      headers: await appHeaders(await signIn(member.email)),
    });
  }
  await withPractice(practiceId, (db) =>
    recordAuditEvent(db, systemCtx(practiceId), {
      action: 'referral.updated',
      entityType: 'referral',
      entityId: 'r-1',
      changes: { urgency: { from: 'routine', to: 'urgent' } },
    }),
  );
}, 60_000);

function findTable(node: ReactNode): { events: unknown[] } | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findTable(child);
      if (found) return found;
    }

    return null;
  }
  if (!isValidElement<{ children?: ReactNode; events?: unknown[] }>(node)) return null;
  if (node.type === AuditEventTable) return { events: node.props.events ?? [] };

  return findTable(node.props.children);
}

async function viewsBy(userId: string): Promise<number> {
  const page = await withPractice(practiceId, (db) =>
    listEvents(db, { practiceId, role: 'owner' }, { action: 'audit_log.viewed', actor: userId }),
  );

  return page.items.length;
}

describe('the audit log page', () => {
  it.each(ROLES)('as %s: shows the trail only to those who may audit.read', async (role) => {
    const member = staff.get(role)!;
    request.headers = member.headers;
    const rendering = AuditLogPage({ searchParams: Promise.resolve({}) });
    if (can(role, 'audit.read')) {
      const table = findTable(await rendering);
      expect(table?.events.length).toBeGreaterThan(0);
      expect(await viewsBy(member.userId)).toBe(1);
    } else {
      await expect(rendering).rejects.toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;403' });
      expect(await viewsBy(member.userId)).toBe(0);
    }
  });

  it('sends someone who is not signed in to sign in', async () => {
    request.headers = new Headers();
    await expect(AuditLogPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/sign-in/),
    });
  });

  it('ignores invalid filters with a message instead of failing', async () => {
    request.headers = staff.get('admin')!.headers;
    const page = await AuditLogPage({ searchParams: Promise.resolve({ from: 'last week' }) });
    expect(findTable(page)?.events.length).toBeGreaterThan(0);
  });
});
