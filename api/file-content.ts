// What an uploaded file really is, and whether it may be stored: the one check of every upload (the
// candidates' pieces, api/transition-inputs.ts; the setup's model documents and signatures,
// api/setup/files.ts). In order:
//   - the bytes received (multipart field "file"; above the 10 MB ceiling of the multipart parser → 413),
//     not empty, within TECH_FILE_MAX_SIZE MB (the parameter, §4.5) → 400;
//   - the type read from the content (file-type: magic bytes, never the name nor the declared type),
//     one of the accepted ones → 400; a candidate's PDF must also open with a page (pdf-lib): the
//     commission reads it inside the whole-file PDF (api/letters/dossier.ts). pdf-lib reads PDFs in a
//     worker thread stopped after 10 s (a crafted PDF can keep its parser busy for minutes) → 400;
//   - a PDF carrying active content is refused → 400: JavaScript (/JS, /JavaScript name trees and
//     actions), Launch actions, automatic actions (/AA), an /OpenAction running one of those. Read
//     from pdf-lib's object graph (names decoded, object streams unpacked), then from the bytes of
//     the dictionaries outside streams (an object pdf-lib could not parse but a reader might recover);
//   - polyglots: HTML or script markup outside a PDF's streams (e.g. a page appended after %%EOF) or
//     anywhere in an image → 400. What is stored is in any case always served as an attachment with
//     `nosniff` and its type as read here (api/stored-files.ts): no browser renders it as a page;
//   - the virus scan (infra/virus-scan.ts) when clamd is configured: infected → 422 naming the
//     signature; clamd unreachable or too slow → 503 (fail closed, nothing stored).
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { fieldLabel } from '../contracts/field-labels.ts';
import { REFUSALS } from '../contracts/refusals.ts';
import { scanBytes, ScannerUnavailable } from '../infra/virus-scan.ts';
import { readParameters } from './parameters.ts';
import { badRequest, HttpProblem, invalidBody, PROBLEM_TITLES, unavailable, type LocalizedText } from './problem.ts';

/** The file's type read from its content when it is one of `accepted`; null otherwise. */
export async function sniffedType<T extends string>(data: Buffer, accepted: readonly T[]): Promise<T | null> {
  const type = (await fileTypeFromBuffer(data))?.mime;
  return type && (accepted as readonly string[]).includes(type) ? (type as T) : null;
}

/**
 * pdf-lib's reading of a PDF, in a worker thread: parsing is synchronous at heart and a crafted file
 * of a few MB can keep it busy for minutes, which on the API's own thread would freeze every request.
 * The worker is stopped after PDF_ANALYSIS_MS (the upload is then refused) and its memory is bounded.
 * It walks every object of the graph (names decoded, object streams unpacked) for active content:
 * keys /JavaScript, /JS, /AA, /Launch anywhere, and actions (/S) /JavaScript or /Launch wherever they
 * hang (an /OpenAction pointing at one included). Plain CommonJS source, so that it runs the same
 * under tsx, vitest and node.
 */
const PDF_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
// pdf-lib tells what it cannot parse on the console: a candidate's file must not write into the
// server's (JSON) logs; the answer says what was wrong.
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[level] = () => {};
const { PDFDocument, PDFDict, PDFArray, PDFName, PDFStream } = require(workerData.pdfLib);
const KEYS = new Set(['/JavaScript', '/JS', '/AA', '/Launch']);
const ACTIONS = new Set(['/JavaScript', '/Launch']);
function active(obj, depth) {
  if (depth > 100) return null;
  const dict = obj instanceof PDFStream ? obj.dict : obj;
  if (dict instanceof PDFDict) {
    for (const [key, value] of dict.entries()) {
      const name = key.asString();
      if (KEYS.has(name)) return name;
      if (name === '/S' && value instanceof PDFName && ACTIONS.has(value.asString())) return value.asString();
      const inner = active(value, depth + 1);
      if (inner) return inner;
    }
  } else if (dict instanceof PDFArray) {
    for (const item of dict.asArray()) {
      const inner = active(item, depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}
parentPort.on('message', async (data) => {
  let doc;
  try {
    doc = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return parentPort.postMessage({ parsed: false, pages: 0, active: null });
  }
  let pages = 0;
  try {
    pages = doc.getPageCount();
  } catch {}
  let found = null;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) if ((found = active(obj, 0))) break;
  parentPort.postMessage({ parsed: true, pages, active: found });
});
`;
/** How long pdf-lib may take to read one PDF. */
const PDF_ANALYSIS_MS = 10_000;
/** PDFs read at once (the others wait their turn): the API keeps CPU for its requests. */
const PDF_ANALYSES_AT_ONCE = 2;
const PDF_LIB = createRequire(import.meta.url).resolve('pdf-lib');

export type PdfReading = { parsed: boolean; pages: number; active: string | null } | 'too-slow';

let running = 0;
const waiting: (() => void)[] = [];
/** Workers kept between PDFs (loading pdf-lib into a new thread takes a few hundred ms). */
const idle: Worker[] = [];

function pdfWorker(): Worker {
  const worker = new Worker(PDF_WORKER, { eval: true, workerData: { pdfLib: PDF_LIB }, resourceLimits: { maxOldGenerationSizeMb: 512 } });
  worker.on('error', () => {}); // reported by readPdf's own listeners; never an unhandled 'error' event
  worker.unref(); // an idle worker does not keep a stopping process alive
  return worker;
}

/** pdf-lib's reading of the PDF (in a worker thread): whether it parsed, its pages, its first active content; `too-slow` past PDF_ANALYSIS_MS. */
export async function readPdf(data: Buffer): Promise<PdfReading> {
  if (running >= PDF_ANALYSES_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  const worker = idle.pop() ?? pdfWorker();
  let reusable = true;
  try {
    return await new Promise<PdfReading>((resolve) => {
      const settle = (reading: PdfReading) => {
        clearTimeout(timer);
        worker.off('message', settle);
        worker.off('error', gone);
        worker.off('exit', gone);
        resolve(reading);
      };
      // Out of memory, a stack overflow in the parser…: not a PDF we can read, and the worker is lost.
      const gone = () => {
        reusable = false;
        settle({ parsed: false, pages: 0, active: null });
      };
      const timer = setTimeout(() => {
        reusable = false;
        settle('too-slow');
        void worker.terminate();
      }, PDF_ANALYSIS_MS);
      worker.on('message', settle);
      worker.on('error', gone);
      worker.on('exit', gone);
      worker.postMessage(data);
    });
  } finally {
    if (reusable) idle.push(worker);
    running--;
    waiting.shift()?.();
  }
}

/** The file's bytes as text without the bodies of its streams (page contents, images, fonts, compressed objects). */
function outsideStreams(data: Buffer): string {
  // One pass with indexOf (a lazy regex would go quadratic on a file of unterminated "stream" keywords).
  const text = data.toString('latin1');
  const kept: string[] = [];
  let at = 0;
  for (;;) {
    const start = text.indexOf('stream', at);
    const isKeyword = start >= 0 && !/[A-Za-z]/.test(text[start - 1] ?? '') && /^stream\r?\n/.test(text.slice(start, start + 8));
    if (start < 0) break;
    if (!isKeyword) {
      kept.push(text.slice(at, start + 6));
      at = start + 6;
      continue;
    }
    const end = text.indexOf('endstream', start + 6);
    if (end < 0) break;
    kept.push(text.slice(at, start));
    at = end + 9;
  }
  kept.push(text.slice(at));
  return kept.join('');
}

/**
 * The active content a PDF carries (/JavaScript, /JS, /AA, /Launch, an /OpenAction running one of
 * those), or null: first what pdf-lib's object graph shows (readPdf); then, for an object pdf-lib
 * could not parse or skipped while a reader might recover it, the dictionaries outside streams are
 * searched byte-wise, their #xx escapes decoded.
 */
export function pdfActiveContent(data: Buffer, reading: Exclude<PdfReading, 'too-slow'>): string | null {
  if (reading.active) return reading.active;
  const text = outsideStreams(data).replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return /\/(JavaScript|JS|AA|Launch)(?![A-Za-z0-9])/.exec(text)?.[0] ?? null;
}

/** HTML or script markup, what makes a file render as a page if a browser ever sniffed it. */
const MARKUP = /<(?:script|html|!doctype\s+html|iframe|svg|object|embed|body|img\s[^>]*on\w+\s*=)|javascript:/i;

/** Whether the file also reads as an HTML page: markup outside a PDF's streams (its text, compressed or not, is not a page), or anywhere in an image. */
export function isPolyglot(data: Buffer, type: string): boolean {
  return MARKUP.test(type === 'application/pdf' ? outsideStreams(data) : data.toString('latin1'));
}

/** A refusal of the field `file` with the status the case calls for, worded "Fichier : …" like every field error. */
function fileProblem(status: number, message: LocalizedText, field = 'file') {
  const text = (lang: 'fr' | 'en') => `${fieldLabel(field, lang)}${lang === 'fr' ? ' : ' : ': '}${message[lang]}`;
  const worded = { fr: text('fr'), en: text('en') };
  return new HttpProblem(status, status === 422 ? REFUSALS.Invalid.title : PROBLEM_TITLES[status]!, worded, [{ field, message: worded }]);
}

const NO_FILE: LocalizedText = {
  fr: 'aucun fichier reçu (multipart/form-data, champ « file »).',
  en: 'no file received (multipart/form-data, field “file”): choose a file to upload.',
};

/** The request's one file (multipart, field "file"): 400 when there is none, 413 above the multipart parser's ceiling (10 MB). */
export async function receivedFile(request: FastifyRequest): Promise<{ filename: string; mimetype: string; data: Buffer }> {
  const file = request.isMultipart() ? await request.file() : undefined;
  if (!file) throw badRequest('file', NO_FILE);
  let data: Buffer;
  try {
    data = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw fileProblem(413, { fr: 'fichier trop volumineux (10 Mo au plus).', en: 'file too large (10 MB at most): upload a smaller one.' });
    // A body cut short or malformed while its file is read: the client's fault, not ours.
    if (/multipart|part header|end of form/i.test((err as Error).message ?? ''))
      throw invalidBody({
        fr: 'Le corps multipart/form-data est illisible (délimiteur absent ou envoi interrompu) : envoyez le fichier dans un formulaire multipart valide.',
        en: 'The multipart/form-data body cannot be read (no boundary, or cut short): send the file in a valid multipart form.',
      });
    throw err;
  }
  return { filename: file.filename, mimetype: file.mimetype, data };
}

export interface UploadRules<T extends string> {
  accepted: readonly T[];
  /** The refusal when the content is of none of the accepted types. */
  typeRefused: LocalizedText;
  /** A PDF must open with a page (the candidates' pieces, printed in the whole-file PDF). */
  pdfMustOpen?: boolean;
}

/**
 * Checks the bytes of an upload before anything is stored (see the head of this module): its type as
 * read from the content, and whether clamd scanned it (false when the scan is off).
 */
export async function checkUpload<T extends string>(app: FastifyInstance, data: Buffer, rules: UploadRules<T>): Promise<{ type: T; scanned: boolean }> {
  if (data.length === 0) throw badRequest('file', { fr: 'fichier vide.', en: 'empty file: choose a file that has content.' });
  const { TECH_FILE_MAX_SIZE: maxMb } = await readParameters(app.db, ['TECH_FILE_MAX_SIZE']);
  if (data.length > maxMb * 1024 * 1024)
    throw badRequest('file', { fr: `fichier trop volumineux (${maxMb} Mo au plus).`, en: `file too large (${maxMb} MB at most): upload a smaller one.` });
  const type = await sniffedType(data, rules.accepted);
  if (!type) throw badRequest('file', rules.typeRefused);
  if (type === 'application/pdf') {
    const reading = await readPdf(data);
    if (reading === 'too-slow')
      throw badRequest('file', {
        fr: 'le PDF n’a pas pu être contrôlé à temps (structure trop complexe ou abîmée) : enregistrez-le à nouveau en PDF simple (« Imprimer en PDF »).',
        en: 'the PDF could not be checked in time (too complex or damaged a structure): save it again as a plain PDF (“Print to PDF”).',
      });
    if (rules.pdfMustOpen && reading.pages === 0) throw badRequest('file', rules.typeRefused);
    const active = pdfActiveContent(data, reading);
    if (active)
      throw badRequest('file', {
        fr: `le PDF contient du contenu actif (${active}) : JavaScript et actions automatiques sont refusés. Enregistrez-le à nouveau en PDF simple (« Imprimer en PDF »).`,
        en: `the PDF carries active content (${active}): JavaScript and automatic actions are refused. Save it again as a plain PDF (“Print to PDF”).`,
      });
  }
  if (isPolyglot(data, type))
    throw badRequest('file', {
      fr: 'le fichier contient aussi du code de page web (HTML ou script) : il est refusé. Enregistrez-le à nouveau depuis votre logiciel.',
      en: 'the file also contains web page code (HTML or script): it is refused. Save it again from your software.',
    });
  if (!app.config.clamav) return { type, scanned: false };
  let verdict;
  try {
    verdict = await scanBytes(app.config.clamav, data);
  } catch (err) {
    if (!(err instanceof ScannerUnavailable)) throw err;
    app.log.error({ reason: err.message }, 'virus scan unavailable: upload refused');
    throw unavailable({
      fr: 'Le contrôle antivirus des fichiers est momentanément indisponible : rien n’a été enregistré, réessayez dans quelques minutes.',
      en: 'The virus check of files is unavailable for the moment: nothing was stored, try again in a few minutes.',
    });
  }
  if (verdict.infected) {
    app.log.warn({ signature: verdict.signature, size: data.length }, 'upload refused: virus found');
    throw fileProblem(422, {
      fr: `le fichier est refusé : virus détecté (${verdict.signature}).`,
      en: `the file is refused: virus detected (${verdict.signature}).`,
    });
  }
  return { type, scanned: true };
}
