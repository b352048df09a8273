import type { LoadedReferral } from '@/lib/referrals/find-referral';

import type { EditableReferral } from './edit-referral-form';

/** The edit form's initial values: plain strings a client component can take. */
export function toEditableReferral(r: LoadedReferral): EditableReferral {
  return {
    id: r.id,
    updatedAt: r.updatedAt.toISOString(),
    urgency: r.urgency,
    service: r.service,
    patientName: r.patientName,
    species: r.species,
    breed: r.breed ?? '',
    sex: r.sex ?? '',
    dateOfBirth: r.dateOfBirth ? r.dateOfBirth.toISOString().slice(0, 10) : '',
    weightKg: r.weightKg === null ? '' : String(r.weightKg),
    ownerName: r.ownerName,
    ownerPhone: r.ownerPhone ?? '',
    ownerEmail: r.ownerEmail ?? '',
    ownerConsent: r.ownerConsent,
    reason: r.reason,
    history: r.history ?? '',
    medications: r.medications ?? '',
  };
}
