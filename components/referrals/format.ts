/** Dates are shown in the practice's zone, so everyone at the hospital reads the same time. */
export function formatDateTime(date: Date | null | undefined, timeZone: string): string {
  if (!date) return '—';

  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatDate(date: Date | null | undefined, timeZone = 'UTC'): string {
  if (!date) return '—';

  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(date);
}

/** Age from a date of birth, in years (or months for the young). */
export function formatAge(dob: Date | null, now = new Date()): string | null {
  if (!dob) return null;
  const months =
    (now.getUTCFullYear() - dob.getUTCFullYear()) * 12 +
    (now.getUTCMonth() - dob.getUTCMonth()) -
    (now.getUTCDate() < dob.getUTCDate() ? 1 : 0);
  if (months < 0) return null;
  if (months < 24) return `${months} month${months === 1 ? '' : 's'}`;

  return `${Math.floor(months / 12)} years`;
}

/** datetime-local value for a date in a zone (for prefilling the schedule form). */
export function toLocalInput(date: Date | null, timeZone: string): string {
  if (!date) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );

  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

export const SEX_LABELS: Record<string, string> = {
  male: 'Male',
  female: 'Female',
  male_neutered: 'Male (neutered)',
  female_spayed: 'Female (spayed)',
  unknown: 'Unknown',
};
