export default function ReferralLoading() {
  return (
    <p role="status" aria-live="polite">
      Loading referral…
    </p>
  );
}
