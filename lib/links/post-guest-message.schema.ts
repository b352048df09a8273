import { z } from 'zod';

export const postGuestMessageSchema = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'Write a message first')
    .max(10_000, 'Keep it under 10,000 characters'),
});
export type PostGuestMessageInput = z.input<typeof postGuestMessageSchema>;
