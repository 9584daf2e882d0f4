// Downloads of the exports (POST /api/staff/candidatures/{export.xlsx,documents.zip,dossiers.zip}):
// the answer is streamed by the server, so it is read chunk by chunk to say how much has arrived,
// then handed to the browser as a file. The column choice of the export is remembered here too.
import { EXPORT_COLUMNS, EXPORT_PRESETS, type ExportColumnKey } from '../../../../contracts/staff-export.ts';
import { ApiError } from '../../api.ts';
import { currentLocale } from '../../i18n.ts';

/** The file name the server gives (Content-Disposition, RFC 6266 `filename*` first). */
function fileNameOf(disposition: string | null, fallback: string): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/** POSTs `body` to `path`, reads the file while reporting the bytes received, and saves it. Its name. */
export async function downloadExport(path: string, body: unknown, onBytes: (received: number) => void): Promise<string> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/octet-stream, application/problem+json',
        'Accept-Language': currentLocale() === 'en' ? 'en, fr;q=0.5' : 'fr, en;q=0.5',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {});
  }
  if (!res.ok) {
    const problem = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => ({})) : {};
    throw new ApiError(res.status, { status: res.status, ...problem });
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = res.body?.getReader();
  if (reader)
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onBytes(received);
    }
  const name = fileNameOf(res.headers.get('content-disposition'), path.split('/').pop() ?? 'export');
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

const STORAGE_KEY = 'ecandidat.staffExport.columns';

/** The columns chosen last time on this computer (unknown keys dropped), else the usual ones. */
export function rememberedColumns(): ExportColumnKey[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) {
      const known = saved.filter((k): k is ExportColumnKey => typeof k === 'string' && k in EXPORT_COLUMNS);
      if (known.length) return known;
    }
  } catch {
    /* storage refused or unreadable: the usual columns */
  }
  return [...EXPORT_PRESETS.default];
}

export function rememberColumns(columns: ExportColumnKey[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(columns));
  } catch {
    /* private browsing: not remembered */
  }
}
