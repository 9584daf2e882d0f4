// The original name of an uploaded file, made safe once when it is stored: what the browser sent may
// hold a path, quotes, control characters or bidirectional overrides (and browsers send `"` and CR/LF
// percent-encoded in a multipart file name). Letters with accents, spaces and the extension stay.

/** Control characters, bidi embeddings / overrides / isolates, and characters no file name should hold. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"'`<>:*?|\\/;]/g;

/** "C:\\tmp\\relevé \"final\".pdf" → "relevé final.pdf"; an empty result gives `fallback`. */
export function cleanFileName(raw: string, fallback = 'fichier'): string {
  let name = raw;
  // Percent-encoded by the browser (%22, %0D%0A…): decoded first, so that what it stood for is removed too.
  if (/%[0-9a-f]{2}/i.test(name)) {
    try {
      name = decodeURIComponent(name);
    } catch {
      /* not an encoding: taken as it is */
    }
  }
  const base = name.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|\s+$/g, '')
    .slice(0, 200);
  return clean || fallback;
}
