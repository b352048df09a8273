'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';

/** Shares a document with the referring vet, or takes it back to staff only. */
export function VisibilityToggle({
  referralId,
  documentId,
  visibility,
  documentName,
}: {
  referralId: string;
  documentId: string;
  visibility: string;
  documentName: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const next = visibility === 'shared' ? 'internal' : 'shared';

  async function toggle() {
    setBusy(true);
    setFailed(false);
    const res = await fetch(`/api/v1/referrals/${referralId}/documents/${documentId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visibility: next }),
    }).catch(() => null);
    setBusy(false);
    if (!res?.ok) return setFailed(true);
    router.refresh();
  }

  return (
    <>
      <Button
        variant="secondary"
        size="small"
        onClick={toggle}
        disabled={busy}
        aria-label={`${next === 'shared' ? 'Share' : 'Stop sharing'} ${documentName}`}
      >
        {next === 'shared' ? 'Share with vet' : 'Make internal'}
      </Button>
      {failed ? <span role="alert">Could not change sharing.</span> : null}
    </>
  );
}
