import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import './globals.css';

// Every page renders per request so Next can stamp the gateway's CSP nonce on its scripts.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'VetLoop', template: '%s · VetLoop' },
  description: 'Referrals between general practices and specialty hospitals.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
