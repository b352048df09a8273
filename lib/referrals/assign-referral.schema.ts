import { z } from 'zod';

import { clearableUuid } from './fields';

export const assignReferralSchema = z.strictObject({
  referralId: z.uuid(),
  /** null or '' removes the assignee. */
  assigneeUserId: clearableUuid().transform((v) => v ?? null),
});
export type AssignReferralInput = z.input<typeof assignReferralSchema>;
