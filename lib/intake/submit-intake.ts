import 'server-only';

import type { PracticeContext, RequestMeta } from '@/lib/auth/actor';
import { recordAuditEvent } from '@/lib/audit/record-event';
import { withPractice, type PracticeDb } from '@/lib/db/with-practice';
import { createDocument } from '@/lib/documents/create-document';
import type { DocumentDeps } from '@/lib/documents/deps';
import { AppError } from '@/lib/http/errors';
import { issueReferralLink } from '@/lib/links/issue-referral-link';
import { resolveIntakeLinkOrThrow, type IntakeLinkTarget } from '@/lib/links/resolve-intake-link';
import { requireWithinLimit } from '@/lib/rate-limit/limit';
import { createReferral } from '@/lib/referrals/create-referral';
import { parseInput } from '@/lib/referrals/parse-input';

import {
  discardAttachments,
  requireWithinAttachmentLimits,
  storeAttachments,
  type Attachment,
} from './attachments';
import { flagPossibleDuplicates } from './find-possible-duplicates';
import { checkFormStamp } from './form-stamp';
import { intakeFieldsSchema, type IntakeFields } from './submit-intake.schema';

export interface IntakeSubmission {
  token: string;
  fields: Record<string, string>;
  stamp: string | undefined;
  honeypot: string | undefined;
  files: Attachment[];
  meta: RequestMeta;
}

export interface IntakeResult {
  reference: string;
  trackingUrl: string;
  vetEmail: string;
}

/**
 * A referring vet's submission through a practice's public intake link. Abuse checks
 * come first (rate limits per IP and per link, honeypot, the signed time-to-submit
 * stamp), then validation, then the files are sealed, and finally the clinic, vet,
 * referral (as Submitted), documents, duplicate flags and the tracking link are written
 * in ONE transaction: any error leaves nothing behind, files included.
 */
export async function submitIntake(
  submission: IntakeSubmission,
  deps?: DocumentDeps,
): Promise<IntakeResult> {
  await requireWithinLimit('intake_ip', submission.meta.ip ?? 'unknown');
  const target = await resolveIntakeLinkOrThrow(submission.token);
  await requireWithinLimit('intake_link', target.linkId);
  requireHuman(submission, target);

  const fields = parseInput(intakeFieldsSchema, {
    ...submission.fields,
    ...(target.service ? { service: target.service } : {}),
  });
  requireWithinAttachmentLimits(submission.files);
  const stored = await storeAttachments(target.practiceId, submission.files, deps);
  try {
    return await withPractice(target.practiceId, (db) =>
      recordSubmission(db, guestOf(target, fields, submission.meta), target, fields, stored),
    );
  } catch (error) {
    await discardAttachments(stored, deps);
    throw error;
  }
}

function requireHuman(submission: IntakeSubmission, target: IntakeLinkTarget): void {
  if (submission.honeypot && submission.honeypot.trim() !== '') {
    throw new AppError('bad_request', 'We could not accept this form. Please try again.');
  }
  const stamp = checkFormStamp(submission.stamp, target.linkId);
  if (stamp === 'too_fast') {
    throw new AppError(
      'bad_request',
      'That was sent very quickly. Please check the form and send it again.',
    );
  }
  if (stamp !== 'ok') {
    throw new AppError('bad_request', 'This form has expired. Please check it and send it again.');
  }
}

function guestOf(
  target: IntakeLinkTarget,
  fields: IntakeFields,
  meta: RequestMeta,
): PracticeContext {
  return {
    practiceId: target.practiceId,
    actor: { type: 'guest', linkId: target.linkId, label: fields.vetEmail },
    request: meta,
  };
}

async function recordSubmission(
  db: PracticeDb,
  ctx: PracticeContext,
  target: IntakeLinkTarget,
  fields: IntakeFields,
  stored: Awaited<ReturnType<typeof storeAttachments>>,
): Promise<IntakeResult> {
  const referral = await createReferral(db, ctx, {
    status: 'submitted',
    urgency: fields.urgency,
    service: fields.service,
    patientName: fields.patientName,
    species: fields.species,
    breed: fields.breed,
    sex: fields.sex,
    dateOfBirth: fields.dateOfBirth ?? approximateBirthDate(fields.ageYears),
    weightKg: fields.weightKg ?? undefined,
    ownerName: fields.ownerName,
    ownerPhone: fields.ownerPhone,
    ownerEmail: fields.ownerEmail,
    ownerConsent: true,
    reason: fields.reason,
    history: fields.history,
    medications: fields.medications,
    referringVet: {
      clinicName: fields.clinicName,
      name: fields.vetName,
      email: fields.vetEmail,
      phone: fields.vetPhone,
    },
  });
  for (const file of stored) {
    await createDocument(db, ctx, {
      referralId: referral.id,
      filename: file.name,
      visibility: 'shared',
      kind: 'record',
      stored: file.stored,
    });
  }
  const duplicates = await flagPossibleDuplicates(db, ctx, referral);
  const link = await issueReferralLink(db, ctx, { referralId: referral.id });
  await recordAuditEvent(db, ctx, {
    action: 'intake.submitted',
    entityType: 'referral',
    entityId: referral.id,
    metadata: {
      intakeLinkId: target.linkId,
      trackingLinkId: link.linkId,
      attachments: stored.length,
      possibleDuplicateOf: duplicates,
    },
  });

  return { reference: referral.reference, trackingUrl: link.trackingUrl, vetEmail: link.email };
}

/** "About 4 years old" becomes a birth date that many years ago, for the record's age. */
function approximateBirthDate(ageYears: number | undefined): string | undefined {
  if (ageYears === undefined) return undefined;
  const date = new Date(Date.now() - ageYears * 365.25 * 86_400_000);

  return date.toISOString().slice(0, 10);
}
