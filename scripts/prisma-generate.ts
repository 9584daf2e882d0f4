// Generates the Prisma client into prisma/generated/ (git-ignored), offline.
//
// `prisma generate` refuses to run unless it can find the native schema engine, which it would
// download (impossible here). Generation itself runs in WebAssembly and only checks that the file
// named by PRISMA_SCHEMA_ENGINE_BINARY exists, so we point it at a committed placeholder script
// that explains itself and exits 1 if anything ever tries to run it.
//
// Skips the work when the generated client is newer than the schema (and this script), so it can
// run before every start and test.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const schema = resolve(root, 'prisma/schema.prisma');
const marker = resolve(root, 'prisma/generated/client.ts');
const inputs = [schema, resolve(root, 'prisma.config.ts'), import.meta.filename];

const force = process.argv.includes('--force');
if (!force && existsSync(marker)) {
  const generatedAt = statSync(marker).mtimeMs;
  if (inputs.every((f) => statSync(f).mtimeMs <= generatedAt)) {
    console.log('prisma client is up to date (prisma/generated/client.ts newer than the schema)');
    process.exit(0);
  }
}

// Run the CLI with this very node (24), whatever `node` is first on PATH.
const prismaCli = resolve(root, 'node_modules/prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? resolve(root, 'scripts/no-schema-engine.sh'),
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    CHECKPOINT_DISABLE: '1',
  },
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
