export default function DashboardLoading() {
  return (
    <p role="status" aria-live="polite">
      Loading the dashboard…
    </p>
  );
}
