import { z } from 'zod';

export const postMessageSchema = z.strictObject({
  referralId: z.uuid(),
  /** 'shared' goes to the referring vet; 'internal' is a note only staff see. */
  visibility: z.enum(['shared', 'internal']).default('shared'),
  body: z.string().trim().min(1, 'Write a message').max(10_000),
});
export type PostMessageInput = z.input<typeof postMessageSchema>;
