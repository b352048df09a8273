import { getEnv } from '@/lib/env';

/** How long an invitation link works; resending issues a new link for as long again. */
export const INVITATION_DAYS = 7;
/** Resends per invitation, so an admin's mistake cannot become a mail flood. */
export const INVITATION_MAX_SENDS = 10;

export const INVITATION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function invitationUrl(token: string): string {
  return new URL(`/invite/${token}`, getEnv().APP_ORIGIN).toString();
}

export function invitationExpiry(from = Date.now()): Date {
  return new Date(from + INVITATION_DAYS * 24 * 60 * 60 * 1000);
}

export function invitationText(practiceName: string, inviter: string, link: string): string {
  return [
    `${inviter} has invited you to join ${practiceName} on VetLoop.`,
    '',
    `Accept within ${INVITATION_DAYS} days: ${link}`,
    '',
    'The link works once. If you were not expecting this, ignore this email.',
  ].join('\n');
}
