// The Pégase simulator's data: the same seed gives the same data (tests and demos name students and
// formations), and it holds together as Pégase's would (every code a record points at exists).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generatePegaseData } from '../../sis/pegase/simulator/data.ts';

describe('Pégase simulator data', () => {
  const data = generatePegaseData();

  it('is deterministic for a seed, and another seed gives other students', () => {
    expect(generatePegaseData(DEFAULT_SEED)).toEqual(data);
    const other = generatePegaseData(DEFAULT_SEED + 1);
    expect(other.students.map((s) => s.ine)).not.toEqual(data.students.map((s) => s.ine));
    // The referentials and the demo's formations do not depend on the seed.
    expect(other.formations.map((f) => f.code)).toEqual(data.formations.map((f) => f.code));
  });

  it('has France as 100, the demo formations and periods, and a few hundred students', () => {
    expect(data.countries.find((c) => c.code === '100')).toMatchObject({ libelleAffichage: 'France', libelleNationalite: 'française' });
    const codes = data.formations.map((f) => f.code);
    // The Pégase codes of prisma/seed.ts's formations.
    for (const code of ['MINFO-M1', 'MINFO-IA-M2', 'LP-DEVWEB', 'LINFO-L3', 'DU-DATA', 'MMATH-M1', 'MPHYS-M1']) expect(codes).toContain(code);
    expect(data.periods.find((p) => p.code === '2026-P')).toMatchObject({ active: true, anneeUniversitaire: 2026 });
    expect(data.students.length).toBeGreaterThanOrEqual(300);
  });

  it('points only at codes that exist', () => {
    const formations = new Map(data.formations.map((f) => [f.code, f]));
    const periods = new Set(data.periods.map((p) => p.code));
    const countries = new Set(data.countries.map((c) => c.code));
    const birthCommunes = new Set(data.birthCommunes.map((c) => c.code));
    const departments = new Set(data.departments.map((d) => d.code));
    const bacs = new Set(data.bacSeries.map((b) => b.code));
    const establishments = new Set(data.establishments.map((e) => e.code));
    for (const s of data.students) {
      expect(countries.has(s.paysNaissance) && countries.has(s.nationalite)).toBe(true);
      if (s.communeNaissance) expect(birthCommunes.has(s.communeNaissance)).toBe(true);
      if (s.bac) {
        expect(bacs.has(s.bac.serie)).toBe(true);
        if (s.bac.departement) expect(departments.has(s.bac.departement)).toBe(true);
        if (s.bac.etablissement) expect(establishments.has(s.bac.etablissement)).toBe(true);
      }
      for (const i of s.inscriptions) {
        expect(periods.has(i.periode)).toBe(true);
        expect(formations.get(i.formation)?.cibles.map((c) => c.code)).toContain(i.cible);
      }
    }
    for (const e of data.establishments) {
      const dep = (e.departement as { code: string } | null)?.code;
      if (dep) expect(departments.has(dep)).toBe(true);
    }
  });

  it('has unique student numbers and identities, and exactly one INE shared by two identities', () => {
    expect(new Set(data.students.map((s) => s.codeApprenant)).size).toBe(data.students.length);
    expect(new Set(data.students.map((s) => s.id)).size).toBe(data.students.length);
    const byIne = new Map<string, number>();
    for (const s of data.students) if (s.ine) byIne.set(s.ine, (byIne.get(s.ine) ?? 0) + 1);
    expect([...byIne.values()].filter((n) => n > 1)).toEqual([2]);
    expect(data.students.filter((s) => s.ine).every((s) => /^[0-9A-Z]{11}$/.test(s.ine!))).toBe(true);
  });
});
