import 'server-only';

import { actorId } from '@/lib/auth/actor';
import { diffFields } from '@/lib/audit/diff-fields';
import { recordAuditEvent } from '@/lib/audit/record-event';
import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';
import type { Prisma } from '@/lib/generated/prisma/client';

import { changeStatusSchema, type ChangeStatusInput } from './change-status.schema';
import {
  findPracticeOrThrow,
  lockReferralOrThrow,
  requireClinician,
  type LoadedReferral,
} from './find-referral';
import { notifyReferringVet, type ReferralNotice } from './notify-referring-vet';
import { parseInput } from './parse-input';
import {
  findTransition,
  STATUS_LABELS,
  type ReferralStatus,
  type Transition,
  type TransitionField,
} from './state-machine';
import { zonedLocalToUtc } from './time-zone';
import { requireRolePermission, type WorkflowContext } from './workflow-context';

type Parsed = ReturnType<typeof changeStatusSchema.parse>;

/**
 * Moves a referral along the lifecycle: checks the transition exists from its current
 * status, that the caller may take it and that its fields are given; then writes the
 * referral, the status history, the audit event and (for the steps the referring vet
 * is told about) the email, all in the caller's transaction.
 */
export async function changeReferralStatus(
  db: PracticeDb,
  ctx: WorkflowContext,
  raw: ChangeStatusInput,
) {
  const input = parseInput(changeStatusSchema, raw);
  const transition = findTransition(input.action);
  if (!transition) throw new AppError('validation_failed');

  const before = await lockReferralOrThrow(db, ctx, input.referralId);
  requireStatusMatches(before.status, input.expectedStatus);
  requireTransitionFrom(transition, before.status);
  requireMayTake(ctx, transition);
  requireFields(transition, input);

  const practice = await findPracticeOrThrow(db, ctx);
  const data = await transitionData(db, ctx, transition, input, before, practice.timezone);
  const now = new Date();
  const after = await db.referral.update({
    where: { practiceId_id: { practiceId: ctx.practiceId, id: before.id } },
    data: { ...data, status: transition.to, statusChangedAt: now },
    include: { referringVet: true, referringClinic: true },
  });

  const tracked = { ...data, status: true };
  await db.referralStatusHistory.create({
    data: {
      practiceId: ctx.practiceId,
      referralId: before.id,
      fromStatus: before.status,
      toStatus: transition.to,
      note: input.note ?? (transition.action === 'decline' ? input.declineReason : null) ?? null,
      actorType: ctx.actor.type,
      actorId: actorId(ctx.actor),
      // Distinct instants keep the timeline ordered when one transaction takes two steps.
      createdAt: now,
    },
  });
  await recordAuditEvent(db, ctx, {
    action: 'referral.status_changed',
    entityType: 'referral',
    entityId: before.id,
    changes: diffFields(pick(before, tracked), pick(after, tracked)),
    metadata: { transition: transition.action, from: before.status, to: transition.to },
  });
  if (transition.notify) {
    await notifyReferringVet(db, ctx, after, transition.action as ReferralNotice, practice);
  }

  return after;
}

function requireStatusMatches(current: string, expected: string | undefined): void {
  if (expected && expected !== current) {
    throw new AppError(
      'conflict',
      `This referral is now ${label(current)}; someone changed it while you were looking. Reload to see the latest.`,
    );
  }
}

function requireTransitionFrom(transition: Transition, from: string): void {
  if (!(transition.from as readonly string[]).includes(from)) {
    throw new AppError(
      'invalid_transition',
      `A referral cannot move from ${label(from)} to ${label(transition.to)} (${transition.label}).`,
    );
  }
}

function requireMayTake(ctx: WorkflowContext, transition: Transition): void {
  if (ctx.actor.type === 'guest') {
    if (!transition.guest) throw new AppError('forbidden');

    return;
  }
  requireRolePermission(ctx, transition.permission);
}

const FIELD_INPUT: Record<TransitionField, keyof Parsed> = {
  note: 'note',
  declineReason: 'declineReason',
  scheduledAt: 'scheduledAt',
  clinician: 'clinicianUserId',
  location: 'location',
};

function requireFields(transition: Transition, input: Parsed): void {
  const missing = transition.required
    .map((f) => FIELD_INPUT[f])
    .filter((key) => input[key] === undefined || input[key] === null);
  if (missing.length > 0) {
    throw new AppError('validation_failed', `${transition.label} needs more details.`, {
      fields: missing.map((path) => ({ path, message: 'Required' })),
    });
  }
}

async function transitionData(
  db: PracticeDb,
  ctx: WorkflowContext,
  transition: Transition,
  input: Parsed,
  before: LoadedReferral,
  timeZone: string,
): Promise<Prisma.ReferralUncheckedUpdateInput> {
  switch (transition.to as ReferralStatus) {
    case 'submitted':
      return { submittedAt: before.submittedAt ?? new Date() };
    case 'declined':
      return { declineReason: input.declineReason, declineAlternative: input.declineAlternative };
    case 'scheduled':
      await requireClinician(db, ctx, input.clinicianUserId!, 'clinicianUserId');

      return {
        scheduledAt: readAppointment(input.scheduledAt!, timeZone),
        assigneeUserId: input.clinicianUserId,
        scheduledLocation: input.location,
      };
    case 'received':
      // A reopened decline is no longer a decline; the trail keeps what it said.
      return transition.action === 'reopen'
        ? { declineReason: null, declineAlternative: null }
        : {};
    default:
      return {};
  }
}

function readAppointment(value: string, timeZone: string): Date {
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  const at = hasZone ? new Date(value) : zonedLocalToUtc(value.slice(0, 16), timeZone);
  if (Number.isNaN(at.getTime())) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'scheduledAt', message: 'Not a real date and time' }],
    });
  }

  return at;
}

function pick(row: Record<string, unknown>, keys: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(keys).map((k) => [k, row[k]]));
}

function label(status: string): string {
  return STATUS_LABELS[status as ReferralStatus] ?? status;
}
