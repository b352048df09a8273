export default function InboxLoading() {
  return (
    <p role="status" aria-live="polite">
      Loading referrals…
    </p>
  );
}
