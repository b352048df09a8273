import { apiRoute } from '@/lib/http/api-route';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';
import { getReferral } from '@/lib/referrals/get-referral';
import { recordReferralView } from '@/lib/referrals/record-referral-view';
import { toReferralDto } from '@/lib/referrals/referral-dto';
import { updateReferral } from '@/lib/referrals/update-referral';
import { updateReferralSchema } from '@/lib/referrals/update-referral.schema';

type Params = { id: string };

const patchSchema = updateReferralSchema.omit({ referralId: true });

export const GET = apiRoute<Params>(
  { permission: 'referral.read' },
  async ({ params, ctx, db }) => {
    const { referral, serviceLevel } = await getReferral(db, ctx, params.id);
    await recordReferralView(db, ctx, referral.id);

    return json({ data: { ...toReferralDto(referral), serviceLevel } });
  },
);

export const PATCH = apiRoute<Params>(
  { permission: 'referral.edit' },
  async ({ req, params, ctx, db }) => {
    const input = await parseJson(req, patchSchema);

    const { referral, changed } = await updateReferral(db, ctx, {
      ...input,
      referralId: params.id,
    });

    return json({ data: toReferralDto(referral), changed });
  },
);
