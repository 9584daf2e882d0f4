// The labels of the codes an export prints (api/staff-export.ts): the SIS referentials' (countries,
// communes, bacs, mentions, schools…, per SIS), read batch by batch for the codes the rows use and
// kept for the rest of the export; decision types, motives and traitements, read once.
import type { SisType } from '../domain/codes.ts';
import type { Db } from '../infra/prisma.ts';
import type { Language } from './language.ts';

type Code = string | null | undefined;
/** What of a candidature the referentials label. */
export interface LabelledRow {
  campaign: { sisType: SisType };
  account: {
    candidate: {
      birthCountryCode: string;
      nationalityCode: string;
      birthCommuneCode: Code;
      address: { countryCode: string; communeCode: Code } | null;
      bac: {
        bacCode: string;
        mentionCode: Code;
        establishmentCode: Code;
        departmentCode: Code;
        countryCode: Code;
        specialty1Code: Code;
        specialty2Code: Code;
        firstYearSpecialtyCode: Code;
        option1Code: Code;
        option2Code: Code;
        option3Code: Code;
        option4Code: Code;
      } | null;
      externalCursus: { establishmentCode: Code }[];
    } | null;
  };
}

const REFERENTIALS = ['country', 'commune', 'birthCommune', 'bac', 'mention', 'establishment', 'department', 'specialty', 'option'] as const;
type Referential = (typeof REFERENTIALS)[number];

/** Labels of codes (referentials per SIS, decision types, motives, traitements), read once per export, the referentials batch by batch. */
export class Labels {
  private readonly known = new Map<string, { label: string; nationality?: string | null }>();
  private fixed: {
    decisionTypes: Map<string, { label: string; labelEn: string | null }>;
    motives: Map<string, { label: string; labelEn: string | null }>;
    traitements: Map<string, { label: string; labelEn: string | null }>;
  } | null = null;

  constructor(private readonly db: Db) {}

  private key = (kind: Referential, sisType: SisType, code: string) => `${kind}:${sisType}:${code}`;

  /** Reads the labels of the codes these rows use that are not known yet. */
  async prime(rows: LabelledRow[]): Promise<void> {
    if (!this.fixed) {
      const [d, m, t] = await Promise.all([
        this.db.decisionType.findMany({ select: { code: true, label: true, labelEn: true } }),
        this.db.unfavourableMotive.findMany({ select: { code: true, label: true, labelEn: true } }),
        this.db.traitementType.findMany({ select: { code: true, label: true, labelEn: true } }),
      ]);
      this.fixed = {
        decisionTypes: new Map(d.map((x) => [x.code, x])),
        motives: new Map(m.map((x) => [x.code, x])),
        traitements: new Map(t.map((x) => [x.code, x])),
      };
    }
    const wanted = new Map<string, { kind: Referential; sisType: SisType; code: string }>();
    const want = (kind: Referential, sisType: SisType, code: string | null | undefined) => {
      if (code && !this.known.has(this.key(kind, sisType, code))) wanted.set(this.key(kind, sisType, code), { kind, sisType, code });
    };
    for (const r of rows) {
      const s = r.campaign.sisType;
      const p = r.account.candidate;
      if (!p) continue;
      want('country', s, p.birthCountryCode);
      want('country', s, p.nationalityCode);
      want('birthCommune', s, p.birthCommuneCode);
      want('country', s, p.address?.countryCode);
      want('commune', s, p.address?.communeCode);
      const b = p.bac;
      if (b) {
        want('bac', s, b.bacCode);
        want('mention', s, b.mentionCode);
        want('establishment', s, b.establishmentCode);
        want('department', s, b.departmentCode);
        want('country', s, b.countryCode);
        for (const c of [b.specialty1Code, b.specialty2Code, b.firstYearSpecialtyCode]) want('specialty', s, c);
        for (const c of [b.option1Code, b.option2Code, b.option3Code, b.option4Code]) want('option', s, c);
      }
      for (const c of p.externalCursus) want('establishment', s, c.establishmentCode);
    }
    for (const kind of REFERENTIALS) {
      const items = [...wanted.values()].filter((w) => w.kind === kind);
      if (!items.length) continue;
      const where = { OR: items.map(({ code, sisType }) => ({ code, sisType })) };
      const select = { code: true, sisType: true, label: true } as const;
      const found: { code: string; sisType: SisType; label: string; nationalityLabel?: string | null }[] = await {
        country: () => this.db.sisCountry.findMany({ where, select: { ...select, nationalityLabel: true } }),
        commune: () => this.db.sisCommune.findMany({ where, select }),
        birthCommune: () => this.db.sisBirthCommune.findMany({ where, select }),
        bac: () => this.db.sisBac.findMany({ where, select }),
        mention: () => this.db.sisBacMention.findMany({ where, select }),
        establishment: () => this.db.sisEstablishment.findMany({ where, select }),
        department: () => this.db.sisDepartment.findMany({ where, select }),
        specialty: () => this.db.sisBacSpecialty.findMany({ where, select }),
        option: () => this.db.sisBacOption.findMany({ where, select }),
      }[kind]();
      for (const f of found) this.known.set(this.key(kind, f.sisType, f.code), { label: f.label, nationality: f.nationalityLabel ?? null });
      // Unknown codes print as themselves, and are not asked for again.
      for (const i of items) if (!this.known.has(this.key(kind, i.sisType, i.code))) this.known.set(this.key(kind, i.sisType, i.code), { label: i.code });
    }
  }

  of(kind: Referential, sisType: SisType, code: string | null | undefined): string | null {
    return code ? (this.known.get(this.key(kind, sisType, code))?.label ?? code) : null;
  }
  nationality(sisType: SisType, code: string | null | undefined): string | null {
    if (!code) return null;
    const c = this.known.get(this.key('country', sisType, code));
    return c?.nationality ?? c?.label ?? code;
  }
  named(list: 'decisionTypes' | 'motives' | 'traitements', code: string | null | undefined, lang: Language): string | null {
    if (!code) return null;
    const item = this.fixed?.[list].get(code);
    return (lang === 'en' ? item?.labelEn : null) ?? item?.label ?? code;
  }
}
