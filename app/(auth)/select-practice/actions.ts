'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';

import { getOptionalStaff } from '@/lib/auth/require-staff';
import { switchPractice } from '@/lib/auth/switch-practice';
import { parseForm } from '@/lib/http/parse';

import { replaceSessionCookie } from '../auth-cookie';

const schema = z.strictObject({ practiceId: z.uuid() });

/** A plain form post (works without JS); the target is checked against live memberships. */
export async function selectPracticeAction(formData: FormData): Promise<void> {
  const staff = await getOptionalStaff();
  if (!staff) redirect('/sign-in');
  const { practiceId } = parseForm(formData, schema);
  if (practiceId !== staff.practiceId) {
    const session = await switchPractice(staff, practiceId);
    await replaceSessionCookie(session.token);
  }
  redirect('/dashboard');
}
