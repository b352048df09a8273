/**
 * The role-by-action table, defined once. Every route handler and server action checks
 * exactly one of these permissions through the shared wrapper; tests walk the table.
 */
export const ROLES = ['owner', 'admin', 'clinician', 'nurse', 'front_desk', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['owner', 'admin', 'clinician', 'nurse', 'front_desk'];
const CLINICAL: readonly Role[] = ['owner', 'admin', 'clinician'];
const ADMINS: readonly Role[] = ['owner', 'admin'];

export const PERMISSIONS = {
  'referral.read': ALL,
  'referral.create': STAFF,
  'referral.edit': STAFF,
  'referral.assign': ['owner', 'admin', 'clinician', 'front_desk'],
  /** Intake steps: receive, ask for information, schedule, cancel on the owner's behalf. */
  'referral.triage': STAFF,
  /** Clinical decisions: accept, decline, admit, discharge, send the report, close, reopen. */
  'referral.decide': CLINICAL,
  'message.read': ALL,
  'message.post': STAFF,
  'note.post': STAFF,
  'document.read': ALL,
  'document.upload': STAFF,
  'report.write': CLINICAL,
  'link.manage': STAFF,
  'audit.read': ADMINS,
  'audit.export': ADMINS,
  'data.export': ADMINS,
  'practice.manage': ADMINS,
  'user.manage': ADMINS,
  'session.manage': ADMINS,
  'apikey.manage': ADMINS,
  'security.manage': ADMINS,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
