'use client';

import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

/** Shown when a staff page fails; the digest lets support find the server log line. */
export default function StaffError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert">
      <EmptyState
        title="This page could not be shown"
        action={<Button onClick={reset}>Try again</Button>}
      >
        {error.message === 'You do not have permission to do that.'
          ? 'Your role does not allow this page.'
          : 'Something went wrong on our side.'}
        {error.digest ? ` Reference: ${error.digest}.` : ''}
      </EmptyState>
    </div>
  );
}
