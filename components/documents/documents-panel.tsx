import Link from 'next/link';

import { Card, VisuallyHidden } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { can } from '@/lib/auth/permissions';
import { requireStaffPage } from '@/lib/auth/require-staff';
import { withPractice } from '@/lib/db/with-practice';
import { canShowInline } from '@/lib/documents/document-response';
import { listDocuments } from '@/lib/documents/list-documents';

import styles from './documents.module.css';
import { formatSize, TYPE_LABELS } from './format-size';
import { UploadForm } from './upload-form';
import { VisibilityToggle } from './visibility-toggle';

/** The referral page's documents: list, open or download, share, upload. */
export async function DocumentsPanel({ referralId }: { referralId: string }) {
  const staff = await requireStaffPage('document.read');
  const documents = await withPractice(
    staff.practiceId,
    (db) => listDocuments(db, staff, { referralId }),
    {
      userId: staff.userId,
    },
  );
  const mayUpload = can(staff.role, 'document.upload');
  const base = `/api/v1/referrals/${referralId}/documents`;

  return (
    <Card title="Documents" id="documents">
      {can(staff.role, 'report.write') ? (
        <p>
          <Link href={`/referrals/${referralId}/report`}>Write or send the report</Link>
        </p>
      ) : null}
      {documents.length === 0 ? (
        <EmptyState title="No documents yet">
          Records, images and reports for this referral appear here.
        </EmptyState>
      ) : (
        <table className={styles.list}>
          <caption>
            <VisuallyHidden>Documents of this referral</VisuallyHidden>
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className={styles.hideNarrow}>
                Type
              </th>
              <th scope="col">Sharing</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((doc) => (
              <tr key={doc.id}>
                <td>
                  <span className={styles.name}>{doc.filename}</span>
                  <br />
                  <span className={styles.meta}>
                    {formatSize(doc.sizeBytes)} · {doc.createdAt.toISOString().slice(0, 10)}
                    {doc.kind === 'report' ? ' · Report' : ''}
                  </span>
                </td>
                <td className={styles.hideNarrow}>
                  {TYPE_LABELS[doc.contentType] ?? doc.contentType}
                </td>
                <td>
                  {doc.visibility === 'shared' ? (
                    <Badge tone="info">Shared with vet</Badge>
                  ) : (
                    <Badge>Staff only</Badge>
                  )}
                </td>
                <td>
                  <div className={styles.actions}>
                    {canShowInline(doc.contentType) ? (
                      <a
                        href={`${base}/${doc.id}?disposition=inline`}
                        target="_blank"
                        rel="noopener noreferrer"
                      >
                        View<VisuallyHidden> {doc.filename}</VisuallyHidden>
                      </a>
                    ) : null}
                    <a href={`${base}/${doc.id}`} download>
                      Download<VisuallyHidden> {doc.filename}</VisuallyHidden>
                    </a>
                    {mayUpload ? (
                      <VisibilityToggle
                        referralId={referralId}
                        documentId={doc.id}
                        visibility={doc.visibility}
                        documentName={doc.filename}
                      />
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayUpload ? <UploadForm referralId={referralId} /> : null}
    </Card>
  );
}
