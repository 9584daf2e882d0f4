// Mail templates as eCandidat writes them (reference §3.3): `${name}` variables and
// `{if($name)}…{endif($name)}` blocks kept only when the variable has a value. Plain substitution,
// no code execution, so admins can edit templates safely.
//
// - The variables: every variable a mail may use, in groups (`MAIL_VARIABLE_GROUPS`: name, French and
//   English description, a sample value for previews), and which groups each mail code offers
//   (`mailVariableGroups`). activities/mail.ts builds exactly the candidature groups' variables
//   (typed by `CandidatureVariable`); the setup API checks a template against what its code offers.
// - The rendering: `renderMail` gives the subject (plain text), a text part and an HTML part. A body
//   may be HTML (the rich-text mails of the reference) or plain text: in the HTML part every value is
//   escaped, a plain body becomes escaped paragraphs, and an HTML body becomes the text part through
//   html-to-text.
// - The check: `mailTemplateProblems` finds a variable the code does not offer and an `{if}` without
//   its `{endif}` (or the reverse).
// @ts-expect-error html-to-text 10 ships no type declarations: typed below (`HtmlToText`).
import { convert as untypedConvert } from 'html-to-text';

export type MailVariables = Record<string, string | number | null | undefined>;

interface HtmlToTextOptions {
  wordwrap?: number | false | null;
  selectors?: { selector: string; format?: string; options?: Record<string, unknown> }[];
}
type HtmlToText = (html: string, options?: HtmlToTextOptions) => string;
const htmlToText = untypedConvert as HtmlToText;

// ── The variables ─────────────────────────────────────────────────────────────────────────────────

export interface MailVariableDefinition {
  /** As written in a template: `${candidat.nomPat}`. */
  readonly name: string;
  readonly description: { readonly fr: string; readonly en: string };
  /** What a preview shows in its place. */
  readonly sample: string;
  /** A URL the HTML part shows as a link (`<a href>`); the text part shows the URL itself. */
  readonly link?: boolean;
}

const v = <const N extends string>(name: N, fr: string, en: string, sample: string, link?: boolean) =>
  ({ name, description: { fr, en }, sample, ...(link ? { link } : {}) }) as const;

/** The variable groups of reference §3.3 (`NomenclatureUtils.MAIL_*_VAR`) and the per-transition ones. */
export const MAIL_VARIABLE_GROUPS = {
  campagne: [v('libelleCampagne', 'Libellé de la campagne', 'Campaign label', 'Campagne 2026-2027')],
  candidat: [
    v('candidat.civilite', 'Civilité du candidat', 'Applicant’s title', 'Mme'),
    v('candidat.numDossierOpi', 'Numéro de dossier', 'File number', 'DEMO0001'),
    v('candidat.nomPat', 'Nom de naissance', 'Birth name', 'MARTIN'),
    v('candidat.nomUsu', 'Nom d’usage', 'Usual name', 'DURAND'),
    v('candidat.prenom', 'Prénom', 'First name', 'Léa'),
    v('candidat.autrePrenom', 'Autres prénoms', 'Other first names', 'Marie'),
    v('candidat.ine', 'INE (identifiant national étudiant)', 'INE (national student number)', '0123456789'),
    v('candidat.cleIne', 'Clé de l’INE', 'INE key', 'K'),
    v('candidat.datNaiss', 'Date de naissance', 'Birth date', '17/05/2003'),
    v('candidat.libVilleNaiss', 'Ville de naissance', 'Birth city', 'Lyon'),
    v('candidat.libLangue', 'Langue du candidat', 'Applicant’s language', 'Français'),
    v('candidat.tel', 'Téléphone', 'Phone', '04 72 00 00 00'),
    v('candidat.telPort', 'Téléphone portable', 'Mobile phone', '06 12 34 56 78'),
  ],
  formation: [
    v('formation.code', 'Code de la formation', 'Programme code', 'MINFO-M1'),
    v('formation.libelle', 'Libellé de la formation', 'Programme label', 'Master Informatique - 1re année'),
    v('formation.codEtpVetApo', 'Code étape (VET) Apogée', 'Apogée stage (VET) code', 'M1INF'),
    v('formation.codVrsVetApo', 'Version d’étape Apogée', 'Apogée stage version', '1'),
    v('formation.libApo', 'Libellé Apogée', 'Apogée label', 'M1 Informatique'),
    v('formation.motCle', 'Mots-clés', 'Keywords', 'informatique, réseaux'),
    v('formation.datDebDepot', 'Début de dépôt des candidatures', 'Applications open on', '01/09/2026'),
    v('formation.datFinDepot', 'Fin de dépôt des candidatures', 'Applications close on', '30/06/2027'),
    v('formation.datPreAnalyse', 'Date de pré-analyse', 'Pre-analysis date', '05/07/2027'),
    v('formation.datRetour', 'Date limite de retour du dossier', 'File return deadline', '15/07/2027'),
    v('formation.datJury', 'Date du jury', 'Jury date', '20/07/2027'),
    v('formation.datPubli', 'Date de publication des résultats', 'Results published on', '22/07/2027'),
    v('formation.datConfirm', 'Date limite de confirmation', 'Confirmation deadline', '30/07/2027'),
  ],
  commission: [
    v('commission.libelle', 'Libellé de la commission', 'Committee label', 'Commission Informatique & Réseaux'),
    v('commission.mail', 'Adresse e-mail de la commission', 'Committee e-mail address', 'commission.info@univ.example'),
    v('commission.adresse', 'Adresse de la commission', 'Committee address', '1 rue de l’Université, 69000 Lyon'),
    v('commission.tel', 'Téléphone de la commission', 'Committee phone', '04 72 00 00 01'),
    v('commission.url', 'Adresse web de la commission', 'Committee web address', 'https://www.univ.example/informatique'),
    v('commission.fax', 'Fax de la commission', 'Committee fax', '04 72 00 00 02'),
    v('commission.commentaireRetour', 'Consignes de retour du dossier', 'Instructions for returning the file', 'Déposez toutes les pièces en PDF.'),
    v('commission.signataire', 'Signataire des lettres', 'Letter signatory', 'La présidente de la commission'),
  ],
  dossier: [
    v('dossier.dateReception', 'Date de réception du dossier', 'Date the file was received', '16/07/2027'),
    v('dossier.montantFraisIns', 'Montant des frais d’inscription', 'Registration fee', '243.00'),
    v('dossier.complementExo', 'Complément d’exonération', 'Fee exemption details', 'Boursier sur critères sociaux'),
  ],
  decision: [
    v('commentaire', 'Commentaire de la commission', 'Committee’s comment', 'Très bon dossier.'),
    v('complementAppel', 'Mention d’un avis rendu en appel', 'Mention of a decision on appeal', 'appel'),
    v('motif', 'Motif de l’avis défavorable', 'Reason for an unfavourable decision', 'Capacité d’accueil atteinte'),
    v('complementPreselect', 'Convocation à l’entretien (présélection)', 'Interview appointment (preselection)', '2027-07-10 14:00, Bâtiment A'),
    v('rang', 'Rang sur liste complémentaire', 'Rank on the complementary list', '3'),
  ],
  confirmation: [v('dateConfirm', 'Date limite de réponse à la proposition', 'Deadline to answer the offer', '30/07/2027')],
  opi: [
    v('newCodeOpi', 'Nouveau code de pré-inscription (OPI)', 'New pre-registration (OPI) code', 'OPI0012345'),
    v('formationsOpi', 'Formations concernées par le code', 'Programmes the code applies to', 'Master Informatique - 1re année'),
  ],
  formulaires: [v('formulaires', 'Formulaires restant à compléter', 'Forms still to be completed', 'Questionnaire de motivation')],
  compte: [
    v('prenom', 'Prénom', 'First name', 'Léa'),
    v('nom', 'Nom', 'Last name', 'MARTIN'),
    v('numDossierOpi', 'Numéro de dossier', 'File number', 'DEMO0001'),
    v(
      'lienValidation',
      'Lien de validation du compte (adresse)',
      'Account confirmation link (URL)',
      'https://ecandidat.univ.example/compte/valider?cle=exemple',
    ),
    v(
      'lienValidationHtml',
      'Lien de validation du compte (cliquable)',
      'Account confirmation link (clickable)',
      'https://ecandidat.univ.example/compte/valider?cle=exemple',
      true,
    ),
    v('jourDestructionCptMin', 'Date de suppression du compte non validé', 'Date an unconfirmed account is deleted', '05/09/2026'),
    v(
      'lienReinitialisation',
      'Lien de réinitialisation du mot de passe (adresse)',
      'Password reset link (URL)',
      'https://ecandidat.univ.example/compte/mot-de-passe?cle=exemple',
    ),
    v(
      'lienReinitialisationHtml',
      'Lien de réinitialisation du mot de passe (cliquable)',
      'Password reset link (clickable)',
      'https://ecandidat.univ.example/compte/mot-de-passe?cle=exemple',
      true,
    ),
    v('datFinReinitCptMin', 'Fin de validité du lien de réinitialisation', 'Password reset link valid until', '02/09/2026 18:00'),
  ],
} as const satisfies Record<string, readonly MailVariableDefinition[]>;

export type MailVariableGroup = keyof typeof MAIL_VARIABLE_GROUPS;
type NamesOf<G extends MailVariableGroup> = (typeof MAIL_VARIABLE_GROUPS)[G][number]['name'];

/** The groups every candidature mail offers (the candidature's own data, activities/mail.ts). */
export const CANDIDATURE_VARIABLE_GROUPS = ['campagne', 'candidat', 'formation', 'commission', 'dossier'] as const satisfies readonly MailVariableGroup[];
/** A variable every candidature mail gets. */
export type CandidatureVariable = NamesOf<(typeof CANDIDATURE_VARIABLE_GROUPS)[number]>;

/** Codes that carry the confirmation deadline of an offer (`dateConfirm`) besides the decision mails. */
const CONFIRMATION_CODES: readonly string[] = ['TYPE_TRAIT_AD', 'CANDIDATURE_RELANCE_FAVO'];

/** Whether a code is a decision mail (AVIS_* or a custom decision type's mail). */
export const isDecisionMail = (code: string, opinionKindCode?: string | null) => code.startsWith('AVIS_') || !!opinionKindCode;

/**
 * The variable groups a mail code offers: the account variables for account mails (CPT_MIN_*);
 * for every candidature mail the candidature groups, plus the decision and confirmation ones for a
 * decision mail (AVIS_*, or a template with an opinion kind), and the variables of the few mails
 * that get their own (OPI code change, forms reminder).
 */
export function mailVariableGroups(code: string, opts: { opinionKindCode?: string | null } = {}): MailVariableGroup[] {
  if (code.startsWith('CPT_MIN_')) return ['compte'];
  const groups: MailVariableGroup[] = [...CANDIDATURE_VARIABLE_GROUPS];
  if (isDecisionMail(code, opts.opinionKindCode)) groups.push('decision', 'confirmation');
  else if (CONFIRMATION_CODES.includes(code)) groups.push('confirmation');
  if (code === 'CANDIDATURE_MODIF_COD_OPI') groups.push('opi');
  if (code === 'CANDIDATURE_RELANCE_FORMULAIRE') groups.push('formulaires');
  return groups;
}

/** The variables a mail code offers, in group order. */
export function mailVariables(code: string, opts: { opinionKindCode?: string | null } = {}): MailVariableDefinition[] {
  return mailVariableGroups(code, opts).flatMap((g): readonly MailVariableDefinition[] => MAIL_VARIABLE_GROUPS[g]);
}

/** Every variable's sample value: what a preview renders. */
export function sampleVariables(variables: readonly MailVariableDefinition[]): MailVariables {
  return Object.fromEntries(variables.map((d) => [d.name, d.sample]));
}

const LINK_VARIABLES: ReadonlySet<string> = new Set(
  (Object.values(MAIL_VARIABLE_GROUPS) as readonly (readonly MailVariableDefinition[])[])
    .flat()
    .filter((d) => d.link)
    .map((d) => d.name),
);

// ── Rendering ─────────────────────────────────────────────────────────────────────────────────────

const present = (vars: MailVariables, name: string) => Object.hasOwn(vars, name) && vars[name] !== undefined && vars[name] !== null && vars[name] !== '';

/** `{if($x)}` blocks whose body holds no other `{if(`: innermost first, so nested blocks work. */
const INNERMOST_BLOCK = /\{if\(\$([\w.]+)\)\}((?:(?!\{if\(\$)[\s\S])*?)\{endif\(\$\1\)\}/g;
const VARIABLE = /\$\{([\w.]+)\}/g;

/** The template with its `{if}` blocks kept (their variable has a value) or dropped. */
function keptBlocks(template: string, vars: MailVariables): string {
  let text = template;
  for (let i = 0; i <= template.length; i++) {
    const next = text.replace(INNERMOST_BLOCK, (_m, name: string, body: string) => (present(vars, name) ? body : ''));
    if (next === text) break;
    text = next;
  }
  return text;
}

/** Keeps or drops the `{if}` blocks, then puts each value (as `value` writes it) in place of its `${name}`. */
function substitute(template: string, vars: MailVariables, value: (name: string, raw: string) => string): string {
  return keptBlocks(template, vars).replace(VARIABLE, (_m, name: string) => (present(vars, name) ? value(name, String(vars[name])) : ''));
}

/**
 * The variables a template writes outside the `{if}` blocks it drops that have no value: each is a
 * blank in the mail ("avant le  depuis"). Empty when every slot is filled.
 */
export function emptyVariables(template: string, vars: MailVariables): string[] {
  const names = [...keptBlocks(template, vars).matchAll(VARIABLE)].map((m) => m[1]!);
  return [...new Set(names.filter((name) => !present(vars, name)))];
}

/** The template as plain text: values as they are, unknown or empty variables as nothing. */
export function renderMailTemplate(template: string, vars: MailVariables): string {
  return substitute(template, vars, (_name, raw) => raw);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A body written in HTML (the reference's rich-text editor) rather than plain text. */
const HTML_TAG =
  /<\/?(?:p|br|div|span|a|b|strong|i|em|u|s|small|sup|sub|ul|ol|li|h[1-6]|table|thead|tbody|tr|td|th|img|hr|blockquote|pre|font|center|html|body)\b[^<>]*>/i;
export const isHtmlBody = (body: string) => HTML_TAG.test(body);

const escapedValue = (name: string, raw: string) => (LINK_VARIABLES.has(name) ? `<a href="${escapeHtml(raw)}">${escapeHtml(raw)}</a>` : escapeHtml(raw));

/** Blank lines separate paragraphs, single line breaks become `<br>`; the input is already escaped. */
function paragraphs(escaped: string): string {
  return escaped
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${p.split('\n').join('<br>\n')}</p>`)
    .join('\n');
}

/**
 * Line breaks typed between two pieces of text of an HTML body (a plain-text mail where one tag was
 * added) stay line breaks (`<br>`, two for a blank line); those next to a tag are the markup's layout.
 */
function textLineBreaks(body: string): string {
  return body
    .replace(/\r\n?/g, '\n')
    .replace(/([^>\s])[ \t]*(\n\s*)(?=[^<\s])/g, (_m, before: string, breaks: string) =>
      breaks.split('\n').length > 2 ? `${before}<br><br>\n` : `${before}<br>\n`,
    );
}

const TEXT_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
};

export interface RenderedMailParts {
  /** Plain text, on one line. */
  subject: string;
  text: string;
  html: string;
}

/**
 * A template rendered for sending: the subject as plain text on one line; for a plain-text body the
 * text as it is and the HTML part as escaped paragraphs; for an HTML body the HTML with every value
 * escaped and the text part converted from it. Values never become markup (a name `<b>` stays text).
 */
export function renderMail(template: { subject: string; body: string }, vars: MailVariables): RenderedMailParts {
  const subject = renderMailTemplate(template.subject, vars)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  if (isHtmlBody(template.body)) {
    const html = substitute(textLineBreaks(template.body), vars, escapedValue);
    return { subject, text: htmlToText(html, TEXT_OPTIONS).trim(), html };
  }
  return {
    subject,
    text: renderMailTemplate(template.body, vars),
    // Escaping leaves `${…}` and `{if(…)}` as they are: the template is escaped, then the escaped values go in.
    html: paragraphs(substitute(escapeHtml(template.body), vars, escapedValue)),
  };
}

// ── Checking a template ───────────────────────────────────────────────────────────────────────────

export interface MailTemplateProblem {
  /** The text at fault, as written: `${candidat.nom}`, `{if($motif)}`. */
  token: string;
  message: { fr: string; en: string };
}

const TOKEN = /\$\{([^{}]*)\}|\{(if|endif)\(([^()]*)\)\}/g;

/**
 * What is wrong with a subject or body for a code offering `offered`: a `${name}` or `{if($name)}`
 * the code does not offer, an `{if}` or `{endif}` not written `($name)`, an `{if($x)}` without its
 * `{endif($x)}` or the reverse (blocks nest, they do not cross). Empty when it is right.
 */
export function mailTemplateProblems(template: string, offered: Iterable<string>): MailTemplateProblem[] {
  const names = new Set(offered);
  const problems: MailTemplateProblem[] = [];
  const reported = new Set<string>();
  const unknown = (token: string) => {
    if (reported.has(token)) return;
    reported.add(token);
    problems.push({ token, message: { fr: `« ${token} » n’est pas une variable de ce mail.`, en: `“${token}” is not a variable of this mail.` } });
  };
  const open: string[] = [];
  for (const m of template.matchAll(TOKEN)) {
    const [token, variable, keyword, argument] = m;
    if (variable !== undefined) {
      if (!names.has(variable)) unknown(token);
      continue;
    }
    const name = /^\$([\w.]+)$/.exec(argument!)?.[1];
    if (!name) {
      problems.push({
        token,
        message: { fr: `« ${token} » : écrivez {${keyword}($nomDeVariable)}.`, en: `“${token}”: write {${keyword}($variableName)}.` },
      });
      continue;
    }
    if (!names.has(name)) unknown(`\${${name}}`);
    if (keyword === 'if') {
      open.push(name);
      continue;
    }
    if (open.at(-1) === name) {
      open.pop();
    } else if (open.includes(name)) {
      const inner = open.pop()!;
      problems.push(unclosed(inner));
      while (open.length && open.at(-1) !== name) problems.push(unclosed(open.pop()!));
      open.pop();
    } else {
      problems.push({
        token,
        message: { fr: `« ${token} » n’a pas de {if($${name})} avant lui.`, en: `“${token}” has no {if($${name})} before it.` },
      });
    }
  }
  while (open.length) problems.push(unclosed(open.pop()!));
  return problems;
}

function unclosed(name: string): MailTemplateProblem {
  const token = `{if($${name})}`;
  return { token, message: { fr: `« ${token} » n’est pas fermé par {endif($${name})}.`, en: `“${token}” is not closed by {endif($${name})}.` } };
}
