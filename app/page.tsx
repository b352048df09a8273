import Link from 'next/link';

export default function HomePage() {
  return (
    <main style={{ maxWidth: 640, margin: '10vh auto', padding: '0 1.5rem' }}>
      <h1>VetLoop</h1>
      <p>Referrals between general practices and specialty hospitals, with every step on record.</p>
      <p>
        <Link href="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
