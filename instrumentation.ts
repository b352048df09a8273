/** Runs once when the server process starts: the mail outbox worker lives here. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startOutboxWorker } = await import('./lib/mail/deliver-outbox');
  startOutboxWorker();
}
