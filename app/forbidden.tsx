import { LinkButton } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Rendered with status 403 when a signed-in user's role does not allow a page. */
export default function Forbidden() {
  return (
    <EmptyState
      title="Your role does not allow this page"
      action={<LinkButton href="/dashboard">Back to the dashboard</LinkButton>}
    >
      Ask an admin of your practice if you need access.
    </EmptyState>
  );
}
