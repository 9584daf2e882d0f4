// The layout every PDF of the candidate shares (letters, receipt, whole file): A4 pages written top
// to bottom with a Unicode font (DejaVu Sans, from the `dejavu-fonts-ttf` package: any name prints,
// whatever its script), wrapped paragraphs, "label: value" lines, headings, images, and a new page
// when the current one is full. pdf-lib writes; fontkit embeds the font (subset to the glyphs used).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from 'pdf-lib';

const require = createRequire(import.meta.url);
let fonts: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

function fontBytes() {
  fonts ??= Promise.all([
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const GREY = rgb(0.35, 0.35, 0.35);

export interface TextOptions {
  size?: number;
  bold?: boolean;
  grey?: boolean;
  align?: 'left' | 'right';
}

/** A PDF being written, with its cursor. */
export class PdfWriter {
  page!: PDFPage;
  y = 0;
  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    /** "Label : value" in French, "Label: value" in English. */
    private readonly separator: string,
  ) {}

  static async create(title: string, language: 'fr' | 'en'): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(fontkit);
    const bytes = await fontBytes();
    const [regular, bold] = await Promise.all([doc.embedFont(bytes.regular, { subset: true }), doc.embedFont(bytes.bold, { subset: true })]);
    doc.setTitle(title);
    doc.setLanguage(language);
    doc.setProducer('eCandidat');
    doc.setCreator('eCandidat');
    const writer = new PdfWriter(doc, regular, bold, language === 'fr' ? ' : ' : ': ');
    writer.newPage();
    return writer;
  }

  get width(): number {
    return A4[0] - 2 * MARGIN;
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  gap(points = 10): void {
    this.y -= points;
  }

  /** A paragraph, wrapped to the page width (explicit line breaks kept). */
  text(content: string, options: TextOptions = {}): void {
    const size = options.size ?? 10.5;
    const font = options.bold ? this.bold : this.regular;
    const lineHeight = size * 1.35;
    for (const line of wrap(content, font, size, this.width)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      const x = options.align === 'right' ? MARGIN + this.width - font.widthOfTextAtSize(line, size) : MARGIN;
      this.page.drawText(line, { x, y: this.y + size * 0.3, size, font, color: options.grey ? GREY : rgb(0, 0, 0) });
    }
  }

  /** Several lines (null or empty ones skipped). */
  lines(lines: readonly (string | null | undefined)[], options: TextOptions = {}): void {
    for (const line of lines) if (line) this.text(line, options);
  }

  heading(content: string, size = 13): void {
    this.gap(size * 0.6);
    this.ensure(size * 3);
    this.text(content, { size, bold: true });
    this.gap(3);
  }

  /** "Label: value" (the value wrapped under itself). Skipped when the value is empty. */
  field(label: string, value: string | number | null | undefined, size = 10): void {
    if (value === null || value === undefined || value === '') return;
    const labelText = `${label}${this.separator}`;
    const labelWidth = this.bold.widthOfTextAtSize(labelText, size);
    if (labelWidth > this.width * 0.45) {
      // A long label (a question) on its own lines, the value under it.
      this.text(labelText.trimEnd(), { size, bold: true });
      this.text(String(value), { size });
      return;
    }
    const lineHeight = size * 1.35;
    const valueLines = wrap(String(value), this.regular, size, this.width - labelWidth);
    valueLines.forEach((line, i) => {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      if (i === 0) this.page.drawText(labelText, { x: MARGIN, y: this.y + size * 0.3, size, font: this.bold });
      this.page.drawText(line, { x: MARGIN + labelWidth, y: this.y + size * 0.3, size, font: this.regular });
    });
  }

  /** A table of rows (first row bold), columns sharing the width by the given fractions. */
  table(rows: readonly (readonly string[])[], fractions: readonly number[], size = 9.5): void {
    const lineHeight = size * 1.35;
    rows.forEach((row, r) => {
      const font = r === 0 ? this.bold : this.regular;
      const cells = row.map((cell, c) => wrap(cell, font, size, fractions[c]! * this.width - 6));
      const height = Math.max(...cells.map((c) => c.length)) * lineHeight + 4;
      this.ensure(height);
      let x = MARGIN;
      cells.forEach((cellLines, c) => {
        cellLines.forEach((line, i) => this.page.drawText(line, { x, y: this.y - (i + 1) * lineHeight + size * 0.3, size, font }));
        x += fractions[c]! * this.width;
      });
      this.y -= height;
      this.page.drawLine({ start: { x: MARGIN, y: this.y + 2 }, end: { x: MARGIN + this.width, y: this.y + 2 }, thickness: 0.4, color: GREY });
    });
  }

  /** An image (PNG or JPEG) at most `maxWidth` × `maxHeight`, at the left or right margin. */
  async image(bytes: Uint8Array, mimeType: string, maxWidth: number, maxHeight: number, align: 'left' | 'right' = 'left'): Promise<void> {
    const image = await embedImage(this.doc, bytes, mimeType);
    if (!image) return;
    const { width, height } = image.scaleToFit(maxWidth, maxHeight);
    this.ensure(height + 4);
    this.y -= height + 4;
    const x = align === 'right' ? MARGIN + this.width - width : MARGIN;
    this.page.drawImage(image, { x, y: this.y, width, height });
  }

  /** Page numbers at the bottom of every page ("1 / 3"), then the bytes. */
  async save(footer?: string): Promise<Buffer> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = `${footer ? `${footer} — ` : ''}${i + 1} / ${pages.length}`;
      const size = 8;
      page.drawText(label, { x: A4[0] - MARGIN - this.regular.widthOfTextAtSize(label, size), y: MARGIN / 2, size, font: this.regular, color: GREY });
    });
    return Buffer.from(await this.doc.save());
  }
}

/** Embeds a PNG or JPEG (null for another type or a file that does not decode). */
export async function embedImage(doc: PDFDocument, bytes: Uint8Array, mimeType: string): Promise<PDFImage | null> {
  try {
    if (mimeType === 'image/png') return await doc.embedPng(bytes);
    if (mimeType === 'image/jpeg') return await doc.embedJpg(bytes);
  } catch {
    return null;
  }
  return null;
}

/** Splits a text into lines that fit `width` at `size` (a word longer than the width is cut). */
export function wrap(content: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of content.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}

/** Paris day of an instant or a YYYY-MM-DD day, as the language writes it ("5 décembre 2026", "5 December 2026"). */
export function formatDay(value: string | Date | null | undefined, language: 'fr' | 'en'): string | null {
  if (!value) return null;
  const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
    date,
  );
}

/** An instant with its Paris time ("5 décembre 2026 à 14:03"). */
export function formatInstant(value: string | Date | null | undefined, language: 'fr' | 'en'): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(date);
  return `${formatDay(date, language)} ${language === 'fr' ? 'à' : 'at'} ${time}`;
}
