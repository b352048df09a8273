import https from 'node:https';

/** One HTTP exchange as the wire saw it: no redirects followed, every header kept. */
export interface Exchange {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = unknown>(): T;
  header(name: string): string | undefined;
  setCookies(): string[];
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  /** Another loopback source address (127.0.0.x), so per-IP limits of one test touch no other. */
  localAddress?: string;
}

let trustedCa: string | undefined;

/** The self-signed certificate the harness made; the client trusts only it. */
export function trustCertificate(pem: string): void {
  trustedCa = pem;
}

/** A request to the app over TLS 1.3, to 127.0.0.1 with SNI and Host `localhost`. */
export function request(
  baseUrl: string,
  path: string,
  options: RequestOptions = {},
): Promise<Exchange> {
  const url = new URL(path, baseUrl);

  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: url.port,
        servername: url.hostname,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? 'GET',
        headers: { host: url.host, ...options.headers },
        ca: trustedCa,
        rejectUnauthorized: trustedCa !== undefined,
        minVersion: 'TLSv1.3',
        agent: false,
        localAddress: options.localAddress,
        timeout: options.timeoutMs ?? 20_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: <T>() => JSON.parse(text) as T,
            header: (name) => {
              const v = res.headers[name.toLowerCase()];

              return Array.isArray(v) ? v.join(', ') : v;
            },
            setCookies: () => res.headers['set-cookie'] ?? [],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout: ${options.method ?? 'GET'} ${path}`)));
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
