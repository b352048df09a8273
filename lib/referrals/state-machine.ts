import type { Permission } from '@/lib/auth/permissions';

/**
 * The referral lifecycle, defined once. Every status change in the app, the API, the
 * seed and the referring vet's link goes through changeReferralStatus(), which refuses
 * anything this table does not list.
 */
export const REFERRAL_STATUSES = [
  'draft',
  'submitted',
  'received',
  'needs_info',
  'accepted',
  'declined',
  'scheduled',
  'in_care',
  'discharged',
  'report_sent',
  'closed',
  'cancelled',
  'withdrawn',
  'client_declined',
  'no_show',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  received: 'Received',
  needs_info: 'Needs info',
  accepted: 'Accepted',
  declined: 'Declined',
  scheduled: 'Scheduled',
  in_care: 'In care',
  discharged: 'Discharged',
  report_sent: 'Report sent',
  closed: 'Closed',
  cancelled: 'Cancelled',
  withdrawn: 'Withdrawn',
  client_declined: 'Client declined',
  no_show: 'No-show',
};

/** States a referral rests in once work on it has stopped; edits need a reopen first. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = [
  'closed',
  'declined',
  'cancelled',
  'withdrawn',
  'client_declined',
  'no_show',
];

/** Input a transition needs beyond the target status. */
export type TransitionField = 'note' | 'declineReason' | 'scheduledAt' | 'clinician' | 'location';

export interface Transition {
  /** Stable name used by forms and the API. */
  action: string;
  label: string;
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  permission: Extract<Permission, 'referral.triage' | 'referral.decide'>;
  required: readonly TransitionField[];
  /** The referring vet may take this step through their link. */
  guest?: boolean;
  /** Email the referring vet about it. */
  notify?: boolean;
}

const PRE_DECISION: readonly ReferralStatus[] = ['submitted', 'received', 'needs_info'];
const OPEN_BEFORE_CARE: readonly ReferralStatus[] = [...PRE_DECISION, 'accepted', 'scheduled'];

export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'submit',
    label: 'Submit',
    from: ['draft'],
    to: 'submitted',
    permission: 'referral.triage',
    required: [],
    guest: true,
  },
  {
    action: 'receive',
    label: 'Mark received',
    from: ['submitted'],
    to: 'received',
    permission: 'referral.triage',
    required: [],
    notify: true,
  },
  {
    action: 'request_info',
    label: 'Ask for information',
    from: ['received'],
    to: 'needs_info',
    permission: 'referral.triage',
    required: ['note'],
    notify: true,
  },
  {
    action: 'info_provided',
    label: 'Information received',
    from: ['needs_info'],
    to: 'received',
    permission: 'referral.triage',
    required: [],
    guest: true,
  },
  {
    action: 'accept',
    label: 'Accept',
    from: ['received'],
    to: 'accepted',
    permission: 'referral.decide',
    required: [],
    notify: true,
  },
  {
    action: 'decline',
    label: 'Decline',
    from: ['received', 'needs_info'],
    to: 'declined',
    permission: 'referral.decide',
    required: ['declineReason'],
    notify: true,
  },
  {
    action: 'schedule',
    label: 'Schedule',
    from: ['accepted'],
    to: 'scheduled',
    permission: 'referral.triage',
    required: ['scheduledAt', 'clinician', 'location'],
    notify: true,
  },
  {
    action: 'reschedule',
    label: 'Reschedule',
    from: ['scheduled'],
    to: 'scheduled',
    permission: 'referral.triage',
    required: ['scheduledAt', 'clinician', 'location'],
    notify: true,
  },
  {
    action: 'admit',
    label: 'Start care',
    from: ['scheduled'],
    to: 'in_care',
    permission: 'referral.decide',
    required: [],
  },
  {
    action: 'discharge',
    label: 'Discharge',
    from: ['in_care'],
    to: 'discharged',
    permission: 'referral.decide',
    required: [],
  },
  {
    action: 'send_report',
    label: 'Report sent',
    from: ['discharged'],
    to: 'report_sent',
    permission: 'referral.decide',
    required: [],
    notify: true,
  },
  {
    action: 'close',
    label: 'Close',
    from: ['report_sent'],
    to: 'closed',
    permission: 'referral.decide',
    required: [],
  },
  {
    action: 'cancel',
    label: 'Cancel',
    from: ['draft', ...OPEN_BEFORE_CARE],
    to: 'cancelled',
    permission: 'referral.triage',
    required: ['note'],
  },
  {
    action: 'withdraw',
    label: 'Withdrawn by referrer',
    from: OPEN_BEFORE_CARE,
    to: 'withdrawn',
    permission: 'referral.triage',
    required: [],
    guest: true,
  },
  {
    action: 'client_decline',
    label: 'Client declined',
    from: ['accepted', 'scheduled'],
    to: 'client_declined',
    permission: 'referral.triage',
    required: ['note'],
  },
  {
    action: 'no_show',
    label: 'No-show',
    from: ['scheduled'],
    to: 'no_show',
    permission: 'referral.triage',
    required: [],
  },
  {
    action: 'reopen',
    label: 'Reopen',
    from: TERMINAL_STATUSES,
    to: 'received',
    permission: 'referral.decide',
    required: ['note'],
  },
];

export function isReferralStatus(value: string): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly string[]).includes(value);
}

export function findTransition(action: string): Transition | undefined {
  return TRANSITIONS.find((t) => t.action === action);
}

/** The transitions that start from `status`, in table order. */
export function transitionsFrom(status: string): Transition[] {
  return TRANSITIONS.filter((t) => (t.from as readonly string[]).includes(status));
}

export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
