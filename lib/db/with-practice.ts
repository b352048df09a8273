import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

import type { Prisma } from '@/lib/generated/prisma/client';

import { getRootClient } from './client';

/** A Prisma client bound to one transaction in which one practice is set. */
export type PracticeDb = Prisma.TransactionClient;

interface Scope {
  practiceId: string;
  db: PracticeDb;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const scopes = new AsyncLocalStorage<Scope>();

export interface WithPracticeOptions {
  /** The signed-in user, so that row-level security admits their own user row. */
  userId?: string;
  /** Milliseconds; interactive transactions that run longer are rolled back. */
  timeout?: number;
}

/**
 * The one way application code reaches tenant tables. Opens a transaction, sets the
 * practice (and user) as transaction-local settings, which Postgres's row-level
 * security policies read, and hands `fn` a client bound to that transaction. Because
 * the settings are local to the transaction they vanish at commit or rollback, so a
 * pooled connection never carries one practice into the next request.
 *
 * Nested calls for the same practice join the outer transaction; a nested call for
 * another practice is a programming error and throws.
 */
export async function withPractice<T>(
  practiceId: string,
  fn: (db: PracticeDb) => Promise<T>,
  options: WithPracticeOptions = {},
): Promise<T> {
  requireUuid(practiceId, 'practiceId');
  if (options.userId !== undefined) requireUuid(options.userId, 'userId');

  const outer = scopes.getStore();
  if (outer) {
    if (outer.practiceId !== practiceId) {
      throw new Error('withPractice: nested call for a different practice');
    }

    return fn(outer.db);
  }

  return getRootClient().$transaction(
    async (db) => {
      await db.$executeRaw`SELECT set_config('app.practice_id', ${practiceId}, true),
                                  set_config('app.user_id', ${options.userId ?? ''}, true)`;

      return scopes.run({ practiceId, db }, () => fn(db));
    },
    { timeout: options.timeout ?? 10_000, maxWait: 5_000 },
  );
}

/** The practice of the enclosing withPractice() call, if any. */
export function currentPracticeId(): string | undefined {
  return scopes.getStore()?.practiceId;
}

function requireUuid(value: string, name: string): void {
  if (!UUID.test(value)) throw new Error(`withPractice: ${name} is not a UUID`);
}
