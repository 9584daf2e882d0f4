// What the simulated Apogée knows and does: lookups of known students shaped as the AMUE DTOs,
// the OPI tables (IND_OPI, VOEUX_INS, OPI_BAC, ADRESSE_OPI, OPI_PJ) filled by the OPI web services,
// the formation search and PKB_BAC checks eCandidat runs over JDBC (reference sis-apis.md §3.2–§3.4).
// Business refusals are thrown as ApogeeFault with Apogée's message codes.
import { generateApogeeData, ineKey, type Address, type Row, type Student } from './data.ts';
import type { SoapObject, SoapValue } from './soap.ts';

/** A refusal by Apogée: becomes a WebBaseException (SOAP) or an error JSON (REST). */
export class ApogeeFault extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** One OPI call as it reached the simulator, kept so that tests can count duplicates. */
export interface ReceivedOpi {
  seq: number;
  at: string;
  codOpiIntEpo: string | null;
  outcome: 'applied' | 'rejected' | 'lost';
  /** Apogée's code for the OPI once applied (differs from codOpiIntEpo in the "changed code" case). */
  storedCode: string | null;
  message: string | null;
  donneesOpi: SoapObject;
}

const str = (v: SoapValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: SoapValue | undefined): SoapObject => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const items = (v: SoapValue | undefined): SoapObject[] => {
  const list = obj(v).item;
  return (Array.isArray(list) ? list : list ? [list] : []).map((i) => obj(i));
};

export const FIELD_SIZES = { nom: 30, prenom: 20, adresse: 32, codOpiIntEpo: 10, comExoExt: 15 } as const;

export class ApogeeDatabase {
  readonly tables: Record<string, Row[]>;
  readonly students: Student[];
  readonly indOpi: Row[] = [];
  readonly voeuxIns: Row[] = [];
  readonly opiBac: Row[] = [];
  readonly adresseOpi: Row[] = [];
  readonly opiPj: (Row & { CONTENT?: string })[] = [];
  readonly received: ReceivedOpi[] = [];
  private nextCodIndOpi = 900001;

  constructor(seed?: number) {
    const data = generateApogeeData(seed);
    this.tables = data.tables;
    this.students = data.students;
  }

  /** Forgets every OPI (the referential and the students stay). */
  resetOpi(): void {
    for (const t of [this.indOpi, this.voeuxIns, this.opiBac, this.adresseOpi, this.opiPj, this.received]) t.length = 0;
    this.nextCodIndOpi = 900001;
  }

  private label(table: string, codeCol: string, code: string | null, labelCol: string): string | null {
    if (!code) return null;
    const row = this.tables[table]?.find((r) => r[codeCol] === code);
    return row ? String(row[labelCol]) : null;
  }

  private student(codEtu: string | null): Student {
    if (!codEtu || !/^\d+$/.test(codEtu)) throw new ApogeeFault('technical.parameter.noncoherentinput.codEtu');
    const s = this.students.find((x) => x.codEtu === Number(codEtu));
    if (!s) throw new ApogeeFault('technical.data.nullretrieve.etudiant');
    return s;
  }

  // --- EtudiantMetier -------------------------------------------------------------------------

  recupererIdentifiantsEtudiant_v2(p: SoapObject) {
    const codEtu = str(p._codEtu);
    const ine = str(p._numINE)?.toUpperCase() ?? null;
    const codInd = str(p._codInd);
    const s = this.students.find(
      (x) => (codEtu !== null && String(x.codEtu) === codEtu) || (ine !== null && x.ine + x.cleIne === ine) || (codInd !== null && String(x.codInd) === codInd),
    );
    if (!s) throw new ApogeeFault('technical.data.nullretrieve.etudiant');
    const annuaire = str(p._temoinRecupAnnu) === 'O';
    return {
      recupererIdentifiantsEtudiant_v2Return: {
        codEtu: s.codEtu,
        codInd: s.codInd,
        emailAnnuaire: annuaire ? s.emailAnnuaire : null,
        loginAnnuaire: annuaire ? s.loginAnnuaire : null,
        numBoursier: null,
        numeroINE: s.ine + s.cleIne,
      },
    };
  }

  recupererInfosAdmEtu_v4(p: SoapObject) {
    const s = this.student(str(p._codEtu));
    const firstYear = s.cursus[0]?.codAnu ?? null;
    return {
      recupererInfosAdmEtu_v4Return: {
        nomPatronymique: s.nomPatronymique,
        nomUsuel: s.nomUsuel,
        prenom1: s.prenom1,
        prenom2: s.prenom2,
        prenom3: null,
        sexe: s.sexe,
        dateNaissance: `${s.dateNaissance}T00:00:00.000+01:00`,
        libVilleNaissance: s.libVilleNaissance,
        departementNaissance: s.codDepNaissance
          ? { codeDept: s.codDepNaissance, libDept: this.label('DEPARTEMENT', 'COD_DEP', s.codDepNaissance, 'LIB_DEP') }
          : null,
        paysNaissance: { codPay: s.codPayNaissance, libPay: this.label('PAYS', 'COD_PAY', s.codPayNaissance, 'LIB_PAY') },
        nationaliteDTO: { codeNationalite: s.codPayNationalite, libNationalite: this.label('PAYS', 'COD_PAY', s.codPayNationalite, 'LIB_NAT') },
        numeroINE: s.ine + s.cleIne,
        numEtu: String(s.codEtu),
        listeBacs: {
          item: s.bacs.map((b) => ({
            codBac: b.codBac,
            libelleBac: this.label('BAC_OUX_EQU', 'COD_BAC', b.codBac, 'LIB_BAC'),
            anneeObtentionBac: b.anneeObtentionBac,
            departementBac: b.codDep ? { codeDept: b.codDep, libDept: this.label('DEPARTEMENT', 'COD_DEP', b.codDep, 'LIB_DEP') } : null,
            etbBac: b.codEtb ? { codeEtb: b.codEtb, libEtb: this.label('ETABLISSEMENT', 'COD_ETB', b.codEtb, 'LIB_ETB') } : null,
            mentionBac: b.codMention ? { codMention: b.codMention, libMention: this.label('MENTION_NIV_BAC', 'COD_MNB', b.codMention, 'LIB_MNB') } : null,
            typeEtbBac: b.codEtb ? 'LY' : null,
            codSpeBacPre: b.codSpeBacPre,
            codSpe1Bac: b.codSpe1Bac,
            codSpe2Bac: b.codSpe2Bac,
            codOpt1Bac: b.codOpt1Bac,
          })),
        },
        anneePremiereInscEtab: firstYear,
        anneePremiereInscUniv: firstYear,
      },
    };
  }

  private addressDto(a: Address | null) {
    if (!a) return null;
    return {
      libAd1: a.libAd1,
      libAd2: a.libAd2,
      libAd3: a.libAd3,
      libAde: a.libAde,
      numTel: a.numTel,
      commune: a.codeInsee ? { codeInsee: a.codeInsee, codePostal: a.codePostal, nomCommune: a.nomCommune, libAch: a.nomCommune } : null,
      pays: { codPay: a.codPay, libPay: this.label('PAYS', 'COD_PAY', a.codPay, 'LIB_PAY') },
    };
  }

  recupererAdressesEtudiant_v2(p: SoapObject) {
    const s = this.student(str(p._codEtu));
    return {
      recupererAdressesEtudiant_v2Return: {
        adresseAnnuelle: this.addressDto(s.adresseAnnuelle),
        adresseFixe: this.addressDto(s.adresseFixe),
        numTelPortable: s.numTelPortable,
        email: s.email,
        emailAnnuaire: str(p._recupAnnuaire) === 'O' ? s.emailAnnuaire : null,
      },
    };
  }

  // --- PedagogiqueMetier ----------------------------------------------------------------------

  recupererContratPedagogiqueResultatVdiVet_v2(p: SoapObject) {
    const s = this.student(str(p._codEtu));
    const codAnu = str(p._codAnu) ?? 'toutes';
    const years = s.cursus.filter((c) => codAnu === 'toutes' || c.codAnu === codAnu);
    // Apogée answers "no enrolment for that year" with a fault, not with an empty list.
    if (!years.length) throw new ApogeeFault(codAnu === 'toutes' ? 'technical.data.nullretrieve.findIAA' : 'technical.data.nullretrieve.codAnu');
    return {
      recupererContratPedagogiqueResultatVdiVet_v2Return: {
        item: years.map((c) => ({
          annee: c.codAnu,
          diplome: { codDip: c.codDip, codVrsVdi: '101', libWebVdi: c.libDip },
          etapes: {
            item: [
              {
                codAnu: c.codAnu,
                etape: { codEtp: c.codEtp, codVrsVet: String(c.codVrsVet), libWebVet: c.libWebVet },
                resultatVet: {
                  item: c.result
                    ? [
                        {
                          session: { codSes: '1', libSes: 'Session unique' },
                          mention: c.result.codMen ? { codMen: c.result.codMen, libMen: this.label('MENTION', 'COD_MEN', c.result.codMen, 'LIB_MEN') } : null,
                          typResultat: { codTre: c.result.codTre, libTre: this.label('TYP_RESULTAT', 'COD_TRE', c.result.codTre, 'LIB_TRE') },
                          notVet: c.result.notVet,
                          barNotVet: '20',
                        },
                      ]
                    : [],
                },
              },
            ],
          },
        })),
      },
    };
  }

  // --- OPI ------------------------------------------------------------------------------------

  /** IND_OPI rows as eCandidat's verification query finds them (reference sis-apis.md §3.4). */
  findIndOpi(q: {
    codOpiIntEpo?: string | null;
    codEtu?: string | null;
    ine?: string | null;
    cle?: string | null;
    nom?: string | null;
    prenom?: string | null;
    dateNai?: string | null;
  }): Row[] {
    const byKeys = this.indOpi.filter(
      (r) =>
        (q.codOpiIntEpo && r.COD_OPI_INT_EPO === q.codOpiIntEpo) ||
        (q.codEtu && r.COD_ETU_OPI !== null && String(r.COD_ETU_OPI) === q.codEtu) ||
        (q.ine && q.cle && r.COD_NNE_IND_OPI === q.ine.toUpperCase() && r.COD_CLE_NNE_IND_OPI === q.cle.toUpperCase()),
    );
    if (byKeys.length || !q.nom || !q.prenom || !q.dateNai) return byKeys;
    return this.indOpi.filter((r) => r.LIB_NOM_PAT_IND_OPI === q.nom && r.LIB_PR1_IND_OPI === q.prenom && r.DATE_NAI_IND_OPI === q.dateNai);
  }

  findVoeuxIns(codIndOpi: number): Row[] {
    return this.voeuxIns.filter((v) => v.COD_IND_OPI === codIndOpi);
  }

  private refuse(message: string, detail: string): never {
    throw new ApogeeFault(message, detail);
  }

  private checkSize(value: string | null, max: number, field: string) {
    if (value !== null && value.length > max)
      this.refuse(`technical.parameter.noncoherentinput.${field}`, `${field} : ${value.length} caractères pour ${max} au plus`);
  }

  private known(table: string, col: string, value: string | null, field: string) {
    if (value !== null && !this.tables[table]!.some((r) => r[col] === value))
      this.refuse(`technical.data.nullretrieve.${field}`, `${field} ${value} inconnu dans ${table}`);
  }

  /**
   * `mettreajourDonneesOpi_v10`: creates or updates the candidate's IND_OPI row and replaces its
   * wishes (VOEUX_INS) with those sent; one empty wish deletes them all.
   */
  mettreajourDonneesOpi_v10(p: SoapObject, behaviour: { changedOpiCode?: boolean; issue90?: boolean; notFiled?: boolean } = {}) {
    const donnees = obj(p._donneesOpi);
    const entry: ReceivedOpi = {
      seq: this.received.length + 1,
      at: new Date().toISOString(),
      codOpiIntEpo: str(obj(donnees.individu).codOpiIntEpo),
      outcome: 'rejected',
      storedCode: null,
      message: null,
      donneesOpi: donnees,
    };
    this.received.push(entry);
    if (behaviour.notFiled) {
      entry.outcome = 'lost';
      return {};
    }
    try {
      const result = this.applyOpi(donnees, behaviour);
      entry.outcome = 'applied';
      entry.storedCode = result.codOpiIntEpo;
      return {};
    } catch (err) {
      entry.message = (err as Error).message;
      throw err;
    }
  }

  private applyOpi(donnees: SoapObject, behaviour: { changedOpiCode?: boolean; issue90?: boolean }) {
    const ind = obj(donnees.individu);
    const etat = obj(ind.etatCivil);
    const nai = obj(ind.donneesNaissance);
    const perso = obj(ind.donneesPersonnelles);
    const code = str(ind.codOpiIntEpo);
    if (!code) this.refuse('technical.parameter.noncoherentinput.codOpiIntEpo', 'codOpiIntEpo obligatoire');
    this.checkSize(code, FIELD_SIZES.codOpiIntEpo, 'codOpiIntEpo');
    const nom = str(etat.libNomPatIndOpi);
    const prenom = str(etat.libPr1IndOpi);
    if (!nom || !prenom) this.refuse('technical.parameter.noncoherentinput.etatCivil', 'nom patronymique et premier prénom obligatoires');
    this.checkSize(nom, FIELD_SIZES.nom, 'libNomPatIndOpi');
    this.checkSize(str(etat.libNomUsuIndOpi), FIELD_SIZES.nom, 'libNomUsuIndOpi');
    this.checkSize(prenom, FIELD_SIZES.prenom, 'libPr1IndOpi');
    this.checkSize(str(etat.libPr2IndOpi), FIELD_SIZES.prenom, 'libPr2IndOpi');
    const dateNai = str(nai.dateNaiIndOpi);
    if (!dateNai || !/^\d{8}$/.test(dateNai))
      this.refuse('technical.parameter.noncoherentinput.dateNaiIndOpi', 'date de naissance attendue au format ddMMyyyy');
    this.known('PAYS', 'COD_PAY', str(nai.codPayNat), 'codPayNat');
    const typDep = str(nai.codTypDepPayNai);
    if (typDep === 'D') this.known('DEPARTEMENT', 'COD_DEP', str(nai.codDepPayNai), 'codDepPayNai');
    else if (typDep === 'P') this.known('PAYS', 'COD_PAY', str(nai.codDepPayNai), 'codDepPayNai');
    else this.refuse('technical.parameter.noncoherentinput.codTypDepPayNai', 'codTypDepPayNai attendu : D ou P');

    const bac = obj(donnees.bac);
    const codBac = str(bac.codBac);
    if (!codBac) this.refuse('technical.parameter.noncoherentinput.codBac', 'baccalauréat obligatoire (code sans bac à défaut)');
    this.known('BAC_OUX_EQU', 'COD_BAC', codBac, 'codBac');
    this.known('DEPARTEMENT', 'COD_DEP', str(bac.codDep), 'codDep');
    this.known('ETABLISSEMENT', 'COD_ETB', str(bac.codEtb), 'codEtb');
    this.known('MENTION_NIV_BAC', 'COD_MNB', str(bac.codMention), 'codMention');

    const adr = donnees.adresseFixe ? obj(donnees.adresseFixe) : null;
    if (adr) {
      for (const f of ['lib1', 'lib2', 'lib3', 'libAde'] as const) this.checkSize(str(adr[f]), FIELD_SIZES.adresse, f);
      const codPay = str(adr.codPay);
      this.known('PAYS', 'COD_PAY', codPay, 'codPay');
      if (codPay === '100') {
        const codCom = str(adr.codCom);
        const codBdi = str(adr.codBdi);
        if (!this.tables.COM_BDI!.some((r) => r.COD_COM === codCom && r.COD_BDI === codBdi))
          this.refuse('technical.parameter.noncoherentinput.codBdi', `code postal ${codBdi} incohérent avec la commune ${codCom}`);
      }
    }

    const wishes = items(donnees.voeux).filter((v) => str(v.codEtp) !== null);
    for (const v of wishes) {
      const etp = str(v.codEtp);
      const vrs = Number(str(v.codVrsVet));
      if (!this.tables.VERSION_ETAPE!.some((r) => r.COD_ETP === etp && r.COD_VRS_VET === vrs))
        this.refuse('technical.data.nullretrieve.vet', `VET ${etp}/${str(v.codVrsVet)} inconnue`);
      if (!this.tables.ETP_GERER_CGE!.some((r) => r.COD_ETP === etp && r.COD_CGE === str(v.codCge)))
        this.refuse('technical.parameter.noncoherentinput.codCge', `le centre de gestion ${str(v.codCge)} ne gère pas l'étape ${etp}`);
      this.checkSize(str(v.comExoExt), FIELD_SIZES.comExoExt, 'comExoExt');
    }

    const nne = str(ind.codNneIndOpi)?.toUpperCase() ?? null;
    const ine = nne ? nne.slice(0, -1) : null;
    const cle = nne ? nne.slice(-1) : null;
    const codEtu = str(ind.codEtuOpi);
    const matches = this.findIndOpi({ codOpiIntEpo: code, codEtu, ine, cle, nom, prenom, dateNai });
    let row = matches.find((r) => r.COD_OPI_INT_EPO === code) ?? matches[0];
    if (!row) {
      const codIndOpi = this.nextCodIndOpi++;
      row = {
        COD_IND_OPI: codIndOpi,
        // The candidate "already had an OPI" in Apogée: it keeps Apogée's code, not ours.
        COD_OPI_INT_EPO: behaviour.changedOpiCode ? `AP${String(codIndOpi).padStart(8, '0')}` : code,
        DAT_CRE_IND_OPI: new Date().toISOString(),
      };
      this.indOpi.push(row);
    }
    const known = this.students.find((s) => (codEtu && String(s.codEtu) === codEtu) || (ine && s.ine === ine && s.cleIne === cle));
    Object.assign(row, {
      COD_ETU_OPI: codEtu ? Number(codEtu) : null,
      COD_NNE_IND_OPI: ine,
      COD_CLE_NNE_IND_OPI: cle,
      COD_SEX_ETU_OPI: str(ind.codSexEtuOpi),
      LIB_NOM_PAT_IND_OPI: nom,
      LIB_NOM_USU_IND_OPI: str(etat.libNomUsuIndOpi),
      LIB_PR1_IND_OPI: prenom,
      LIB_PR2_IND_OPI: str(etat.libPr2IndOpi),
      DATE_NAI_IND_OPI: dateNai,
      TEM_DATE_NAI_REL_OPI: str(nai.temDateNaiRelOpi),
      COD_PAY_NAT: str(nai.codPayNat),
      LIB_VIL_NAI_ETU_OPI: str(nai.libVilNaiEtuOpi),
      COD_TYP_DEP_PAY_NAI: typDep,
      COD_DEP_PAY_NAI: str(nai.codDepPayNai),
      ADR_MAIL_OPI: str(perso.adrMailOpi),
      NUM_TEL_POR_OPI: str(perso.numTelPorOpi),
      COD_RGI: str(perso.codRgi),
      COD_STU: str(perso.codStu),
      COD_IND: known?.codInd ?? null,
      DAT_MOD_IND_OPI: new Date().toISOString(),
    });
    const codIndOpi = row.COD_IND_OPI as number;

    replaceRows(this.opiBac, codIndOpi, [
      {
        COD_IND_OPI: codIndOpi,
        COD_BAC: codBac,
        COD_ETB: str(bac.codEtb),
        COD_DEP: str(bac.codDep),
        COD_MNB: str(bac.codMention),
        DAA_OBT_BAC_OBA: str(bac.daaObtBacOba),
        COD_SPE1_BAC_TER: str(bac.codSpe1BacTer),
        COD_SPE2_BAC_TER: str(bac.codSpe2BacTer),
        COD_SPE_BAC_PRE: str(bac.codSpeBacPre),
      },
    ]);
    replaceRows(
      this.adresseOpi,
      codIndOpi,
      adr
        ? [
            {
              COD_IND_OPI: codIndOpi,
              COD_TYP_ADR_OPI: '1',
              COD_PAY: str(adr.codPay),
              COD_BDI: str(adr.codBdi),
              COD_COM: str(adr.codCom),
              LIB_AD1: str(adr.lib1),
              LIB_AD2: str(adr.lib2),
              LIB_AD3: str(adr.lib3),
              LIB_ADE: str(adr.libAde),
              NUM_TEL: str(adr.numTel),
            },
          ]
        : [],
    );
    // Issue #90: Apogée 6.50.50 filed the individual but dropped the wishes (CGE bug).
    replaceRows(
      this.voeuxIns,
      codIndOpi,
      behaviour.issue90
        ? []
        : wishes.map((v) => ({
            COD_IND_OPI: codIndOpi,
            COD_CGE: str(v.codCge),
            COD_ETP: str(v.codEtp),
            COD_VRS_VET: Number(str(v.codVrsVet)),
            COD_DIP: str(v.codDip),
            COD_VRS_VDI: str(v.codVrsVdi) === null ? null : Number(str(v.codVrsVdi)),
            NUM_CLS: Number(str(v.numCls) ?? 1),
            COD_DEC_VEU: str(v.codDecVeu),
            COD_DEM_DOS: str(v.codDemDos),
            TEM_VAL_PSD: str(v.temValPsd),
            COD_CAT_EXO_EXT: str(v.codCatExoExt),
            COM_EXO_EXT: str(v.comExoExt),
          })),
    );
    return { codIndOpi, codOpiIntEpo: String(row.COD_OPI_INT_EPO) };
  }

  /** `PjOpiMetier.recupererPiecesJustificativesOPIWS`: files a piece for an existing OPI. */
  recupererPiecesJustificativesOPIWS(p: SoapObject) {
    const code = str(p._codOpiIntEpo);
    const row = this.indOpi.find((r) => r.COD_OPI_INT_EPO === code);
    if (!row) throw new ApogeeFault('technical.data.nullretrieve.indOpi', `aucune OPI ${code}`);
    if (row.LIB_NOM_PAT_IND_OPI !== str(p._libNomPatIndOpi) || row.LIB_PR1_IND_OPI !== str(p._libPr1IndOpi))
      throw new ApogeeFault('technical.parameter.noncoherentinput.etatCivil', 'nom ou prénom différent de celui de l’OPI');
    const codTpj = str(p._codTpj);
    const nomFic = str(p._nomFic);
    const content = str(p._pj);
    if (!codTpj || !nomFic || !content) throw new ApogeeFault('technical.parameter.noncoherentinput.pj', 'codTpj, nomFic et pj obligatoires');
    const rows = this.opiPj.filter((r) => !(r.COD_IND_OPI === row.COD_IND_OPI && r.COD_TPJ === codTpj));
    this.opiPj.length = 0;
    this.opiPj.push(...rows, {
      COD_IND_OPI: row.COD_IND_OPI!,
      COD_TPJ: codTpj,
      COD_OPI_INT_EPO: code,
      NOM_FIC: nomFic,
      COD_ETU: row.COD_ETU_OPI ?? null,
      CONTENT: content,
    });
    return {};
  }

  // --- What eCandidat reads over JDBC -----------------------------------------------------------

  /**
   * Formation search of reference sis-apis.md §3.2: label or `etp-vrs` containing the text, in the
   * recruitment window of the open/“I” academic years, optionally for one CGE, 50 rows at most.
   */
  searchFormations(search: string, codCge: string | null): Row[] {
    const text = search.toLowerCase();
    const years = this.tables.ANNEE_UNI!.filter((a) => a.ETA_ANU_IAE === 'O' || a.ETA_ANU_IAE === 'I').map((a) => String(a.COD_ANU));
    const minAnu = years.reduce((a, b) => (a < b ? a : b));
    const maxAnu = years.reduce((a, b) => (a > b ? a : b));
    const out: Row[] = [];
    for (const vet of this.tables.VERSION_ETAPE!) {
      const etp = String(vet.COD_ETP);
      if (!String(vet.LIB_WEB_VET).toLowerCase().includes(text) && !`${etp}-${vet.COD_VRS_VET}`.toLowerCase().includes(text)) continue;
      if (String(vet.DAA_DEB_RCT_VET) > maxAnu || String(vet.DAA_FIN_RCT_VET) < minAnu) continue;
      const vdi = this.tables.VDI_FRACTIONNER_VET!.find((v) => v.COD_ETP === etp && v.COD_VRS_VET === vet.COD_VRS_VET);
      const dip = this.tables.DIPLOME!.find((d) => d.COD_DIP === vdi?.COD_DIP);
      for (const cge of this.tables.ETP_GERER_CGE!.filter((c) => c.COD_ETP === etp && (!codCge || c.COD_CGE === codCge))) {
        const tpd = dip ? String(dip.COD_TPD_ETB) : null;
        out.push({
          codEtpVet: etp,
          codVrsVet: String(vet.COD_VRS_VET),
          libVet: String(vet.LIB_WEB_VET),
          codCge: String(cge.COD_CGE),
          codTpd: tpd,
          libTypDip: this.label('TYP_DIPLOME', 'COD_TPD_ETB', tpd, 'LIB_TPD'),
        });
        if (out.length === 50) return out;
      }
    }
    return out;
  }

  diplomasOfVet(codEtp: string, codVrsVet: string): Row[] {
    return this.tables
      .VDI_FRACTIONNER_VET!.filter((v) => v.COD_ETP === codEtp && String(v.COD_VRS_VET) === codVrsVet)
      .map((v) => ({ codDip: String(v.COD_DIP), codVrsVdi: String(v.COD_VRS_VDI), libDip: this.label('DIPLOME', 'COD_DIP', String(v.COD_DIP), 'LIB_DIP') }));
  }

  /**
   * `PKB_BAC.VERIFIER_SPECIALITES_ET_OPTIONS_BAC`: `OK` when the bac's spécialités and options are
   * consistent, `SS` when the bac has none and none were given, otherwise the error message.
   */
  verifierSpecialitesEtOptionsBac(q: {
    annee: string | null;
    codBac: string | null;
    spe1Ter: string | null;
    spe2Ter: string | null;
    spePre: string | null;
    opts: (string | null)[];
  }): string {
    const bacRow = this.tables.BAC_OUX_EQU!.find((b) => b.COD_BAC === q.codBac);
    if (!bacRow) return `Le baccalauréat ${q.codBac ?? '(vide)'} n'existe pas.`;
    const allowedSpe = new Set(this.tables.BAC_REGROUPE_SPE_BAC!.filter((r) => r.COD_BAC === q.codBac).map((r) => String(r.COD_SPE_BAC)));
    const allowedOpt = new Set(this.tables.BAC_REGROUPE_OPT_BAC!.filter((r) => r.COD_BAC === q.codBac).map((r) => String(r.COD_OPT_BAC)));
    const spes = [q.spe1Ter, q.spe2Ter, q.spePre];
    const opts = q.opts.filter((o): o is string => !!o);
    if (!allowedSpe.size && !allowedOpt.size) {
      if (spes.some(Boolean) || opts.length) return `Le baccalauréat ${q.codBac} ne comporte ni spécialité ni option.`;
      return 'SS';
    }
    const year = Number(q.annee);
    if (!q.annee || !Number.isInteger(year)) return "L'année d'obtention du baccalauréat est obligatoire.";
    if (year >= 2021) {
      if (!q.spe1Ter || !q.spe2Ter) return 'Les deux spécialités de terminale sont obligatoires.';
      if (q.spe1Ter === q.spe2Ter) return 'Les deux spécialités de terminale doivent être différentes.';
      if (q.spePre && (q.spePre === q.spe1Ter || q.spePre === q.spe2Ter))
        return 'La spécialité abandonnée en première ne peut pas être une spécialité de terminale.';
    }
    for (const spe of spes) if (spe && !allowedSpe.has(spe)) return `La spécialité ${spe} n'existe pas pour le baccalauréat ${q.codBac}.`;
    if (new Set(opts).size !== opts.length) return 'Une option est saisie deux fois.';
    for (const opt of opts) if (!allowedOpt.has(opt)) return `L'option ${opt} n'existe pas pour le baccalauréat ${q.codBac}.`;
    return 'OK';
  }

  // --- REST PJ and INES -------------------------------------------------------------------------

  pjInfo(codAnu: string | null, codEtu: string | null, codTpj: string | null) {
    const s = this.students.find((x) => String(x.codEtu) === codEtu);
    if (!s) throw new ApogeeFault('nullretrieve.etudiantinexistant', `étudiant ${codEtu} inexistant`);
    const pieces = s.pieces.filter((p) => (!codAnu || p.codAnu === codAnu) && (!codTpj || p.codTpj === codTpj));
    if (!pieces.length) throw new ApogeeFault('nullretrieve.piecejustif', `aucune pièce ${codTpj ?? ''} pour ${codEtu}`);
    return pieces.map((p) => ({
      codAnu: p.codAnu,
      codTpj: p.codTpj,
      libTpj: p.libTpj,
      nomFic: p.nomFic,
      temDemPJ: 'O',
      stuPj: p.stuPj,
      mtfRefus: null,
      cmtMtfRefus: null,
      datDemPj: `${p.codAnu}-09-01`,
      datRecPj: p.datRecPj,
      datRefus: null,
      datVal: p.datRecPj,
      datExp: null,
      daaPreTra: p.codAnu,
    }));
  }

  pjFichier(codAnu: string | null, codEtu: string | null, codTpj: string | null): { name: string; content: Buffer } {
    const [info] = this.pjInfo(codAnu, codEtu, codTpj);
    // A one-page PDF naming the piece: enough for a viewer to open and a test to recognise.
    const text = `${info!.libTpj} ${codEtu} ${info!.codAnu}`;
    const pdf = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length ${text.length + 30}>>stream\nBT /F1 14 Tf 72 760 Td (${text}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
    return { name: info!.nomFic, content: Buffer.from(pdf, 'latin1') };
  }

  /** INES: a known student's INE, or any INE whose key matches the simulator's checksum. */
  checkIne(ine: string, cle: string): boolean {
    const i = ine.toUpperCase();
    const c = cle.toUpperCase();
    if (this.students.some((s) => s.ine === i && s.cleIne === c)) return true;
    return /^[0-9A-Z]{10}$/.test(i) && ineKey(i) === c;
  }
}

function replaceRows(table: Row[], codIndOpi: number, rows: Row[]) {
  const kept = table.filter((r) => r.COD_IND_OPI !== codIndOpi);
  table.length = 0;
  table.push(...kept, ...rows);
}
