/** Lifetimes and names of the session machinery, in one place. */
export const SESSION_COOKIE = '__Host-vetloop_session';

/** A session unused this long ends; each request slides it forward. */
export const SESSION_IDLE_SECONDS = 30 * 60;
/** No session outlives this, however busy. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** A session whose password step passed but whose second factor is owed. */
export const PENDING_MFA_SECONDS = 10 * 60;

/** Access JWTs are short: revocation must not wait for them. */
export const ACCESS_TOKEN_SECONDS = 5 * 60;

/** The header the proxy stamps with the verified session's JWT; clients' copies are dropped. */
export const AUTH_HEADER = 'x-vetloop-auth';

export const SIGN_IN_LOCK_AFTER = 10;
export const SIGN_IN_FAILURE_WINDOW = '15 minutes';
export const SIGN_IN_LOCK_FOR = '15 minutes';

export const RESET_LINK_MINUTES = 30;
