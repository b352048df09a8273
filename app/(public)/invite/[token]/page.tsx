import type { Metadata } from 'next';
import Link from 'next/link';

import styles from '@/components/auth/auth.module.css';
import { AcceptInvitationForm } from '@/components/settings/accept-invitation-form';
import { ROLE_LABELS } from '@/components/settings/roles';
import { findInvitation } from '@/lib/invitations/find-invitation';

import { acceptInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Join your practice', referrer: 'no-referrer' };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findInvitation(token);

  if (!invitation) {
    return (
      <main className={styles.card}>
        <h1>This invitation cannot be used</h1>
        <p>
          It has expired, was already used or was withdrawn. Ask your practice admin to send a new
          one. Already joined? <Link href="/sign-in">Sign in</Link>.
        </p>
      </main>
    );
  }

  return (
    <main className={styles.card}>
      <h1>Join {invitation.practiceName}</h1>
      <p>
        You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong> with the email{' '}
        {invitation.email}.
        {invitation.accountExists
          ? null
          : ' After you join, we will help you turn on two-factor authentication.'}
      </p>
      <AcceptInvitationForm
        action={acceptInvitationAction}
        token={token}
        email={invitation.email}
        accountExists={invitation.accountExists}
      />
    </main>
  );
}
