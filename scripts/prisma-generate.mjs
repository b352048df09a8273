// `prisma generate` only checks that a schema engine file exists; it never runs it, and
// the engine cannot be downloaded here. Point it at this file so generate works offline.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

execFileSync('npx', ['prisma', 'generate'], {
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url) },
});
