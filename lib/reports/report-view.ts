export const REPORT_SELECT = {
  id: true,
  referralId: true,
  kind: true,
  status: true,
  findings: true,
  diagnosis: true,
  treatment: true,
  recommendations: true,
  documentId: true,
  sentAt: true,
  updatedAt: true,
} as const;

export interface ReportView {
  id: string;
  referralId: string;
  kind: string;
  status: string;
  findings: string;
  diagnosis: string;
  treatment: string;
  recommendations: string;
  documentId: string | null;
  sentAt: Date | null;
  updatedAt: Date;
}

/** Clinical text is patient detail: the audit trail records that it changed, not what it says. */
export const REPORT_SENSITIVE_FIELDS = ['findings', 'diagnosis', 'treatment', 'recommendations'];
