import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

import { staffAction } from '@/lib/http/staff-action';
import { TIERS } from '@/lib/rate-limit/tiers';

import { appHeaders, signIn, staffMember } from '../auth/auth-fixtures';

// staffAction reads the request through next/headers, which exists only inside Next; the
// headers handed to it are the ones the real proxy produced for a real session.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({ headers: async () => request.headers }));

let runs = 0;
const touch = staffAction('referral.read', z.strictObject({}), async () => ++runs);

describe('staff server actions', () => {
  beforeAll(async () => {
    const member = await staffMember('clinician');
    request.headers = await appHeaders(await signIn(member.email));
  }, 60_000);

  it('answer rate_limited once the session has spent its writes, and run nothing', async () => {
    const results = [];
    for (let i = 0; i < TIERS.api_write.limit; i++) {
      results.push(await touch({ status: 'idle' }, new FormData()));
    }
    expect(results.every((r) => r.status === 'ok')).toBe(true);

    const refused = await touch({ status: 'idle' }, new FormData());

    expect(refused).toMatchObject({ status: 'error', code: 'rate_limited' });
    expect(runs).toBe(TIERS.api_write.limit);
  }, 60_000);
});
