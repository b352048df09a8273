/**
 * Walks an error, its `cause`s and Prisma's `meta.driverAdapterError` a few levels deep,
 * and says whether any of them passes `test`. Infrastructure errors reach the app wrapped
 * (Prisma wraps pg's, our stores wrap fs's), so classifying them means looking inside.
 */
export function someInChain(
  error: unknown,
  test: (node: Record<string, unknown>) => boolean,
  depth = 0,
): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const node = error as Record<string, unknown>;
  if (test(node)) return true;
  const meta = node.meta as Record<string, unknown> | undefined;
  for (const next of [node.cause, meta?.driverAdapterError, node.originalError]) {
    if (next !== undefined && someInChain(next, test, depth + 1)) return true;
  }

  return false;
}

/** The code and message of the innermost error in the chain that passes `test`. */
export function innermostMatch(
  error: unknown,
  test: (node: Record<string, unknown>) => boolean,
): { code?: string; message?: string } {
  let found: { code?: string; message?: string } = {};
  someInChain(error, (node) => {
    if (test(node)) {
      found = {
        code: typeof node.code === 'string' ? node.code : undefined,
        message: typeof node.message === 'string' ? node.message.slice(0, 200) : undefined,
      };
    }

    return false;
  });

  return found;
}
