import type { LoadedReferral } from '@/lib/referrals/find-referral';

import { formatAge, formatDate, formatDateTime, SEX_LABELS } from './format';
import styles from './referral.module.css';

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children === null || children === undefined || children === '' ? '—' : children}</dd>
    </>
  );
}

export function ReferralDetails({
  referral: r,
  timeZone,
  assigneeName,
}: {
  referral: LoadedReferral;
  timeZone: string;
  assigneeName: string | null;
}) {
  const age = formatAge(r.dateOfBirth);

  return (
    <>
      <h3 className={styles.sectionTitle}>Patient</h3>
      <dl className={styles.details}>
        <Row term="Name">{r.patientName}</Row>
        <Row term="Species / breed">{[r.species, r.breed].filter(Boolean).join(' · ')}</Row>
        <Row term="Sex">{r.sex ? SEX_LABELS[r.sex] : null}</Row>
        <Row term="Date of birth">
          {r.dateOfBirth ? `${formatDate(r.dateOfBirth)}${age ? ` (${age})` : ''}` : null}
        </Row>
        <Row term="Weight">{r.weightKg !== null ? `${Number(r.weightKg)} kg` : null}</Row>
      </dl>
      <h3 className={styles.sectionTitle}>Owner</h3>
      <dl className={styles.details}>
        <Row term="Name">{r.ownerName}</Row>
        <Row term="Phone">{r.ownerPhone}</Row>
        <Row term="Email">{r.ownerEmail}</Row>
        <Row term="Consent">{r.ownerConsent ? 'Given' : 'Not recorded'}</Row>
      </dl>
      <h3 className={styles.sectionTitle}>Referred by</h3>
      <dl className={styles.details}>
        <Row term="Vet">{r.referringVet.name}</Row>
        <Row term="Clinic">{r.referringClinic.name}</Row>
        <Row term="Email">{r.referringVet.email}</Row>
        <Row term="Phone">{r.referringVet.phone ?? r.referringClinic.phone}</Row>
      </dl>
      <h3 className={styles.sectionTitle}>Referral</h3>
      <dl className={styles.details}>
        <Row term="Service">{r.service}</Row>
        <Row term="Reason">{r.reason}</Row>
        <Row term="History">{r.history}</Row>
        <Row term="Medications">{r.medications}</Row>
        <Row term="Assigned to">{assigneeName}</Row>
        {r.scheduledAt ? (
          <Row term="Appointment">
            {formatDateTime(r.scheduledAt, timeZone)}
            {r.scheduledLocation ? ` · ${r.scheduledLocation}` : ''}
          </Row>
        ) : null}
        {r.declineReason ? <Row term="Declined because">{r.declineReason}</Row> : null}
        {r.declineAlternative ? <Row term="Suggested instead">{r.declineAlternative}</Row> : null}
        <Row term="Submitted">{formatDateTime(r.submittedAt, timeZone)}</Row>
      </dl>
    </>
  );
}
