import { z } from 'zod';

export const signInSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email('Enter your email address.').max(254),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

export type SignInInput = z.infer<typeof signInSchema>;
