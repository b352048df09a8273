import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

const secretsSchema = z.object({
  SESSION_SECRET: z.string().min(32),
  JWT_KEYS: z.array(z.object({ kid: z.string().min(1), secret: z.string().min(32) })).min(1),
  DOCUMENT_MASTER_KEY: z.string().min(1),
  superuserPassword: z.string().min(16),
  ownerPassword: z.string().min(16),
  appPassword: z.string().min(16),
});

export type LocalSecrets = z.infer<typeof secretsSchema>;

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

/**
 * The embedded default's secrets: generated once into `<dataDir>/secrets.json` (mode 0600)
 * and reused, so sessions, sealed documents and database passwords survive a restart.
 */
export async function ensureLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  const existing = await readExisting(file);
  if (existing) {
    return existing;
  }

  const secrets: LocalSecrets = {
    SESSION_SECRET: token(48),
    JWT_KEYS: [{ kid: `local-${token(6)}`, secret: token(48) }],
    DOCUMENT_MASTER_KEY: randomBytes(32).toString('base64'),
    superuserPassword: token(24),
    ownerPassword: token(24),
    appPassword: token(24),
  };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);

  return secrets;
}

async function readExisting(file: string): Promise<LocalSecrets | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  const parsed = secretsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    // Never regenerate over a damaged file: the database passwords and document key live there.
    throw new Error(
      `${file} is not a valid secrets file; fix or remove it (and the data with it).`,
    );
  }

  return parsed.data;
}
