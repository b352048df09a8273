import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { createPractice } from '../helpers/factories';

import { recordEvents, tamper, userContext } from './helpers';

const run = promisify(execFile);

async function auditVerify(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('node', ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });

    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };

    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('npm run audit:verify', () => {
  it('exits 0 on intact chains and 1 naming the practice and seq once a row is altered', async () => {
    const a = await createPractice();
    const b = await createPractice();
    await recordEvents(userContext(a.id), 3);
    await recordEvents(userContext(b.id), 2);

    const clean = await auditVerify();
    expect(clean.code).toBe(0);
    expect(clean.out).toContain('every chain is intact');

    await tamper(
      ["UPDATE audit_events SET entity_id = 'x' WHERE practice_id = $1 AND seq = 2"],
      [b.id],
    );
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN  practice ${b.id}: first break at seq 2 (altered)`);
    expect(broken.out).toContain(`ok      practice ${a.id}: 3 events`);
  }, 60_000);
});
