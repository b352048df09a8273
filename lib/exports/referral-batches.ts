import 'server-only';

import { withPractice } from '@/lib/db/with-practice';

export const BATCH_SIZE = 200;

export interface ExportedHistory {
  at: string;
  from: string | null;
  to: string;
  actorType: string;
  actorId: string | null;
  note: string | null;
}

export const REFERRAL_COLUMNS = [
  'reference',
  'status',
  'urgency',
  'service',
  'patientName',
  'species',
  'breed',
  'sex',
  'dateOfBirth',
  'weightKg',
  'ownerName',
  'ownerPhone',
  'ownerEmail',
  'ownerConsent',
  'referringClinic',
  'referringVet',
  'referringVetEmail',
  'reason',
  'history',
  'medications',
  'assigneeEmail',
  'declineReason',
  'declineAlternative',
  'scheduledAt',
  'scheduledLocation',
  'submittedAt',
  'statusChangedAt',
  'createdAt',
  'updatedAt',
] as const;

export type ExportedReferral = {
  [K in (typeof REFERRAL_COLUMNS)[number]]: string | number | boolean | null;
} & { statusHistory: ExportedHistory[] };

export interface Cursor {
  createdAt: Date;
  id: string;
}

/**
 * One page of the practice's referrals in creation order, with names resolved and the
 * status history attached. Each page is its own short transaction, so a large export
 * never holds one open for the whole download.
 */
export async function loadReferralBatch(
  practiceId: string,
  after: Cursor | null,
): Promise<{ rows: ExportedReferral[]; next: Cursor | null }> {
  return withPractice(practiceId, async (db) => {
    const referrals = await db.referral.findMany({
      where: {
        practiceId,
        ...(after
          ? {
              OR: [
                { createdAt: { gt: after.createdAt } },
                { createdAt: after.createdAt, id: { gt: after.id } },
              ],
            }
          : {}),
      },
      include: {
        referringClinic: { select: { name: true } },
        referringVet: { select: { name: true, email: true } },
        assignee: { select: { user: { select: { email: true } } } },
        statusHistory: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: BATCH_SIZE,
    });
    const last = referrals.at(-1);

    return {
      rows: referrals.map(toExported),
      next:
        referrals.length === BATCH_SIZE && last ? { createdAt: last.createdAt, id: last.id } : null,
    };
  });
}

/** The columns toExported() reads from a referral loaded with its relations. */
interface LoadedReferral {
  reference: string;
  status: string;
  urgency: string;
  service: string;
  patientName: string;
  species: string;
  breed: string | null;
  sex: string | null;
  dateOfBirth: Date | null;
  weightKg: { toString(): string } | null;
  ownerName: string;
  ownerPhone: string | null;
  ownerEmail: string | null;
  ownerConsent: boolean;
  reason: string;
  history: string | null;
  medications: string | null;
  declineReason: string | null;
  declineAlternative: string | null;
  scheduledAt: Date | null;
  scheduledLocation: string | null;
  submittedAt: Date | null;
  statusChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  referringClinic: { name: string };
  referringVet: { name: string; email: string };
  assignee: { user: { email: string } } | null;
  statusHistory: {
    createdAt: Date;
    fromStatus: string | null;
    toStatus: string;
    actorType: string;
    actorId: string | null;
    note: string | null;
  }[];
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

function toExported(r: LoadedReferral): ExportedReferral {
  return {
    reference: r.reference,
    status: r.status,
    urgency: r.urgency,
    service: r.service,
    patientName: r.patientName,
    species: r.species,
    breed: r.breed,
    sex: r.sex,
    dateOfBirth: r.dateOfBirth ? r.dateOfBirth.toISOString().slice(0, 10) : null,
    weightKg: r.weightKg ? Number(r.weightKg.toString()) : null,
    ownerName: r.ownerName,
    ownerPhone: r.ownerPhone,
    ownerEmail: r.ownerEmail,
    ownerConsent: r.ownerConsent,
    referringClinic: r.referringClinic.name,
    referringVet: r.referringVet.name,
    referringVetEmail: r.referringVet.email,
    reason: r.reason,
    history: r.history,
    medications: r.medications,
    assigneeEmail: r.assignee?.user.email ?? null,
    declineReason: r.declineReason,
    declineAlternative: r.declineAlternative,
    scheduledAt: iso(r.scheduledAt),
    scheduledLocation: r.scheduledLocation,
    submittedAt: iso(r.submittedAt),
    statusChangedAt: iso(r.statusChangedAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
    statusHistory: r.statusHistory.map((h) => ({
      at: h.createdAt.toISOString(),
      from: h.fromStatus,
      to: h.toStatus,
      actorType: h.actorType,
      actorId: h.actorId,
      note: h.note,
    })),
  };
}
