import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

import { Agent, setGlobalDispatcher } from 'undici';

/**
 * Lets this process's fetch trust the certificate it serves, when that certificate is
 * self-signed (npm start and the test stacks). Next fetches its own origin to stream the
 * page a server action redirects to; Node's fetch refused the self-signed certificate, so
 * every such redirect logged an error and cost the browser a second request. A CA-issued
 * certificate changes nothing: the process keeps Node's own trust store.
 */
export function trustOwnCertificateIfSelfSigned(certPem: Buffer | string): boolean {
  const cert = new X509Certificate(certPem);
  // Not checkIssued(): OpenSSL refuses a leaf (CA:FALSE, no keyCertSign) as its own issuer.
  if (cert.subject !== cert.issuer || !cert.verify(cert.publicKey)) return false;
  // Setting `ca` replaces Node's defaults, so they are listed again, extra CAs included.
  const extra = process.env.NODE_EXTRA_CA_CERTS;
  const ca = [
    ...tls.rootCertificates,
    cert.toString(),
    ...(extra ? [readFileSync(extra, 'utf8')] : []),
  ];
  setGlobalDispatcher(new Agent({ connect: { ca } }));

  return true;
}
