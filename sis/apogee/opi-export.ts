// The admission export to Apogée (reference sis-apis.md §3.4): read what Apogée already holds for
// the candidate (IND_OPI, VOEUX_INS), send the candidate's whole OPI with this wish added (admission)
// or removed (withdrawal) through `OpiMetier.mettreajourDonneesOpi_v10`, then check that Apogée
// filed it. Idempotent by the business state: when Apogée already holds exactly the wishes this
// export wants (a retry after a lost answer), nothing is sent again.
import { SisTransientError, SisValidationError, type AdmissionRecord, type ExportReceipt } from '../port.ts';
import { openYear } from './lookups.ts';
import { donneesOpi, opiCode, opiNames, recordWish, sameWish, type OpiSettings, type OpiWish } from './opi.ts';
import { ApogeeBusinessError, type ApogeeTransport } from './transport.ts';

type Row = Record<string, string | number | null>;

/** The Apogée student number (codEtu, numeric) the record carries, if any. */
function studentNumberOf(record: AdmissionRecord): number | null {
  const n = record.candidate.studentNumber;
  return n && /^\d{1,8}$/.test(n) ? Number(n) : null;
}

export async function exportOpi(t: ApogeeTransport, settings: OpiSettings, record: AdmissionRecord): Promise<ExportReceipt> {
  const sentCode = opiCode(settings, record.dossierNumber);
  // The formation's own CGE when it has one (a VET may be managed by several), else the one CGE
  // that manages its VET in Apogée.
  const wish = recordWish(record, record.formation.managementCentreCode || (await managementCentre(t, record)));
  const studentNumber = studentNumberOf(record);

  const before = await findOpi(t, record, sentCode, studentNumber);
  const held = before ? (await voeuxIns(t, before)).map(toWish) : [];
  const others = held.filter((w) => !sameWish(w, wish));
  const wanted = record.kind === 'admission' ? [...others, wish] : others;

  const alreadyThere = before !== null && wanted.length === held.length && wanted.every((w) => held.some((h) => sameWish(h, w)));
  // A withdrawal of a wish Apogée never received leaves nothing to remove.
  const nothingToWithdraw = before === null && record.kind === 'withdrawal';
  if (!alreadyThere && !nothingToWithdraw) {
    // The bac year sent when the candidate's is unknown (or when they have no bac): the open year.
    const bac = record.candidate.bac;
    const year = bac && bac.year !== null ? String(bac.year) : ((await openYear(t)) ?? String(new Date().getFullYear()));
    const payload = donneesOpi(record, wanted, settings, { openYear: year, studentNumber });
    try {
      await t.soap('opiMetier', 'mettreajourDonneesOpi_v10', { _donneesOpi: payload });
    } catch (err) {
      if (err instanceof ApogeeBusinessError)
        throw new SisValidationError(`Apogée a refusé l'OPI ${sentCode} (dossier ${record.dossierNumber}) : ${err.message}`);
      throw err;
    }
  }

  // Verification, as eCandidat does after the call: the OPI must be in IND_OPI, and the wish in
  // VOEUX_INS (admission) or gone from it (withdrawal).
  const after = nothingToWithdraw ? null : await findOpi(t, record, sentCode, studentNumber);
  if (!after && !nothingToWithdraw) throw new SisTransientError(`OPI ${sentCode} envoyée mais absente de IND_OPI : nouvel essai.`);
  const filed = after ? (await voeuxIns(t, after)).map(toWish) : [];
  const present = filed.some((w) => sameWish(w, wish));
  if (record.kind === 'admission' && !present) {
    if (!filed.length)
      throw new SisValidationError(
        `Apogée a enregistré l'individu de l'OPI ${String(after!.COD_OPI_INT_EPO)} (IND_OPI ${String(after!.COD_IND_OPI)}) mais aucun vœu (VOEUX_INS vide) : ` +
          `vérifier le centre de gestion ${wish.codCge} dans Apogée (anomalie connue des versions 6.50.50, esup-ecandidat #90), puis relancer l'export.`,
      );
    throw new SisValidationError(
      `Apogée a enregistré l'OPI ${String(after!.COD_OPI_INT_EPO)} sans le vœu ${wish.codEtp}/${wish.codVrsVet} (centre de gestion ${wish.codCge}).`,
    );
  }
  if (record.kind === 'withdrawal' && present)
    throw new SisTransientError(`Le vœu ${wish.codEtp}/${wish.codVrsVet} est encore dans VOEUX_INS après le retrait : nouvel essai.`);

  const storedCode = after ? String(after.COD_OPI_INT_EPO) : null;
  return {
    at: new Date().toISOString(),
    details: {
      codOpiIntEpo: storedCode ?? sentCode,
      codIndOpi: after?.COD_IND_OPI ?? null,
      // The candidate already had an OPI in Apogée under another code: Apogée kept its own (the
      // reference then mails the candidate the new code, MAIL_CANDIDATURE_MODIF_COD_OPI).
      opiCodeChanged: storedCode !== null && storedCode !== sentCode,
      sentCode,
      wish: `${wish.codCge}:${wish.codEtp}/${wish.codVrsVet}`,
      wishesInApogee: filed.length,
      sent: !alreadyThere && !nothingToWithdraw,
    },
  };
}

/**
 * The candidate's IND_OPI row, searched as eCandidat does: our code, the student number or the INE,
 * else name + first name + birth date. Several rows: ours if one carries our code, else refuse.
 */
async function findOpi(t: ApogeeTransport, record: AdmissionRecord, code: string, studentNumber: number | null): Promise<Row | null> {
  const names = opiNames(record);
  const c = record.candidate;
  const params = new URLSearchParams({ codOpiIntEpo: code, nom: names.libNomPatIndOpi ?? '', prenom: names.libPr1IndOpi ?? '', dateNai: names.dateNaiIndOpi });
  if (studentNumber !== null) params.set('codEtu', String(studentNumber));
  if (c.ine && c.ineKey) {
    params.set('ine', c.ine.toUpperCase());
    params.set('cle', c.ineKey.toUpperCase());
  }
  const rows = await t.rest<Row[]>(`${t.endpoints.db}/ind-opi?${params}`);
  if (rows.length <= 1) return rows[0] ?? null;
  const ours = rows.find((r) => r.COD_OPI_INT_EPO === code);
  if (ours) return ours;
  throw new SisValidationError(
    `Dossier ${record.dossierNumber} : ${rows.length} OPI dans Apogée pour ce candidat (${rows.map((r) => r.COD_OPI_INT_EPO).join(', ')}), aucune sous le code ${code}. À régler dans Apogée.`,
  );
}

const voeuxIns = (t: ApogeeTransport, ind: Row) => t.rest<Row[]>(`${t.endpoints.db}/voeux-ins?codIndOpi=${encodeURIComponent(String(ind.COD_IND_OPI))}`);

const toWish = (r: Row): OpiWish => ({
  codCge: String(r.COD_CGE),
  codEtp: String(r.COD_ETP),
  codVrsVet: Number(r.COD_VRS_VET),
  codDip: r.COD_DIP === null ? null : String(r.COD_DIP),
  codVrsVdi: r.COD_VRS_VDI === null ? null : Number(r.COD_VRS_VDI),
});

/** The CGE that manages the formation's VET (ETP_GERER_CGE), when the formation does not say. */
async function managementCentre(t: ApogeeTransport, record: AdmissionRecord): Promise<string> {
  const f = record.formation;
  if (!f.apogeeVetCode || !f.apogeeVetVersion) return ''; // recordWish refuses it with the right message
  const rows = await t.rest<{ codEtpVet: string; codVrsVet: string; codCge: string }[]>(
    `${t.endpoints.db}/formations?search=${encodeURIComponent(`${f.apogeeVetCode}-${f.apogeeVetVersion}`)}`,
  );
  const cges = [...new Set(rows.filter((r) => r.codEtpVet === f.apogeeVetCode && r.codVrsVet === f.apogeeVetVersion).map((r) => r.codCge))];
  if (cges.length === 1) return cges[0]!;
  throw new SisValidationError(
    cges.length
      ? `Formation ${f.code} : l'étape ${f.apogeeVetCode}/${f.apogeeVetVersion} est gérée par plusieurs centres de gestion (${cges.join(', ')}) ; renseigner celui de la formation.`
      : `Formation ${f.code} : l'étape ${f.apogeeVetCode}/${f.apogeeVetVersion} n'existe pas dans Apogée (ou n'est pas ouverte au recrutement).`,
  );
}
