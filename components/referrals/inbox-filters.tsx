import { buttonClass } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { LIST_SORTS } from '@/lib/referrals/list-referrals.schema';
import { STATUS_LABELS, REFERRAL_STATUSES } from '@/lib/referrals/state-machine';

import { first, type InboxParams } from './inbox-query';
import styles from './inbox.module.css';

const SORT_LABELS: Record<(typeof LIST_SORTS)[number], string> = {
  priority: 'Emergencies first',
  newest: 'Newest first',
  oldest: 'Oldest first',
  updated: 'Recently changed',
};

interface Props {
  params: InboxParams;
  clinicians: { id: string; name: string }[];
  clinics: { id: string; name: string }[];
  view: 'list' | 'board';
}

/** A plain GET form: filtering works without JavaScript and every result has a URL. */
export function InboxFilters({ params, clinicians, clinics, view }: Props) {
  const status = first(params.status);

  return (
    <form
      method="get"
      action="/inbox"
      className={styles.filters}
      role="search"
      aria-label="Filter referrals"
    >
      {view === 'board' ? <input type="hidden" name="view" value="board" /> : null}
      <div className={styles.search}>
        <Field id="f-q" label="Search patient, owner or referring vet">
          <Input id="f-q" name="q" type="search" defaultValue={first(params.q)} maxLength={100} />
        </Field>
      </div>
      <Field id="f-status" label="Status">
        <Select id="f-status" name="status" defaultValue={status}>
          <option value="">Any status</option>
          {REFERRAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="f-urgency" label="Urgency">
        <Select id="f-urgency" name="urgency" defaultValue={first(params.urgency)}>
          <option value="">Any urgency</option>
          <option value="emergency">Emergency</option>
          <option value="urgent">Urgent</option>
          <option value="routine">Routine</option>
        </Select>
      </Field>
      <Field id="f-service" label="Service">
        <Input id="f-service" name="service" defaultValue={first(params.service)} maxLength={100} />
      </Field>
      <Field id="f-assignee" label="Assignee">
        <Select id="f-assignee" name="assignee" defaultValue={first(params.assignee)}>
          <option value="">Anyone</option>
          <option value="none">Unassigned</option>
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="f-clinic" label="Referring clinic">
        <Select id="f-clinic" name="clinic" defaultValue={first(params.clinic)}>
          <option value="">Any clinic</option>
          {clinics.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="f-from" label="Created from">
        <Input id="f-from" name="from" type="date" defaultValue={first(params.from)} />
      </Field>
      <Field id="f-to" label="Created to">
        <Input id="f-to" name="to" type="date" defaultValue={first(params.to)} />
      </Field>
      <Field id="f-sort" label="Sort">
        <Select id="f-sort" name="sort" defaultValue={first(params.sort) || 'priority'}>
          {LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      <div className={styles.filterActions}>
        <button type="submit" className={buttonClass('primary')}>
          Apply
        </button>
        <a
          href={view === 'board' ? '/inbox?view=board' : '/inbox'}
          className={buttonClass('ghost')}
        >
          Clear
        </a>
      </div>
    </form>
  );
}
