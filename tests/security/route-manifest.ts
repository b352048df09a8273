import type { Permission } from '@/lib/auth/permissions';
import type { RateLimitTier } from '@/lib/rate-limit/tiers';

import type { RouteKind } from './inventory';

/**
 * Who may reach a route: anyone (`public`), a signed-in member through pages and server
 * actions (`staff`), the JSON API with a session or API token (`api`), a referring vet
 * behind a tracking link (`guest`).
 */
export type RouteAuth = 'public' | 'staff' | 'api' | 'guest';

/** The kinds of object a dynamic segment can name; the suite swaps in another practice's. */
export type FixtureKind =
  | 'referral'
  | 'document'
  | 'message'
  | 'apiKey'
  | 'session'
  | 'linkToken'
  | 'intakeToken'
  | 'resetToken'
  | 'inviteToken'
  | 'nextAuthPath';

export interface ManifestEntry {
  /** URL pattern (`/api/v1/referrals/[id]`), or the module file for server actions. */
  path: string;
  kind: RouteKind;
  /** HTTP methods, or exported action names; one entry per set sharing one protection. */
  methods: string[];
  auth: RouteAuth;
  permission?: Permission;
  /** The tier the route counts against first ('none' only for public pages with no input). */
  rateLimit: RateLimitTier | 'none';
  takesId: boolean;
  /** What each dynamic segment names. */
  params?: Record<string, FixtureKind>;
  /** Why the handler is not built by apiRoute/guestRoute/staffAction; required if it isn't. */
  unwrapped?: string;
}

/**
 * Every page, route handler and server action, with the protection it must have. The
 * route-inventory test fails when the app and this list disagree, so nothing new escapes
 * the security suite, which is driven by this list.
 */
const page = (path: string, auth: RouteAuth, more: Partial<ManifestEntry> = {}): ManifestEntry => ({
  path,
  kind: 'page',
  methods: ['GET'],
  auth,
  rateLimit: 'none',
  takesId: false,
  ...more,
});

const api = (
  path: string,
  method: string,
  permission: Permission,
  more: Partial<ManifestEntry> = {},
): ManifestEntry => ({
  path,
  kind: 'route',
  methods: [method],
  auth: 'api',
  permission,
  rateLimit: method === 'GET' ? 'api' : 'api_write',
  takesId: path.includes('['),
  ...more,
});

const REFERRAL = { id: 'referral' } as const;
const PRE_AUTH = 'Runs before anyone is signed in; rate limited inside the operation.';
const SELF_SERVICE =
  'Signed-in person acting on their own account (getOptionalStaff), no role needed.';

/**
 * Every page, route handler and server action, with the protection it must have. The
 * route-inventory test fails when the app and this list disagree, so nothing new escapes
 * the security suite, which is driven by this list.
 */
export const ROUTE_MANIFEST: ManifestEntry[] = [
  page('/', 'public'),
  page('/sign-in', 'public'),
  page('/sign-in/mfa', 'public'),
  page('/forgot-password', 'public'),
  page('/reset-password/[token]', 'public', { takesId: true, params: { token: 'resetToken' } }),
  page('/select-practice', 'staff'),
  page('/account/security', 'staff'),
  page('/dev/outbox', 'public', {
    unwrapped: 'Local demo mail viewer: 404 unless HOST is loopback and SMTP_URL is unset.',
  }),
  page('/dashboard', 'staff', { permission: 'referral.read' }),
  page('/inbox', 'staff', { permission: 'referral.read' }),
  page('/referrals/[id]', 'staff', {
    permission: 'referral.read',
    takesId: true,
    params: REFERRAL,
  }),
  page('/referrals/[id]/report', 'staff', {
    permission: 'report.write',
    takesId: true,
    params: REFERRAL,
  }),
  page('/settings', 'staff', { permission: 'practice.manage' }),
  page('/settings/api-keys', 'staff', { permission: 'apikey.manage' }),
  page('/settings/audit', 'staff', { permission: 'audit.read' }),
  page('/settings/export', 'staff', { permission: 'data.export' }),
  page('/settings/links', 'staff', { permission: 'link.manage' }),
  page('/settings/practice', 'staff', { permission: 'practice.manage' }),
  page('/settings/security', 'staff', { permission: 'security.manage' }),
  page('/settings/service-levels', 'staff', { permission: 'practice.manage' }),
  page('/settings/sessions', 'staff', { permission: 'session.manage' }),
  page('/settings/users', 'staff', { permission: 'user.manage' }),
  page('/invite/[token]', 'public', { takesId: true, params: { token: 'inviteToken' } }),
  page('/r', 'guest'),
  page('/intake/[token]', 'public', { takesId: true, params: { token: 'intakeToken' } }),

  {
    path: '/r/[token]',
    kind: 'route',
    methods: ['GET'],
    auth: 'public',
    rateLimit: 'link_open',
    takesId: true,
    params: { token: 'linkToken' },
    unwrapped: 'Opens a tracking link before any session exists; openReferralLink limits per IP.',
  },
  {
    path: '/api/auth/sign-out',
    kind: 'route',
    methods: ['POST'],
    auth: 'public',
    rateLimit: 'none',
    takesId: false,
    unwrapped: 'Ends the caller’s own session; origin-checked; nothing to read or guess.',
  },
  {
    path: '/api/v1/token',
    kind: 'route',
    methods: ['POST'],
    auth: 'public',
    rateLimit: 'token_exchange',
    takesId: false,
    unwrapped: 'Exchanges an API key for a Bearer token; exchangeApiKey limits per IP and per key.',
  },
  {
    path: '/api/v1/openapi.json',
    kind: 'route',
    methods: ['GET'],
    auth: 'public',
    rateLimit: 'none',
    takesId: false,
    unwrapped: 'The static API description; no data, no input.',
  },

  {
    path: '/api/guest/documents/[id]',
    kind: 'route',
    methods: ['GET'],
    auth: 'guest',
    rateLimit: 'guest',
    takesId: true,
    params: { id: 'document' },
  },
  ...[
    '/api/guest/messages',
    '/api/guest/step-up',
    '/api/guest/step-up/resend',
    '/api/guest/uploads',
  ].map((path): ManifestEntry => ({
    path,
    kind: 'route',
    methods: ['POST'],
    auth: 'guest',
    rateLimit: 'guest',
    takesId: false,
  })),

  {
    path: '/api/auth/[...nextauth]',
    kind: 'route',
    methods: ['GET', 'POST'],
    auth: 'public',
    rateLimit: 'none',
    takesId: true,
    params: { nextauth: 'nextAuthPath' },
    unwrapped: 'next-auth’s single sign-on endpoints; 404 unless OIDC is configured.',
  },
  {
    path: '/settings/export/download',
    kind: 'route',
    methods: ['GET'],
    auth: 'staff',
    permission: 'data.export',
    rateLimit: 'none',
    takesId: false,
    unwrapped: 'A file download for signed-in admins: requireStaff(data.export), audited.',
  },
  api('/api/v1/api-keys', 'GET', 'apikey.manage'),
  api('/api/v1/api-keys', 'POST', 'apikey.manage'),
  api('/api/v1/api-keys/[id]', 'DELETE', 'apikey.manage', { params: { id: 'apiKey' } }),
  api('/api/v1/audit/export', 'GET', 'audit.export'),
  api('/api/v1/sessions', 'GET', 'session.manage'),
  api('/api/v1/sessions/[id]', 'DELETE', 'session.manage', { params: { id: 'session' } }),
  api('/api/v1/referrals', 'GET', 'referral.read'),
  api('/api/v1/referrals', 'POST', 'referral.create'),
  api('/api/v1/referrals/[id]', 'GET', 'referral.read', { params: REFERRAL }),
  api('/api/v1/referrals/[id]', 'PATCH', 'referral.edit', { params: REFERRAL }),
  api('/api/v1/referrals/[id]/assignee', 'PUT', 'referral.assign', { params: REFERRAL }),
  api('/api/v1/referrals/[id]/documents', 'GET', 'document.read', { params: REFERRAL }),
  api('/api/v1/referrals/[id]/documents', 'POST', 'document.upload', { params: REFERRAL }),
  api('/api/v1/referrals/[id]/documents/[docId]', 'GET', 'document.read', {
    params: { id: 'referral', docId: 'document' },
  }),
  api('/api/v1/referrals/[id]/documents/[docId]', 'PATCH', 'document.upload', {
    params: { id: 'referral', docId: 'document' },
  }),
  api('/api/v1/referrals/[id]/messages', 'GET', 'message.read', { params: REFERRAL }),
  api('/api/v1/referrals/[id]/messages', 'POST', 'message.post', { params: REFERRAL }),
  api('/api/v1/referrals/[id]/status', 'POST', 'referral.triage', { params: REFERRAL }),

  action('app/(auth)/sign-in/actions.ts', ['signInAction'], 'public', 'sign_in_ip', PRE_AUTH),
  action('app/(auth)/sign-in/mfa/actions.ts', ['mfaChallengeAction'], 'public', 'mfa', PRE_AUTH),
  action(
    'app/(auth)/forgot-password/actions.ts',
    ['forgotPasswordAction'],
    'public',
    'password_reset',
    PRE_AUTH,
  ),
  action(
    'app/(auth)/reset-password/[token]/actions.ts',
    ['resetPasswordAction'],
    'public',
    'password_reset',
    PRE_AUTH,
  ),
  action(
    'app/(auth)/select-practice/actions.ts',
    ['selectPracticeAction'],
    'staff',
    'none',
    SELF_SERVICE,
  ),
  action(
    'app/(auth)/account/security/actions.ts',
    [
      'beginEnrolmentAction',
      'completeEnrolmentAction',
      'disableMfaAction',
      'finishEnrolmentAction',
    ],
    'staff',
    'mfa',
    SELF_SERVICE,
  ),
  action(
    'app/(public)/intake/[token]/actions.ts',
    ['submitIntakeAction'],
    'public',
    'intake_ip',
    'The public intake form; submitIntake checks the link token and limits per IP and per link.',
  ),
  action(
    'app/(staff)/referrals/[id]/actions.ts',
    ['changeStatusAction'],
    'staff',
    'api_write',
    undefined,
    'referral.triage',
  ),
  action(
    'app/(staff)/referrals/[id]/actions.ts',
    ['updateReferralAction'],
    'staff',
    'api_write',
    undefined,
    'referral.edit',
  ),
  action(
    'app/(staff)/referrals/[id]/actions.ts',
    ['assignReferralAction'],
    'staff',
    'api_write',
    undefined,
    'referral.assign',
  ),
  action(
    'app/(staff)/referrals/[id]/actions.ts',
    ['postMessageAction'],
    'staff',
    'api_write',
    undefined,
    'message.post',
  ),
  action(
    'app/(staff)/referrals/[id]/report/actions.ts',
    ['saveOrSendReport', 'sendUploadedReport'],
    'staff',
    'api_write',
    undefined,
    'report.write',
  ),
  action(
    'components/links/actions.ts',
    ['issueLinkAction', 'revokeLinkAction'],
    'staff',
    'api_write',
    undefined,
    'link.manage',
  ),
  action(
    'components/links/actions.ts',
    ['rotateIntakeLinkAction'],
    'staff',
    'api_write',
    undefined,
    'practice.manage',
  ),
  action(
    'app/(staff)/settings/api-keys/actions.ts',
    ['createApiKeyAction', 'revokeApiKeyAction'],
    'staff',
    'api_write',
    undefined,
    'apikey.manage',
  ),
  action(
    'app/(staff)/settings/links/actions.ts',
    ['revokeTrackingLinkAction'],
    'staff',
    'api_write',
    undefined,
    'link.manage',
  ),
  action(
    'app/(staff)/settings/links/actions.ts',
    ['rotateIntakeLinkAction'],
    'staff',
    'api_write',
    undefined,
    'practice.manage',
  ),
  action(
    'app/(staff)/settings/practice/actions.ts',
    ['saveProfileAction', 'saveServiceLevelsAction'],
    'staff',
    'api_write',
    undefined,
    'practice.manage',
  ),
  action(
    'app/(staff)/settings/security/actions.ts',
    ['saveSecurityAction'],
    'staff',
    'api_write',
    undefined,
    'security.manage',
  ),
  action(
    'app/(staff)/settings/sessions/actions.ts',
    ['revokeSessionAction'],
    'staff',
    'api_write',
    undefined,
    'session.manage',
  ),
  action(
    'app/(staff)/settings/users/actions.ts',
    [
      'changeRoleAction',
      'deactivateAction',
      'inviteAction',
      'reactivateAction',
      'resendInvitationAction',
      'revokeInvitationAction',
    ],
    'staff',
    'api_write',
    undefined,
    'user.manage',
  ),
  action(
    'app/(public)/invite/[token]/actions.ts',
    ['acceptInvitationAction'],
    'public',
    'none',
    'Accepting an emailed invitation: the operation checks the token before anything else.',
  ),
];

function action(
  file: string,
  names: string[],
  auth: RouteAuth,
  rateLimit: ManifestEntry['rateLimit'],
  unwrapped?: string,
  permission?: Permission,
): ManifestEntry {
  return {
    path: file,
    kind: 'action',
    methods: names,
    auth,
    rateLimit,
    takesId: false,
    permission,
    unwrapped,
  };
}
