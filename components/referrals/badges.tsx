import { Badge, type BadgeTone } from '@/components/ui/badge';
import { STATUS_LABELS, type ReferralStatus } from '@/lib/referrals/state-machine';

const STATUS_TONES: Record<ReferralStatus, BadgeTone> = {
  draft: 'neutral',
  submitted: 'info',
  received: 'info',
  needs_info: 'warning',
  accepted: 'success',
  declined: 'critical',
  scheduled: 'success',
  in_care: 'success',
  discharged: 'success',
  report_sent: 'success',
  closed: 'neutral',
  cancelled: 'neutral',
  withdrawn: 'neutral',
  client_declined: 'neutral',
  no_show: 'warning',
};

export function StatusBadge({ status }: { status: string }) {
  const s = status as ReferralStatus;

  return <Badge tone={STATUS_TONES[s] ?? 'neutral'}>{STATUS_LABELS[s] ?? status}</Badge>;
}

const URGENCY: Record<string, { tone: BadgeTone; label: string }> = {
  emergency: { tone: 'critical', label: 'Emergency' },
  urgent: { tone: 'warning', label: 'Urgent' },
  routine: { tone: 'neutral', label: 'Routine' },
};

export function UrgencyBadge({ urgency }: { urgency: string }) {
  const u = URGENCY[urgency] ?? { tone: 'neutral' as const, label: urgency };

  return <Badge tone={u.tone}>{u.label}</Badge>;
}

export function OverdueBadge() {
  return <Badge tone="critical">Overdue</Badge>;
}
