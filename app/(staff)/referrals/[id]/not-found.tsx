import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export default function ReferralNotFound() {
  return (
    <EmptyState
      title="Referral not found"
      action={<LinkButton href="/inbox">Back to the inbox</LinkButton>}
    >
      It may have been mistyped, or it belongs to another practice.
    </EmptyState>
  );
}
