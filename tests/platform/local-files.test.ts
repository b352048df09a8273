import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ensureLocalCertificate } from '@/lib/platform/certificates';
import { ensureLocalSecrets } from '@/lib/platform/secrets';

import { makeTempDir } from './helpers';

let scratch: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  scratch = await makeTempDir('files');
});

afterAll(async () => {
  await scratch.remove();
});

describe('local certificate', () => {
  it('covers localhost, 127.0.0.1 and ::1 with a private key only its owner reads', async () => {
    const paths = await ensureLocalCertificate(path.join(scratch.dir, 'certs'));
    const cert = new X509Certificate(readFileSync(paths.certFile));

    expect(cert.subjectAltName).toBe(
      'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(statSync(paths.keyFile).mode & 0o777).toBe(0o600);
  });

  it('is made once and reused', async () => {
    const dir = path.join(scratch.dir, 'certs');
    const first = readFileSync((await ensureLocalCertificate(dir)).certFile, 'utf8');
    const second = readFileSync((await ensureLocalCertificate(dir)).certFile, 'utf8');

    expect(second).toBe(first);
  });
});

describe('local secrets', () => {
  it('are generated once into a private file and reused', async () => {
    const first = await ensureLocalSecrets(scratch.dir);
    const second = await ensureLocalSecrets(scratch.dir);

    expect(second).toEqual(first);
    expect(Buffer.from(first.DOCUMENT_MASTER_KEY, 'base64')).toHaveLength(32);
    expect(first.ownerPassword).not.toBe(first.appPassword);
    expect(statSync(path.join(scratch.dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('refuse to overwrite a damaged secrets file', async () => {
    const dir = path.join(scratch.dir, 'damaged');
    await ensureLocalSecrets(dir);
    writeFileSync(path.join(dir, 'secrets.json'), '{"SESSION_SECRET":"x"}');

    await expect(ensureLocalSecrets(dir)).rejects.toThrow(/not a valid secrets file/);
  });
});
