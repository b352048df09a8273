/**
 * Every write the load attempted and what the client learned. A 2xx is committed (its
 * rows must exist); a 4xx is refused (nothing may exist); anything else, a 5xx, a reset
 * or a timeout, is unknown: the change may or may not have committed, but never by half.
 */
export type Outcome = 'committed' | 'refused' | 'unknown';

export interface WriteRecord {
  kind: 'status' | 'message' | 'upload';
  practiceId: string;
  referralId: string;
  /** The message or document id the app returned with a 2xx. */
  id?: string;
  outcome: Outcome;
  status: number;
}

export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return 'committed';
  if (status >= 400 && status < 500) return 'refused';

  return 'unknown';
}

export class Ledger {
  readonly writes: WriteRecord[] = [];
  /** When the first write was sent; rows older than this belong to the seed. */
  readonly since = new Date();

  record(write: WriteRecord): void {
    this.writes.push(write);
  }

  of(kind: WriteRecord['kind']): WriteRecord[] {
    return this.writes.filter((w) => w.kind === kind);
  }
}
