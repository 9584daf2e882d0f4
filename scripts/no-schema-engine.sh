#!/bin/sh
# Placeholder for Prisma's native schema engine, which cannot be downloaded on this project's
# machines. `prisma generate` only checks that PRISMA_SCHEMA_ENGINE_BINARY exists (generation runs
# in WebAssembly); anything that really needs the engine lands here and fails loudly instead of
# silently doing nothing (`prisma migrate deploy` with a no-op placeholder exits 0 and applies nothing).
echo "The native Prisma schema engine is not available here." >&2
echo "Migrations: 'npm run db:migration -- <name>' creates one; they are applied at start by infra/migrate.ts." >&2
echo "See DEVELOPERS.md, section 'Database and migrations'." >&2
exit 1
