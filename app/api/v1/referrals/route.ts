import { apiRoute } from '@/lib/http/api-route';
import { parseJson, parseQuery } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';
import { createReferral } from '@/lib/referrals/create-referral';
import { createReferralSchema } from '@/lib/referrals/create-referral.schema';
import { listReferrals } from '@/lib/referrals/list-referrals';
import { listReferralsSchema } from '@/lib/referrals/list-referrals.schema';
import { toListItemDto, toReferralDto } from '@/lib/referrals/referral-dto';

export const GET = apiRoute({ permission: 'referral.read' }, async ({ req, ctx, db }) => {
  const query = parseQuery(req.url, listReferralsSchema);

  const page = await listReferrals(db, ctx, query);

  return json({
    data: page.items.map(toListItemDto),
    nextCursor: page.nextCursor,
    countsByStatus: page.countsByStatus,
  });
});

export const POST = apiRoute({ permission: 'referral.create' }, async ({ req, ctx, db }) => {
  const input = await parseJson(req, createReferralSchema);

  const referral = await createReferral(db, ctx, input);

  return json({ data: toReferralDto(referral) }, { status: 201 });
});
