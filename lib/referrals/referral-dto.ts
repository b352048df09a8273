import type { LoadedReferral } from './find-referral';
import type { ReferralListItem } from './list-referrals';

/** The API's shape of a referral: grouped, ISO dates, no internal columns. */
export function toReferralDto(r: LoadedReferral) {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    urgency: r.urgency,
    service: r.service,
    patient: {
      name: r.patientName,
      species: r.species,
      breed: r.breed,
      sex: r.sex,
      dateOfBirth: r.dateOfBirth ? r.dateOfBirth.toISOString().slice(0, 10) : null,
      weightKg: r.weightKg === null ? null : Number(r.weightKg),
    },
    owner: { name: r.ownerName, phone: r.ownerPhone, email: r.ownerEmail, consent: r.ownerConsent },
    referringVet: {
      id: r.referringVet.id,
      name: r.referringVet.name,
      email: r.referringVet.email,
      clinic: { id: r.referringClinic.id, name: r.referringClinic.name },
    },
    reason: r.reason,
    history: r.history,
    medications: r.medications,
    assigneeUserId: r.assigneeUserId,
    decline: r.declineReason
      ? { reason: r.declineReason, alternative: r.declineAlternative }
      : null,
    appointment: r.scheduledAt
      ? { at: r.scheduledAt.toISOString(), location: r.scheduledLocation }
      : null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    statusChangedAt: r.statusChangedAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toListItemDto(i: ReferralListItem) {
  return {
    id: i.id,
    reference: i.reference,
    status: i.status,
    urgency: i.urgency,
    service: i.service,
    patientName: i.patientName,
    species: i.species,
    ownerName: i.ownerName,
    referringVetName: i.vetName,
    referringClinic: { id: i.clinicId, name: i.clinicName },
    assignee: i.assigneeUserId ? { id: i.assigneeUserId, name: i.assigneeName } : null,
    createdAt: i.createdAt.toISOString(),
    statusChangedAt: i.statusChangedAt.toISOString(),
    dueAt: i.dueAt?.toISOString() ?? null,
    overdue: i.overdue,
    unreadMessages: i.unread,
  };
}
