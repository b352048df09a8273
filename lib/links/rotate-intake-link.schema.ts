import { z } from 'zod';

export const rotateIntakeLinkSchema = z.strictObject({
  /** Empty or absent: the practice's general link. */
  service: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().trim().min(1).max(100).optional(),
  ),
});
export type RotateIntakeLinkInput = z.input<typeof rotateIntakeLinkSchema>;
