/**
 * The real app (Next behind the TLS gateway from server.ts) for the security suite, in its
 * own process so Next never loads inside the test runner. Prints `READY <url>` once
 * listening; stops on SIGTERM.
 */
import path from 'node:path';

import { parseEnv } from '@/lib/env';

import { startGateway } from '../../../server';

const root = path.resolve(import.meta.dirname, '../../..');
const app = await startGateway(parseEnv(process.env), { dir: root });
process.stdout.write(`READY ${app.url}\n`);

const stop = () => {
  app.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
