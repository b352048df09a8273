import { z } from 'zod';

export const resetPasswordSchema = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'This link is not valid.'),
  password: z.string().min(1, 'Choose a new password.').max(1024),
  confirm: z.string(),
});

export const forgotPasswordSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email('Enter your email address.').max(254),
});
