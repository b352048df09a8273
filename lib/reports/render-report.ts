export interface RenderableReport {
  kind: string;
  findings: string;
  diagnosis: string;
  treatment: string;
  recommendations: string;
}

export interface ReportHeading {
  practiceName: string;
  reference: string;
  patientName: string;
  species: string;
  referringVetName: string;
  authorLabel: string;
  sentAt: Date;
}

const TITLES: Record<string, string> = {
  consult: 'Consultation report',
  discharge: 'Discharge report',
};

/**
 * The report as the plain-text document that is sealed and shared with the referring
 * vet. Plain text on purpose: nothing in it can execute, and any client can open it.
 */
export function renderReport(report: RenderableReport, heading: ReportHeading): string {
  const title = TITLES[report.kind] ?? 'Report';
  const lines = [
    `${title} — ${heading.practiceName}`,
    '='.repeat(Math.min(72, title.length + heading.practiceName.length + 3)),
    '',
    `Referral:      ${heading.reference}`,
    `Patient:       ${heading.patientName} (${heading.species})`,
    `Referring vet: ${heading.referringVetName}`,
    `Written by:    ${heading.authorLabel}`,
    `Date:          ${heading.sentAt.toISOString().slice(0, 10)}`,
    '',
  ];
  const sections: [string, string][] = [
    ['Findings', report.findings],
    ['Diagnosis', report.diagnosis],
    ['Treatment', report.treatment],
    ['Recommendations for the referring vet', report.recommendations],
  ];
  for (const [name, text] of sections) {
    lines.push(name, '-'.repeat(name.length), text.trim() || '(none)', '');
  }

  return `${lines.join('\n').replace(/\r\n?/g, '\n')}\n`;
}
