// Operators configure an installation from .env.example: every variable the configuration reads
// (infra/config.ts, the one place that reads the environment for the app) is documented there, and
// nothing there is unknown to it. A new setting cannot be added without its line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../infra/config.ts';

const source = readFileSync(join(ROOT_DIR, 'infra/config.ts'), 'utf8');
const read = new Set([...source.matchAll(/(?:process\.env\.|env\.|required\('|setting\('|int\('|num\(')([A-Z][A-Z0-9_]{2,})/g)].map((m) => m[1]!));
// NODE_ENV only stands in for APP_MODE (Node's own convention); HOST is read by the api process (api/server.ts).
read.delete('NODE_ENV');
read.add('HOST');
const documented = new Set([...readFileSync(join(ROOT_DIR, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

describe('.env.example', () => {
  it('documents every variable the configuration reads, and only those', () => {
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((name) => !documented.has(name)).sort(), 'read but not documented').toEqual([]);
    expect([...documented].filter((name) => !read.has(name)).sort(), 'documented but never read').toEqual([]);
  });
});
