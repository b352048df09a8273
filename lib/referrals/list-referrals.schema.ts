import { z } from 'zod';

import { URGENCIES } from './fields';
import { REFERRAL_STATUSES } from './state-machine';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// Postgres text cannot hold NUL; refuse it here rather than let the query fail.
const searchText = z
  .string()
  .trim()
  .max(100)
  .refine((v) => !v.includes('\u0000'), 'Remove control characters');
const date = z.preprocess(blank, z.iso.date('Use the format YYYY-MM-DD').optional());

export const LIST_SORTS = ['priority', 'newest', 'oldest', 'updated'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Filters as they arrive in a URL: repeated or comma-separated statuses, '' as absent. */
export const listReferralsSchema = z.strictObject({
  status: z.preprocess(
    (v) => {
      const list = (Array.isArray(v) ? v : v === undefined ? [] : [v])
        .flatMap((s) => String(s).split(','))
        .map((s) => s.trim())
        .filter(Boolean);

      return list.length > 0 ? list : undefined;
    },
    z.array(z.enum(REFERRAL_STATUSES)).max(REFERRAL_STATUSES.length).optional(),
  ),
  urgency: z.preprocess(blank, z.enum(URGENCIES).optional()),
  service: z.preprocess(blank, searchText.optional()),
  /** A user id, or 'none' for unassigned referrals. */
  assignee: z.preprocess(blank, z.union([z.uuid(), z.literal('none')]).optional()),
  clinic: z.preprocess(blank, z.uuid().optional()),
  from: date,
  to: date,
  q: z.preprocess(blank, searchText.optional()),
  sort: z.preprocess(blank, z.enum(LIST_SORTS).default('priority')),
  cursor: z.preprocess(blank, z.string().max(500).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(25)),
});
export type ListReferralsInput = z.input<typeof listReferralsSchema>;
export type ListReferralsFilters = z.output<typeof listReferralsSchema>;
