/** Runs once when the server process starts: the mail outbox and the orphan-file sweep. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startOutboxWorker } = await import('./lib/mail/deliver-outbox');
  startOutboxWorker();
  // After the outbox, whose stop function it chains.
  const { startOrphanSweeper } = await import('./lib/documents/sweep-orphan-files');
  startOrphanSweeper();
}
