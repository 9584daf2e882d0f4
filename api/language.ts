// The language of an answer: the first of French or English the request's Accept-Language prefers
// (the web app sends "en, fr;q=0.5" or "fr, en;q=0.5"); French when it names neither.
import type { FastifyRequest } from 'fastify';

export type Language = 'fr' | 'en';

export function requestLanguage(request: Pick<FastifyRequest, 'headers'>): Language {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return 'fr';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag!.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.tag === 'fr' || l.tag === 'en')
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return (ranked[0]?.tag as Language | undefined) ?? 'fr';
}

/** The text of a message in the request's language. */
export function localized(request: Pick<FastifyRequest, 'headers'>, text: { fr: string; en: string }): string {
  return text[requestLanguage(request)];
}
