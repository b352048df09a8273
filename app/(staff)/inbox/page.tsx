import type { Metadata } from 'next';
import Link from 'next/link';

import { BOARD_COLUMNS, ReferralBoard } from '@/components/referrals/referral-board';
import { InboxFilters } from '@/components/referrals/inbox-filters';
import { first, inboxHref, type InboxParams } from '@/components/referrals/inbox-query';
import styles from '@/components/referrals/inbox.module.css';
import { ReferralTable } from '@/components/referrals/referral-table';
import { Alert } from '@/components/ui/alert';
import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import { listClinicians } from '@/lib/referrals/list-clinicians';
import { listReferrals } from '@/lib/referrals/list-referrals';
import { listReferringClinics } from '@/lib/referrals/list-referring-clinics';
import { REFERRAL_STATUSES, STATUS_LABELS } from '@/lib/referrals/state-machine';

export const metadata: Metadata = { title: 'Inbox' };

const FILTER_KEYS = [
  'status',
  'urgency',
  'service',
  'assignee',
  'clinic',
  'from',
  'to',
  'q',
  'sort',
  'cursor',
  'limit',
];

export default async function InboxPage({ searchParams }: { searchParams: Promise<InboxParams> }) {
  const ctx = await requireStaffPage('referral.read');
  const params = await searchParams;
  const view = first(params.view) === 'board' ? 'board' : 'list';
  const filters = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, params[k]]).filter(([, v]) => v !== undefined),
  );
  if (view === 'board') {
    filters.limit = '100';
    filters.status ??= BOARD_COLUMNS;
    delete filters.cursor;
  }

  const { result, problem, clinicians, clinics } = await withPractice(
    ctx.practiceId,
    async (db) => {
      const [clinicians, clinics] = await Promise.all([
        listClinicians(db, ctx),
        listReferringClinics(db, ctx),
      ]);
      try {
        return {
          result: await listReferrals(db, ctx, filters),
          problem: null,
          clinicians,
          clinics,
        };
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
        const fields = error.details.fields?.map((f) => f.path).join(', ');

        return {
          result: await listReferrals(db, ctx, {}),
          problem: `Some filters were not valid (${fields}) and were ignored.`,
          clinicians,
          clinics,
        };
      }
    },
    { userId: ctx.userId },
  );
  const activeStatus = first(params.status);
  const total = Object.values(result.countsByStatus).reduce((a, b) => a + (b ?? 0), 0);

  return (
    <>
      <PageHeader
        title="Inbox"
        description="Referrals to your hospital. Emergencies come first."
        actions={
          <nav aria-label="View" className={styles.viewToggle}>
            <Link
              href={inboxHref(params, { view: undefined, cursor: undefined })}
              aria-current={view === 'list' ? 'page' : undefined}
            >
              List
            </Link>
            <Link
              href={inboxHref(params, { view: 'board', cursor: undefined })}
              aria-current={view === 'board' ? 'page' : undefined}
            >
              Board
            </Link>
          </nav>
        }
      />
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      <InboxFilters params={params} clinicians={clinicians} clinics={clinics} view={view} />
      {view === 'list' ? (
        <nav aria-label="Status">
          <ul className={styles.tabs}>
            <li>
              <Link
                href={inboxHref(params, { status: undefined, cursor: undefined })}
                aria-current={activeStatus === '' ? 'true' : undefined}
              >
                All <span className={styles.count}>{total}</span>
              </Link>
            </li>
            {REFERRAL_STATUSES.filter((s) => result.countsByStatus[s]).map((s) => (
              <li key={s}>
                <Link
                  href={inboxHref(params, { status: s, cursor: undefined })}
                  aria-current={activeStatus === s ? 'true' : undefined}
                >
                  {STATUS_LABELS[s]}{' '}
                  <span className={styles.count}>{result.countsByStatus[s]}</span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {view === 'board' ? (
        <ReferralBoard items={result.items} counts={result.countsByStatus} />
      ) : result.items.length === 0 ? (
        <EmptyState
          title="No referrals match"
          action={<LinkButton href="/inbox">Clear filters</LinkButton>}
        >
          Try fewer filters or another search.
        </EmptyState>
      ) : (
        <>
          <ReferralTable items={result.items} timeZone={result.timeZone} />
          <nav aria-label="Pages" className={styles.pager}>
            {first(params.cursor) ? (
              <Link href={inboxHref(params, { cursor: undefined })}>First page</Link>
            ) : (
              <span />
            )}
            {result.nextCursor ? (
              <Link href={inboxHref(params, { cursor: result.nextCursor })}>Next page</Link>
            ) : null}
          </nav>
        </>
      )}
    </>
  );
}
