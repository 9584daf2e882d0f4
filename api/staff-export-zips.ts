// Zips of a selection of candidatures (reference §6: "zip of one PJ across candidatures", "bulk
// download of dossiers"): one supporting document's file for each candidature that has it, with an
// index.csv of those that have none; or each candidate's whole file as a PDF (api/letters/dossier.ts).
// The zip is streamed: its entries' bytes are read (or the PDFs made) one at a time, while the answer
// goes out, so that neither the files nor the PDFs of the selection sit in memory together.
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { Readable } from 'node:stream';
import { DOCUMENTS_ZIP_MAX, DOSSIERS_ZIP_MAX, type ExportDocumentItem } from '../contracts/staff-export.ts';
import type { CandidatureState } from '../domain/candidature.ts';
import { readStoredFile } from '../infra/file-store.ts';
import type { Language } from './language.ts';
import { wholeDossier } from './letters/dossier.ts';
import { badRequest } from './problem.ts';
import { staffCommissionIds } from './scope.ts';
import { selectionBatches, selectionCount, selectionWhere, type Selection, type Staff } from './staff-selection.ts';

export interface ZipAnswer {
  /** The zip, produced as it is read. */
  stream: NodeJS.ReadableStream;
  fileName: string;
  /** Candidatures in the selection (in scope), and entries the zip holds. */
  selected: number;
  entries: number;
}

/** A file name part without accents, spaces or separators ("Łukasiewicz-Ångström" → "LUKASIEWICZ-ANGSTROM"). */
export function safeName(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/Ł/g, 'L')
      .replace(/ł/g, 'l')
      .toUpperCase()
      .replace(/[^A-Z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'X'
  );
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
function extensionOf(file: { name: string; mimeType: string | null }): string {
  const own = /\.([A-Za-z0-9]{1,5})$/.exec(file.name)?.[1]?.toLowerCase();
  return own ?? EXTENSIONS[file.mimeType ?? ''] ?? 'bin';
}

/** A stream whose bytes are produced only when the zip reaches it. */
function lazy(load: () => Promise<Buffer>): Readable {
  let started = false;
  return new Readable({
    read() {
      if (started) return;
      started = true;
      load().then(
        (bytes) => {
          this.push(bytes);
          this.push(null);
        },
        (err: Error) => this.destroy(err),
      );
    },
  });
}

/** Rejects a selection larger than `max` (400 naming the selection). */
async function sizedSelection(app: FastifyInstance, user: Staff, selection: Selection, max: number) {
  const where = await selectionWhere(app, user, selection);
  const selected = await selectionCount(app, where);
  if (selected > max)
    throw badRequest('ids', {
      fr: `${selected} candidatures sélectionnées : ${max} au plus. Restreignez la sélection (filtres ou cases cochées).`,
      en: `${selected} applications selected: ${max} at most. Narrow the selection (filters or ticked rows).`,
    });
  return { where, selected };
}

/** The candidatures of a batch with what the entries' names need, in the batch's order. */
async function describe(app: FastifyInstance, ids: string[]) {
  const rows = await app.db.candidature.findMany({
    where: { id: { in: ids } },
    select: { id: true, state: true, formation: { select: { code: true } }, account: { select: { dossierNumber: true, lastName: true, firstName: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

const entryBase = (r: Awaited<ReturnType<typeof describe>>[number]) =>
  `${r.account.dossierNumber}_${safeName(r.account.lastName)}_${safeName(r.formation.code)}`;

const WHY_NONE = {
  fr: { notAsked: 'pièce non demandée pour cette formation', notConcerned: 'candidat non concerné', missing: 'aucun fichier déposé' },
  en: { notAsked: 'document not asked for this programme', notConcerned: 'candidate not concerned', missing: 'no file uploaded' },
} as const;

/** The documents a zip may gather for this staff member: common ones, their centres' and their formations'. */
export async function exportDocuments(app: FastifyInstance, user: Staff): Promise<ExportDocumentItem[]> {
  const scope = await staffCommissionIds(app, user);
  const centres = scope === null ? [] : (await app.db.commission.findMany({ where: { id: { in: scope } }, select: { centreId: true } })).map((c) => c.centreId);
  return app.db.supportingDocument.findMany({
    where:
      scope === null
        ? {}
        : { OR: [{ centreId: null }, { centreId: { in: centres } }, { formations: { some: { formation: { commissionId: { in: scope } } } } }] },
    orderBy: [{ order: 'asc' }, { label: 'asc' }],
    select: { code: true, label: true, labelEn: true },
  });
}

/** One supporting document's file for each selected candidature that has it, and index.csv of the others. */
export async function documentsZip(app: FastifyInstance, user: Staff, selection: Selection, documentCode: string, lang: Language): Promise<ZipAnswer> {
  const document = await app.db.supportingDocument.findUnique({ where: { code: documentCode }, select: { code: true } });
  if (!document) throw badRequest('document', { fr: `pièce inconnue : ${documentCode}.`, en: `unknown document: ${documentCode}.` });
  const { where, selected } = await sizedSelection(app, user, selection, DOCUMENTS_ZIP_MAX);
  const zip = new JSZip();
  const why = WHY_NONE[lang];
  const none: string[][] = [];
  let entries = 0;
  for await (const ids of selectionBatches(app, where)) {
    const rows = await describe(app, ids);
    const pieces = rows.map((r) => ({ r, piece: ((r.state as CandidatureState | null)?.pieces ?? []).find((p) => p.code === document.code) ?? null }));
    const fileIds = pieces.map((p) => p.piece?.fileId).filter((id): id is number => typeof id === 'number');
    const files = new Map(
      (await app.db.storedFile.findMany({ where: { id: { in: fileIds } }, select: { id: true, code: true, name: true, mimeType: true } })).map((f) => [
        f.id,
        f,
      ]),
    );
    for (const { r, piece } of pieces) {
      const file = piece?.fileId ? files.get(piece.fileId) : undefined;
      if (!file) {
        const reason = !piece ? why.notAsked : piece.status === 'NC' ? why.notConcerned : why.missing;
        none.push([r.account.dossierNumber, r.account.lastName, r.account.firstName, r.formation.code, reason]);
        continue;
      }
      zip.file(
        `${entryBase(r)}.${extensionOf(file)}`,
        lazy(async () => (await readStoredFile(app.storage, file.code)) ?? Buffer.alloc(0)),
        { binary: true, date: new Date() },
      );
      entries++;
    }
  }
  const header = lang === 'fr' ? ['N° dossier', 'Nom', 'Prénom', 'Formation', 'Raison'] : ['File no.', 'Last name', 'First name', 'Programme', 'Reason'];
  // A cell a spreadsheet would read as a formula (a name typed "=…") is kept as text.
  const text = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
  zip.file('index.csv', '\uFEFF' + stringify([header, ...none.map((row) => row.map(text))], { delimiter: ';', record_delimiter: '\r\n' }));
  return {
    stream: zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'STORE' }),
    fileName: `${safeName(document.code)}-${new Date().toISOString().slice(0, 10)}.zip`,
    selected,
    entries,
  };
}

/**
 * Each selected candidate's whole file as its own PDF, in a zip (at most DOSSIERS_ZIP_MAX). A zip of
 * PDFs rather than one merged PDF: each file stays whole and can be filed or forwarded on its own, and
 * the PDFs are made one after the other as the zip goes out, where a merged document would be held
 * whole in memory (hundreds of pages of uploaded documents) before its first byte.
 */
export async function dossiersZip(app: FastifyInstance, user: Staff, selection: Selection, lang: Language): Promise<ZipAnswer> {
  const { where, selected } = await sizedSelection(app, user, selection, DOSSIERS_ZIP_MAX);
  const zip = new JSZip();
  let entries = 0;
  for await (const ids of selectionBatches(app, where)) {
    for (const r of await describe(app, ids)) {
      if (!r.state) continue;
      zip.file(
        `${entryBase(r)}.pdf`,
        lazy(async () => {
          const dossier = await wholeDossier({ db: app.db, storage: app.storage }, r.id, lang);
          return dossier?.pdf ?? Buffer.alloc(0);
        }),
        { binary: true, date: new Date() },
      );
      entries++;
    }
  }
  return {
    stream: zip.generateNodeStream({ type: 'nodebuffer', streamFiles: true, compression: 'DEFLATE', compressionOptions: { level: 1 } }),
    fileName: `${lang === 'fr' ? 'dossiers' : 'application-files'}-${new Date().toISOString().slice(0, 10)}.zip`,
    selected,
    entries,
  };
}
