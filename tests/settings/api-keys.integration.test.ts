import { describe, expect, it } from 'vitest';

import { createApiKey } from '@/lib/auth/create-api-key';
import { exchangeApiKey } from '@/lib/auth/exchange-api-key';
import { listApiKeys } from '@/lib/auth/list-api-keys';
import { revokeApiKey } from '@/lib/auth/revoke-api-key';
import { apiRoute } from '@/lib/http/api-route';
import { json } from '@/lib/http/respond';

import { meta, ORIGIN, staffMember } from '../auth/auth-fixtures';
import { asStaff, signedInStaff } from './helpers';

const readRoute = apiRoute({ permission: 'referral.read', rateLimit: false }, async ({ ctx }) =>
  json({ principal: ctx.principal }),
);

function callWith(accessToken: string) {
  return readRoute(
    new Request(`${ORIGIN}/api/v1/referrals`, {
      headers: { authorization: `Bearer ${accessToken}`, 'x-request-id': 'r-key' },
    }),
  );
}

describe('API keys from the settings page', () => {
  it('stops a revoked key and the token it already obtained at once', async () => {
    const admin = (await signedInStaff((await staffMember('admin')).email)).staff;
    const key = await asStaff(admin, (db) =>
      createApiKey(db, admin, {
        name: 'PMS sync',
        role: 'read_only',
        scopes: ['referral.read'],
        expiresInDays: 30,
      }),
    );
    const { access_token } = await exchangeApiKey(key.secret, meta());
    expect((await callWith(access_token)).status).toBe(200);
    const listed = await asStaff(admin, (db) => listApiKeys(db, admin.practiceId));
    expect(listed[0]).toMatchObject({ id: key.id, prefix: key.secret.slice(4, 12) });
    expect(listed[0]?.lastUsedAt).toBeInstanceOf(Date);

    await asStaff(admin, (db) => revokeApiKey(db, admin, key.id));

    const refused = await callWith(access_token);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: { code: 'unauthenticated', message: 'Sign in to continue.', requestId: 'r-key' },
    });
    await expect(exchangeApiKey(key.secret, meta())).rejects.toMatchObject({
      code: 'unauthenticated',
    });
  });
});
