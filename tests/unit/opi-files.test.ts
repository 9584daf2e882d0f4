import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOpiFiles, writeOpiFiles } from '../../sis/pegase/opi-files.ts';
import { lea, leaSecondWish, omar } from '../fixtures/pegase-opi/records.ts';

const fixture = (name: string) => readFile(join(import.meta.dirname, '../fixtures/pegase-opi', name), 'utf8');

describe('Pégase admission files (sis-apis.md §2.8)', () => {
  it('writes the three files byte for byte as the fixtures', async () => {
    const files = buildOpiFiles([lea, leaSecondWish, omar]);
    expect(files.candidat).toBe(await fixture('candidat-20270201.csv'));
    expect(files.candidature).toBe(await fixture('candidature-20270201.csv'));
    expect(files.inscription).toBe(await fixture('inscription-20270201.csv'));
  });

  it('names the files by day and rewrites them on each run of the day', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opi-'));
    await writeOpiFiles(dir, '2027-02-01', [lea]);
    await writeOpiFiles(dir, '2027-02-01', [lea, omar]);
    expect((await readdir(dir)).sort()).toEqual(['candidat-20270201.csv', 'candidature-20270201.csv', 'inscription-20270201.csv']);
    const candidature = await readFile(join(dir, 'candidature-20270201.csv'), 'utf8');
    expect(candidature.trim().split('\n')).toHaveLength(3); // header + two wishes, no duplicate of the first run
  });
});
