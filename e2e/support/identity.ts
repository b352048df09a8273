// Makes a fresh practice and staff member for the identity journey; prints { email, password }.
import { randomBytes, randomUUID } from 'node:crypto';

import { createStaffUser } from '@/lib/auth/create-staff-user';
import { isRole } from '@/lib/auth/permissions';
import { withPractice } from '@/lib/db/with-practice';

const role = process.argv[2] ?? 'clinician';
if (!isRole(role)) throw new Error(`unknown role ${role}`);
const practiceId = randomUUID();
const tag = randomBytes(4).toString('hex');
await withPractice(practiceId, (db) =>
  db.practice.create({ data: { id: practiceId, name: `E2E Hospital ${tag}`, slug: `e2e-${tag}` } }),
);
const email = `e2e-${role}-${tag}@example.test`;
const password = `harbour-lantern-${tag}`;
await createStaffUser(
  {
    practiceId,
    actor: { type: 'system', label: 'e2e' },
    request: { requestId: 'e2e', ip: null, userAgent: null },
  },
  { email, name: `E2E ${role}`, role, password },
);
process.stdout.write(JSON.stringify({ email, password }));
process.exit(0);
