import { buttonClass } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import type { AuditFilters } from '@/lib/audit/list-events.schema';

import styles from './audit.module.css';

interface Props {
  filters: AuditFilters;
  actors: { id: string; name: string }[];
  /** Export links for the same filters, when the viewer may export. */
  exportHref?: (format: 'csv' | 'json') => string;
}

/** A plain GET form: filtering works without JavaScript and every view has a URL. */
export function AuditFiltersForm({ filters, actors, exportHref }: Props) {
  return (
    <form
      method="get"
      action="/settings/audit"
      className={styles.filters}
      role="search"
      aria-label="Filter audit events"
    >
      <Field id="a-actor" label="Person">
        <Select id="a-actor" name="actor" defaultValue={filters.actor ?? ''}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="a-action" label="Action">
        <Input
          id="a-action"
          name="action"
          defaultValue={filters.action}
          placeholder="referral.created"
          maxLength={100}
        />
      </Field>
      <Field id="a-entity-type" label="Record type">
        <Input
          id="a-entity-type"
          name="entityType"
          defaultValue={filters.entityType}
          placeholder="referral"
          maxLength={60}
        />
      </Field>
      <Field id="a-entity-id" label="Record id">
        <Input id="a-entity-id" name="entityId" defaultValue={filters.entityId} maxLength={100} />
      </Field>
      <Field id="a-from" label="From (UTC)">
        <Input id="a-from" name="from" type="date" defaultValue={filters.from} />
      </Field>
      <Field id="a-to" label="To (UTC)">
        <Input id="a-to" name="to" type="date" defaultValue={filters.to} />
      </Field>
      <div className={styles.filterActions}>
        <button type="submit" className={buttonClass('primary')}>
          Filter
        </button>
        {exportHref ? (
          <>
            <a href={exportHref('csv')} className={buttonClass('secondary')} download>
              Export CSV
            </a>
            <a href={exportHref('json')} className={buttonClass('secondary')} download>
              Export JSON
            </a>
          </>
        ) : null}
      </div>
    </form>
  );
}
