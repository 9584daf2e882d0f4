// Prisma CLI configuration (Prisma 7: the datasource URL lives here, not in schema.prisma).
// Only `prisma generate` is used (through `npm run db:generate`); migrations are created by
// scripts/new-migration.ts and applied by infra/migrate.ts, see DEVELOPERS.md.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Read lazily from the environment: generation does not need it, so an unset variable is fine.
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
