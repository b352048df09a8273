/** Lifetimes of links and the sessions they open, in one place. */
export const LINK_POLICY = {
  trackingLinkDays: 90,
  /** A guest session ends after this long without a request... */
  guestIdleMs: 30 * 60 * 1000,
  /** ...and after this long in any case. */
  guestAbsoluteMs: 12 * 60 * 60 * 1000,
  stepUpCodeMs: 10 * 60 * 1000,
  stepUpMaxAttempts: 5,
  /** last_seen_at is written at most this often, not on every request. */
  touchEveryMs: 60 * 1000,
} as const;

/** Whether a practice asks referring vets for an emailed code before a link opens. */
export function requiresStepUp(settings: unknown): boolean {
  if (!settings || typeof settings !== 'object') return false;

  return (settings as { guestStepUp?: unknown }).guestStepUp === true;
}
