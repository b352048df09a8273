/** What the seed script hands the security suite (written as JSON, read in globalSetup). */
export interface PracticeFixtures {
  practiceId: string;
  referralId: string;
  /** A referral whose text fields, messages and notes are script payloads. */
  xssReferralId: string;
  documentId: string;
  messageId: string | null;
  /** The secret part of a tracking link (`/r/<token>`) for referralId. */
  linkToken: string;
  /** A tracking link for xssReferralId. */
  xssLinkToken: string;
  users: { userId: string; role: string; email: string }[];
  /** Session cookie values by role, made through the same session operation as sign-in. */
  sessions: Record<string, string>;
  sessionIds: Record<string, string>;
  /** A second session per role, spent only by the server-action table (its api_write budget). */
  actionSessions: Record<string, string>;
  /** Owner sessions for tests that spend a rate limit: 0 api, 1 api_write, 2 path injection, 3 validation, 4 body injection, 5 spare. */
  spareSessions: string[];
  apiKeys: Partial<Record<'owner' | 'read_only', { keyId: string; secret: string; token: string }>>;
}

export interface SecurityFixtures {
  accounts: { email: string; password: string; role: string; practice: string }[];
  marker: string;
  a: PracticeFixtures;
  b: PracticeFixtures;
}

/** Everything globalSetup provides to the suite's files. */
export interface SecurityContext {
  baseUrl: string;
  /** The build under test (its server-reference manifest names every server action). */
  distDir: string;
  /** The app's self-signed certificate; the suite's client trusts only it. */
  certPem: string;
  /** The superuser URL of the database the app runs on, for checking rows from outside. */
  superuserDbUrl: string;
  jwtKeys: { kid: string; secret: string }[];
  fixtures: SecurityFixtures;
  /** Session cookies obtained by posting the real sign-in form, by practice. */
  signedIn: { a: string | null; b: string | null; setCookie: string | null; error: string | null };
}
