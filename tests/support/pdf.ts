// A small PDF that opens (one blank page), as a candidate's upload must be: `note` and `padding`
// (characters) go into comments, to tell two files apart or to make one big.
export function minimalPdf(note = 'pièce de test', padding = 0): string {
  return (
    `%PDF-1.4\n% ${note}\n` +
    (padding > 0 ? `%${'x'.repeat(padding)}\n` : '') +
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n'
  );
}
