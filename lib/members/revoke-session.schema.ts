import { z } from 'zod';

export const revokeSessionSchema = z.strictObject({
  sessionId: z.string().uuid(),
});

export type RevokeSessionInput = z.input<typeof revokeSessionSchema>;
