/**
 * Every rate limit in one table. A tier is sensitive when letting requests through
 * unchecked would help an attacker (guessing passwords, codes or link tokens, flooding
 * the public intake form); those refuse to serve when the limiter's store is down.
 */
export interface TierConfig {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  sensitive: boolean;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const TIERS = {
  /** Per API token or staff session. */
  api: { limit: 300, windowMs: MINUTE, sensitive: false },
  /** Per API token or staff session, on state-changing requests. */
  api_write: { limit: 60, windowMs: MINUTE, sensitive: false },
  /** Per session, or per IP without one. */
  page: { limit: 300, windowMs: MINUTE, sensitive: false },
  /** Per guest session (a referring vet behind a tracking link). */
  guest: { limit: 120, windowMs: MINUTE, sensitive: false },
  sign_in_ip: { limit: 20, windowMs: 15 * MINUTE, sensitive: true },
  sign_in_account: { limit: 10, windowMs: 15 * MINUTE, sensitive: true },
  mfa: { limit: 10, windowMs: 15 * MINUTE, sensitive: true },
  password_reset: { limit: 5, windowMs: HOUR, sensitive: true },
  token_exchange: { limit: 20, windowMs: MINUTE, sensitive: true },
  intake_ip: { limit: 10, windowMs: HOUR, sensitive: true },
  intake_link: { limit: 100, windowMs: HOUR, sensitive: true },
  /** Per IP: opening tracking links, so that guessing tokens is slow. */
  link_open: { limit: 30, windowMs: 15 * MINUTE, sensitive: true },
  /** Per link: step-up codes sent by email, so a link cannot be used to spam its holder. */
  step_up_send: { limit: 5, windowMs: HOUR, sensitive: true },
} as const satisfies Record<string, TierConfig>;

export type RateLimitTier = keyof typeof TIERS;
export type TierTable = Record<string, TierConfig>;
