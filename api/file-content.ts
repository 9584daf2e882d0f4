// What an uploaded file really is, read from its content (file-type: magic bytes, never the name nor
// the declared type): the one check of every upload, the setup's files (api/setup/files.ts) and the
// candidates' pieces (api/transition-inputs.ts). A candidate's PDF must also open (pdf-lib): the
// commission reads it inside the whole-file PDF (api/letters/dossier.ts).
import { fileTypeFromBuffer } from 'file-type';
import { PDFDocument } from 'pdf-lib';

/** The file's type read from its content when it is one of `accepted`; null otherwise. */
export async function sniffedType<T extends string>(data: Buffer, accepted: readonly T[]): Promise<T | null> {
  const type = (await fileTypeFromBuffer(data))?.mime;
  return type && (accepted as readonly string[]).includes(type) ? (type as T) : null;
}

/** Whether pdf-lib opens the PDF and finds a page in it (encrypted ones too: their pages are still listed). */
export async function pdfOpens(data: Buffer): Promise<boolean> {
  try {
    const doc = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount() > 0;
  } catch {
    return false;
  }
}
