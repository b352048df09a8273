import { defineConfig } from 'prisma/config';

// Only `prisma generate` runs here; migrations are the SQL files applied by scripts/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
