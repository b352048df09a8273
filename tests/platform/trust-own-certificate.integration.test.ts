import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startGatewayServer, type Gateway } from '@/lib/http/gateway';
import { ensureLocalCertificate } from '@/lib/platform/certificates';
import { trustOwnCertificateIfSelfSigned } from '@/lib/platform/trust-own-certificate';

import { makeTempDir } from './helpers';

let scratch: Awaited<ReturnType<typeof makeTempDir>>;
let gateway: Gateway;
let cert: Buffer;

beforeAll(async () => {
  scratch = await makeTempDir('own-cert');
  const certificate = await ensureLocalCertificate(path.join(scratch.dir, 'certs'));
  cert = readFileSync(certificate.certFile);
  gateway = await startGatewayServer({
    host: '127.0.0.1',
    port: 0,
    cert,
    key: readFileSync(certificate.keyFile),
    origin: 'https://localhost:3443',
    handler: (_req, res) => res.end('itself'),
  });
});

afterAll(async () => {
  await gateway?.close();
  await scratch?.remove();
});

describe("the app's own certificate", () => {
  it('lets the process fetch its own self-signed origin, as Next does after a server action redirects', async () => {
    const url = `https://localhost:${gateway.port}/`;
    await expect(fetch(url)).rejects.toThrow();

    expect(trustOwnCertificateIfSelfSigned(cert)).toBe(true);
    const res = await fetch(url);

    expect(await res.text()).toBe('itself');
  });
});
