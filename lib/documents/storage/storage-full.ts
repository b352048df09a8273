import { someInChain } from '@/lib/http/error-chain';

const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** The document store's disk (or quota) is full: nothing is wrong with the upload itself. */
export function isStorageFull(error: unknown): boolean {
  return someInChain(error, isStorageFullNode);
}

export function isStorageFullNode(node: Record<string, unknown>): boolean {
  return typeof node.code === 'string' && FULL.has(node.code);
}
