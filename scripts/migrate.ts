// `npm run db:migrate`: applies pending SQL migrations to the database named by
// MIGRATION_DATABASE_URL (the owner role), verifying TLS against DATABASE_CA_FILE if set.
// `npm start` does this itself; this is for an external Postgres deployed separately.
import { migrate } from '@/lib/db/migrate';

const url = process.env.MIGRATION_DATABASE_URL;
if (!url) {
  process.stderr.write('MIGRATION_DATABASE_URL is not set (the owner role’s connection URL).\n');
  process.exit(1);
}

const applied = await migrate({ url, caFile: process.env.DATABASE_CA_FILE });
console.log(applied.length > 0 ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
