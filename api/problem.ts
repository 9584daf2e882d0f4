// Errors as RFC 9457 problem details (`application/problem+json`), with the offending field when
// there is one. Route code throws `HttpProblem`; plugins/errors.ts turns anything thrown into one.
// A problem's title, detail and field messages may be given in both languages ({ fr, en }): the
// answer is worded in the reader's (Accept-Language, api/language.ts) without the route or service
// having to know it. A plain string is taken as written for every reader (then the title comes from
// PROBLEM_TITLES in English).
import { fieldLabel } from '../contracts/field-labels.ts';
import { REFUSALS, type FieldError, type LocalizedFieldError, type LocalizedText } from '../contracts/refusals.ts';
import type { Language } from './language.ts';

export type { FieldError, LocalizedFieldError, LocalizedText };

/** A text as a problem takes it: in both languages, or one string for everyone. */
export type ProblemText = string | LocalizedText;

const inLanguage = (text: ProblemText, lang: Language): string => (typeof text === 'string' ? text : text[lang]);

export class HttpProblem extends Error {
  /** The French title, detail and field errors (the wording of a reader who names no language). */
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(
    readonly status: number,
    private readonly titleText: ProblemText,
    private readonly detailText: ProblemText,
    private readonly errorTexts: (FieldError | LocalizedFieldError)[] = [],
    /** A URI naming the kind of problem (RFC 9457 `type`); `about:blank` when the status says it all. */
    readonly type = 'about:blank',
  ) {
    super(inLanguage(detailText, 'fr'));
    this.title = inLanguage(titleText, 'fr');
    this.detail = inLanguage(detailText, 'fr');
    this.errors = this.worded('fr').errors;
  }

  /** The title, detail and field errors as a reader of this language reads them. */
  worded(lang: Language): { title: string; detail: string; errors: FieldError[] } {
    const title = typeof this.titleText === 'string' && lang === 'en' ? (PROBLEM_TITLES[this.status]?.en ?? this.titleText) : inLanguage(this.titleText, lang);
    return {
      title,
      detail: inLanguage(this.detailText, lang),
      errors: this.errorTexts.map((e) => ({ field: e.field, message: inLanguage(e.message, lang) })),
    };
  }
}

/** 400 on one field, named by its label in the reader's language ("Fichier : fichier vide."). */
export const badRequest = (field: string, message: ProblemText) => {
  const text = (lang: Language) => `${fieldLabel(field, lang)}${lang === 'fr' ? ' : ' : ': '}${inLanguage(message, lang)}`;
  const worded = { fr: text('fr'), en: text('en') };
  return new HttpProblem(400, PROBLEM_TITLES[400]!, worded, [{ field, message: worded }]);
};
export const unauthorized = (detail: ProblemText = { fr: 'Authentification requise.', en: 'You need to log in.' }) =>
  new HttpProblem(401, PROBLEM_TITLES[401]!, detail);
export const forbidden = (detail: ProblemText) => new HttpProblem(REFUSALS.Forbidden.status, REFUSALS.Forbidden.title, detail);
export const notFound = (detail: ProblemText) => new HttpProblem(404, PROBLEM_TITLES[404]!, detail);
export const conflict = (detail: ProblemText, errors: (FieldError | LocalizedFieldError)[] = []) =>
  new HttpProblem(REFUSALS.Conflict.status, REFUSALS.Conflict.title, detail, errors);
/** 400 on the request's body as a whole (not JSON, a NUL character): the detail is the message. */
export const invalidBody = (message: LocalizedText) => new HttpProblem(400, PROBLEM_TITLES[400]!, message, [{ field: 'body', message }]);
export const unavailable = (detail: ProblemText) => new HttpProblem(503, PROBLEM_TITLES[503]!, detail);

/** The title of a problem by its status, in French and English (the detail says the rest); the refusals' own from contracts/refusals.ts. */
export const PROBLEM_TITLES: Record<number, LocalizedText> = {
  400: { fr: 'Requête invalide', en: 'Invalid request' },
  401: { fr: 'Non authentifié', en: 'Not authenticated' },
  [REFUSALS.Forbidden.status]: REFUSALS.Forbidden.title,
  404: { fr: 'Introuvable', en: 'Not found' },
  [REFUSALS.Conflict.status]: REFUSALS.Conflict.title,
  413: { fr: 'Requête trop volumineuse', en: 'Request too large' },
  415: { fr: 'Type de contenu non pris en charge', en: 'Unsupported content type' },
  [REFUSALS.Invalid.status]: REFUSALS.Invalid.title,
  429: { fr: 'Trop de tentatives', en: 'Too many attempts' },
  500: { fr: 'Erreur interne', en: 'Internal error' },
  503: { fr: 'Service indisponible', en: 'Service unavailable' },
};
