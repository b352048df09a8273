import { z } from 'zod';

// GET forms send empty fields as ''; they mean "no filter".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

function isAction(value: string): boolean {
  const parts = value.split('.');

  return parts.length >= 2 && parts.every((part) => /^[a-z_]+$/.test(part));
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.');

/** Filters of the audit log, shared by the admin page and the export. Dates are UTC days. */
export const auditFiltersSchema = z.strictObject({
  actor: optional(z.uuid()),
  action: optional(z.string().max(100).refine(isAction, 'Use an action like referral.created.')),
  entityType: optional(z.string().regex(/^[a-z_]{1,60}$/, 'Use an entity type like referral.')),
  entityId: optional(z.string().min(1).max(100)),
  from: optional(day),
  to: optional(day),
});

export const listEventsSchema = auditFiltersSchema.extend({
  /** The seq of the last event on the previous page; newer pages come first. */
  cursor: optional(z.string().regex(/^[1-9]\d{0,18}$/)),
  limit: optional(z.coerce.number().int().min(1).max(200)),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export type ListEventsInput = z.infer<typeof listEventsSchema>;
