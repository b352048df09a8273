import { describe, expect, it } from 'vitest';

import { renderReport } from './render-report';

describe('renderReport', () => {
  const heading = {
    practiceName: 'Northside Referrals',
    reference: 'VL-1234',
    patientName: 'Biscuit',
    species: 'Dog',
    referringVetName: 'Dr Vet',
    authorLabel: 'Dr Kim Lee',
    sentAt: new Date('2026-12-03T10:00:00Z'),
  };

  it('renders every section in order, marking empty ones, with normalised line ends', () => {
    const text = renderReport(
      {
        kind: 'discharge',
        findings: 'Murmur.\r\nNo arrhythmia.',
        diagnosis: 'MMVD B1',
        treatment: '',
        recommendations: 'Recheck in 6 months.',
      },
      heading,
    );

    expect(text.startsWith('Discharge report — Northside Referrals\n')).toBe(true);
    expect(text).toContain('Patient:       Biscuit (Dog)\n');
    expect(text).toContain('Date:          2026-12-03\n');
    expect(text).toContain('Findings\n--------\nMurmur.\nNo arrhythmia.\n');
    expect(text).toContain('Treatment\n---------\n(none)\n');
    expect(text.indexOf('Diagnosis')).toBeLessThan(
      text.indexOf('Recommendations for the referring vet'),
    );
    expect(text).not.toContain('\r');
  });
});
