import type { Metadata } from 'next';
import Link from 'next/link';

import { AuditEventTable } from '@/components/audit/audit-event-table';
import { AuditFiltersForm } from '@/components/audit/audit-filters';
import styles from '@/components/audit/audit.module.css';
import { Alert } from '@/components/ui/alert';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { viewAuditLog } from '@/lib/audit/view-audit-log';
import { can } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

export const metadata: Metadata = { title: 'Audit log' };

const KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to', 'cursor'] as const;
type Params = Partial<Record<string, string | string[]>>;

function pick(params: Params, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = params[key];
    const one = Array.isArray(value) ? value[0] : value;
    if (one) out[key] = one;
  }

  return out;
}

function href(path: string, query: Record<string, string>): string {
  const search = new URLSearchParams(query).toString();

  return search ? `${path}?${search}` : path;
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = await requireStaffPage('audit.read');
  const input = pick(await searchParams, KEYS);

  const { view, problem } = await withPractice(
    ctx.practiceId,
    async (db) => {
      try {
        return { view: await viewAuditLog(db, ctx, input), problem: null };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
        const fields = error.details.fields?.map((f) => f.path).join(', ');

        return {
          view: await viewAuditLog(db, ctx, {}),
          problem: `Some filters were not valid (${fields}) and were ignored.`,
        };
      }
    },
    { userId: ctx.userId },
  );
  const filters = pick(view.filters as Params, KEYS.slice(0, -1));
  const canExport = can(ctx.role, 'audit.export');

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change and every look at patient records, with who, when and from where."
      />
      <p className={styles.retention}>
        Events are kept for at least {view.retentionYears} years. Nothing in VetLoop deletes them,
        and each one is chained to the one before it so that any later change shows.
      </p>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <AuditFiltersForm
        filters={view.filters}
        actors={view.actors}
        exportHref={
          canExport ? (format) => href('/api/v1/audit/export', { ...filters, format }) : undefined
        }
      />
      {view.items.length === 0 ? (
        <EmptyState
          title="No events match"
          action={<LinkButton href="/settings/audit">Clear filters</LinkButton>}
        >
          Try fewer filters or a wider date range.
        </EmptyState>
      ) : (
        <>
          <AuditEventTable events={view.items} />
          <nav aria-label="Pages" className={styles.pager}>
            {input.cursor ? <Link href={href('/settings/audit', filters)}>Newest</Link> : <span />}
            {view.nextCursor ? (
              <Link href={href('/settings/audit', { ...filters, cursor: view.nextCursor })}>
                Older events
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
