import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import selfsigned from 'selfsigned';

export interface CertificatePaths {
  certFile: string;
  keyFile: string;
}

const VALID_DAYS = 825;
const RENEW_WITHIN_DAYS = 30;

/**
 * A self-signed certificate for localhost (DNS:localhost, IP:127.0.0.1, IP:::1), made once
 * in `dir` and reused on later starts until it is within a month of expiring. The same
 * certificate serves HTTPS and the embedded Postgres; clients trust it as its own CA.
 */
export async function ensureLocalCertificate(dir: string): Promise<CertificatePaths> {
  const paths = {
    certFile: path.join(dir, 'localhost.crt'),
    keyFile: path.join(dir, 'localhost.key'),
  };
  if (await isUsable(paths)) {
    return paths;
  }

  await mkdir(dir, { recursive: true });
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALID_DAYS * 86_400_000);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  // Key first, private from the moment it exists; the certificate's presence marks completion.
  await writeFile(paths.keyFile, pems.private, { mode: 0o600 });
  await chmod(paths.keyFile, 0o600);
  await writeFile(paths.certFile, pems.cert, { mode: 0o644 });

  return paths;
}

async function isUsable(paths: CertificatePaths): Promise<boolean> {
  try {
    const [cert] = await Promise.all([readFile(paths.certFile), readFile(paths.keyFile)]);
    const expires = new Date(new X509Certificate(cert).validTo).getTime();

    return expires - Date.now() > RENEW_WITHIN_DAYS * 86_400_000;
  } catch {
    return false;
  }
}
