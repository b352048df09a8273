import { apiRoute } from '@/lib/http/api-route';
import { parseJson } from '@/lib/http/parse';
import { json } from '@/lib/http/respond';
import { changeReferralStatus } from '@/lib/referrals/change-status';
import { changeStatusSchema } from '@/lib/referrals/change-status.schema';
import { toReferralDto } from '@/lib/referrals/referral-dto';

type Params = { id: string };

const bodySchema = changeStatusSchema.omit({ referralId: true });

// referral.triage opens the door; the transition table then requires the step's own
// permission (referral.decide for accept, decline, admit, discharge, report, close, reopen).
export const POST = apiRoute<Params>(
  { permission: 'referral.triage' },
  async ({ req, params, ctx, db }) => {
    const input = await parseJson(req, bodySchema);

    const referral = await changeReferralStatus(db, ctx, { ...input, referralId: params.id });

    return json({ data: toReferralDto(referral) });
  },
);
