import { apiRoute } from '@/lib/http/api-route';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';
import { assignReferral } from '@/lib/referrals/assign-referral';
import { assignReferralSchema } from '@/lib/referrals/assign-referral.schema';
import { toReferralDto } from '@/lib/referrals/referral-dto';

type Params = { id: string };

const bodySchema = assignReferralSchema.omit({ referralId: true });

export const PUT = apiRoute<Params>(
  { permission: 'referral.assign' },
  async ({ req, params, ctx, db }) => {
    const input = await parseJson(req, bodySchema);

    const referral = await assignReferral(db, ctx, { ...input, referralId: params.id });

    return json({ data: toReferralDto(referral) });
  },
);
