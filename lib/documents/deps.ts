import 'server-only';

import { getDocumentKeyring, type Keyring } from './keyring';
import { getDocumentStorage } from './storage/get-storage';
import type { DocumentStorage } from './storage/types';

/** Keys and store, injectable so tests can rotate keys or use a scratch folder. */
export interface DocumentDeps {
  keyring?: Keyring;
  storage?: DocumentStorage;
}

export function resolveDeps(deps: DocumentDeps = {}): Required<DocumentDeps> {
  return {
    keyring: deps.keyring ?? getDocumentKeyring(),
    storage: deps.storage ?? getDocumentStorage(),
  };
}
