// Seed data, safe to run at every start (idempotent: rows are created when missing, never
// overwritten, so what administrators edit — labels, templates, parameters, rights — survives).
//
// - every mode: the reference codes (§3.1), decision types, unfavourable motives, functionalities and
//   profiles with their rights (§1.2), mail templates (§3.3), global parameters (§4.5), languages,
//   civilities;
// - development and test only: the demo data — two campaigns (Pégase, Apogée), two centres, four
//   commissions, fourteen formations, staff logins and candidates, all with password `Demo-2026!`.
import { hash } from '@node-rs/argon2';
import { PARAMETERS, SITE_MESSAGES } from '../domain/parameters.ts';
import { NO_PASSWORD } from '../domain/staff-account.ts';
import {
  DOSSIER_STATUSES,
  DOSSIER_STATUSES_SEEN_BY_COMMISSIONS,
  FINAL_TRAITEMENTS,
  FUNCTIONALITIES,
  MAIL_CODES,
  OPINION_KINDS,
  PIECE_STATUSES,
  PROFILES,
  SEEDED_DECISION_TYPES,
  TRAITEMENTS,
  type Functionality,
  type MailCode,
} from '../domain/codes.ts';
import en from '../web/src/locales/en.ts';
import fr from '../web/src/locales/fr.ts';
import type { PrismaClient, SisType } from './generated/client.ts';

export interface SeedOptions {
  mode: 'development' | 'test' | 'production';
  /** The first administrator (infra/config.ts `firstAdmin`): created when no active administrator exists. */
  firstAdmin?: FirstAdmin | null;
  log?: (line: string) => void;
}

export interface FirstAdmin {
  login: string;
  displayName: string;
  email: string;
  /** Absent: the account logs in through single sign-on only. */
  password?: string;
}

/** The password of every demo login (development and test modes only). */
export const DEMO_PASSWORD = 'Demo-2026!';

/** `YYYY-MM-DD` as a Date for `@db.Date` columns. */
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export async function seed(prisma: PrismaClient, opts: SeedOptions): Promise<void> {
  await seedCodes(prisma);
  await seedRights(prisma);
  await seedMailTemplates(prisma);
  await seedParameters(prisma);
  if (opts.mode !== 'production') await seedDemo(prisma);
  await seedFirstAdmin(prisma, opts);
}

/**
 * The first administrator of an installation (issue 9): when no active staff member holds the
 * `admin` profile, the configured login gets it (created, or re-activated). Once an administrator
 * exists, the configuration changes nothing: accounts are then managed from the setup screens.
 */
async function seedFirstAdmin(prisma: PrismaClient, opts: SeedOptions) {
  const log = opts.log ?? (() => {});
  const admins = await prisma.staffProfileGrant.count({ where: { profileCode: 'admin', user: { active: true } } });
  if (admins > 0) return;
  const first = opts.firstAdmin;
  if (!first) {
    log('no administrator yet: set FIRST_ADMIN_LOGIN and FIRST_ADMIN_EMAIL (and FIRST_ADMIN_PASSWORD or single sign-on) to create the first one');
    return;
  }
  const passwordHash = first.password ? await hash(first.password) : NO_PASSWORD;
  const user = await prisma.staffUser.upsert({
    where: { login: first.login },
    create: { login: first.login, displayName: first.displayName, email: first.email, passwordHash, active: true },
    update: { active: true, ...(first.password ? { passwordHash } : {}) },
  });
  await prisma.staffProfileGrant.createMany({ data: [{ userId: user.id, profileCode: 'admin' }], skipDuplicates: true });
  await prisma.auditEvent.create({
    data: {
      actor: 'system',
      action: 'staffUser.firstAdmin',
      subject: `staff:${first.login}`,
      details: { before: null, after: { login: first.login, profiles: ['admin'] } },
    },
  });
  log(`first administrator: ${first.login}${first.password ? '' : ' (single sign-on only)'}`);
}

// ───────────────────────────── Reference codes ─────────────────────────────

// The reference tables of the code lists (domain/codes.ts), labelled as the web app's catalogs label them.
const label = (list: keyof typeof fr.labels, code: string) => ({
  label: (fr.labels[list] as Record<string, string>)[code]!,
  labelEn: (en.labels[list] as Record<string, string>)[code]!,
});
const DOSSIER_STATUS_ROWS = DOSSIER_STATUSES.map((code) => ({
  code,
  ...label('dossierStatus', code),
  visibleToCommission: DOSSIER_STATUSES_SEEN_BY_COMMISSIONS.includes(code),
}));
const PIECE_STATUS_ROWS = PIECE_STATUSES.map((code) => ({ code, ...label('pieceStatus', code) }));
const TRAITEMENT_ROWS = TRAITEMENTS.map((code) => ({ code, ...label('traitement', code), final: FINAL_TRAITEMENTS.includes(code) }));
const OPINION_KIND_ROWS = OPINION_KINDS.map((code) => ({ code, ...label('opinionKind', code) }));
const DECISION_LABELS: Record<string, [string, string]> = {
  AVIS_FAVORABLE: ['Avis favorable', 'Favourable decision'],
  AVIS_DEFAVORABLE: ['Avis défavorable', 'Unfavourable decision'],
  AVIS_LISTE_ATT: ["Liste d'attente", 'Waiting list'],
  AVIS_LISTE_COMP: ['Liste complémentaire', 'Complementary list'],
  AVIS_PRESELECTION: ['Présélection', 'Preselection'],
};
const MOTIVES = [
  { code: 'CAPACITE', label: "Capacité d'accueil atteinte", labelEn: 'Capacity reached' },
  { code: 'PREREQUIS', label: 'Prérequis de la formation non satisfaits', labelEn: 'Prerequisites not met' },
  { code: 'NIVEAU', label: 'Niveau académique insuffisant', labelEn: 'Insufficient academic level' },
  { code: 'PROJET', label: 'Projet professionnel sans lien avec la formation', labelEn: 'Career plan unrelated to the programme' },
  { code: 'DOSSIER_INCOMPLET', label: 'Dossier incomplet à la date limite de retour', labelEn: 'File incomplete at the return deadline' },
];

async function seedCodes(prisma: PrismaClient) {
  for (const s of DOSSIER_STATUS_ROWS) await prisma.dossierStatusType.upsert({ where: { code: s.code }, create: s, update: {} });
  for (const s of PIECE_STATUS_ROWS) await prisma.pieceStatusType.upsert({ where: { code: s.code }, create: s, update: {} });
  for (const t of TRAITEMENT_ROWS) await prisma.traitementType.upsert({ where: { code: t.code }, create: t, update: {} });
  for (const k of OPINION_KIND_ROWS) await prisma.opinionKind.upsert({ where: { code: k.code }, create: k, update: {} });
  for (const d of SEEDED_DECISION_TYPES) {
    const [label, labelEn] = DECISION_LABELS[d.code]!;
    await prisma.decisionType.upsert({
      where: { code: d.code },
      create: {
        code: d.code,
        label,
        labelEn,
        opinionKindCode: d.kind,
        mailCode: d.mailCode,
        isModel: true,
        definitive: d.definitive,
        exportsToSis: d.exportsToSis,
        showComment: true,
        active: true,
      },
      update: {},
    });
  }
  for (const m of MOTIVES) await prisma.unfavourableMotive.upsert({ where: { code: m.code }, create: { ...m, active: true }, update: {} });
  for (const l of [
    { code: 'fr', label: 'Français', isDefault: true },
    { code: 'en', label: 'English', isDefault: false },
  ])
    await prisma.language.upsert({ where: { code: l.code }, create: l, update: {} });
  for (const c of [
    { code: 'M.', label: 'Monsieur', apogeeCode: '1', pegaseCode: 'M' },
    { code: 'Mme', label: 'Madame', apogeeCode: '2', pegaseCode: 'F' },
  ])
    await prisma.civility.upsert({ where: { code: c.code }, create: c, update: {} });
}

// ───────────────────────────── Functionalities and profiles (§1.2) ─────────────────────────────

const FUNCTIONALITY_LABELS: Record<Functionality, string> = {
  PARAMETRAGE: 'Écran paramétrage',
  STATISTIQUES: 'Écran tableau de bord',
  GEST_COMMISSION: 'Écran gestion des commissions',
  GEST_PJ: 'Écran gestion des pièces justificatives',
  GEST_FORMULAIRE: 'Écran gestion des formulaires',
  GEST_QUESTION: 'Écran gestion des questions',
  GEST_FORMATION: 'Écran gestion des formations',
  GEST_CANDIDATURE: 'Écran gestion des candidatures',
  GEST_PARAM_CC: 'Écrans gestion des paramètres de décision',
  GEST_FEN_CAND: "Action gestion d'une candidature",
  GEST_POST_IT: 'Action gestion du bloc-notes',
  EDIT_TYPTRAIT: 'Action saisie des types de traitement',
  VALID_TYPTRAIT: 'Action validation des types de traitement',
  EDIT_STATUT_DOSSIER: 'Action saisie du statut du dossier',
  EDIT_AVIS: 'Action saisie des avis',
  VALID_AVIS: 'Action validation des avis',
  VISU_HISTO_AVIS: "Action ouverture de l'historique des avis",
  GEST_NUM_OPI: 'Action saisie du code OPI',
  GEST_TAG: 'Action saisie des tags',
  GEST_DAT_CONFIRM: 'Action saisie de la date de confirmation',
  GEST_DAT_RETOUR: 'Action saisie de la date de retour',
  GEST_REGIME: 'Action saisie du régime',
  GEST_MONTANT: "Action saisie des droits d'inscription",
};
/** Marked "C" in the reference: granted read-only to the default commission profile. */
const COMMISSION_FUNCTIONALITIES: Functionality[] = ['PARAMETRAGE', 'GEST_CANDIDATURE', 'GEST_FEN_CAND'];
const FIRST_ACTION = FUNCTIONALITIES.indexOf('GEST_FEN_CAND');

async function seedRights(prisma: PrismaClient) {
  for (const [order, code] of FUNCTIONALITIES.entries()) {
    const isAction = order >= FIRST_ACTION;
    await prisma.functionality.upsert({
      where: { code },
      // Every action may be granted to commission profiles (temOpenComFonc), plus the "C" screens.
      create: { code, label: FUNCTIONALITY_LABELS[code], isAction, openToCommission: isAction || COMMISSION_FUNCTIONALITIES.includes(code), order },
      update: {},
    });
  }
  for (const p of PROFILES) await prisma.profile.upsert({ where: { code: p.code }, create: { code: p.code, label: p.label, kind: p.kind }, update: {} });
  // Default rights: the centre manager profile holds every functionality in write; the commission
  // profile holds the "C" ones read-only. Created only if missing: admins may change them.
  await prisma.profileFunctionality.createMany({
    data: [
      ...FUNCTIONALITIES.map((f) => ({ profileCode: 'centreCandidature', functionalityCode: f, readOnly: false })),
      ...COMMISSION_FUNCTIONALITIES.map((f) => ({ profileCode: 'commission', functionalityCode: f, readOnly: true })),
    ],
    skipDuplicates: true,
  });
}

// ───────────────────────────── Mail templates (§3.3) ─────────────────────────────

// The civility only when the candidate has one (an account without a profile has none): no double space.
const HELLO_FR = 'Bonjour {if($candidat.civilite)}${candidat.civilite} {endif($candidat.civilite)}${candidat.prenom} ${candidat.nomPat},';
const HELLO_EN = 'Dear ${candidat.prenom} ${candidat.nomPat},';
const BYE_FR = 'Cordialement,\nLe service de scolarité';
const BYE_EN = 'Kind regards,\nThe admissions office';
const ACCOUNT_HELLO_FR = 'Bonjour ${prenom} ${nom},';
const ACCOUNT_HELLO_EN = 'Dear ${prenom} ${nom},';
const ABOUT_FR = 'Candidature n° ${candidat.numDossierOpi} à la formation « ${formation.libelle} » (${libelleCampagne}).';
const ABOUT_EN = 'Application ${candidat.numDossierOpi} to “${formation.libelle}” (${libelleCampagne}).';
const COMMISSION_FR = 'Bonjour,';
const COMMISSION_EN = 'Hello,';
const COMMENT_FR = '{if($commentaire)}\nCommentaire de la commission : ${commentaire}\n{endif($commentaire)}';
const COMMENT_EN = '{if($commentaire)}\nComment from the committee: ${commentaire}\n{endif($commentaire)}';

type Template = { label: string; fr: [string, string]; en: [string, string]; kind?: string; greeting?: 'candidate' | 'account' | 'commission' };

const candidateMail = (label: string, subjectFr: string, textFr: string, subjectEn: string, textEn: string, kind?: string): Template => ({
  label,
  kind,
  greeting: 'candidate',
  fr: [subjectFr, textFr],
  en: [subjectEn, textEn],
});

const MAIL_TEMPLATES: Record<MailCode, Template> = {
  CPT_MIN_CREATE: {
    label: 'Création du compte candidat',
    greeting: 'account',
    fr: [
      'Votre compte candidat ${numDossierOpi}',
      'Votre compte candidat a été créé. Votre numéro de dossier est ${numDossierOpi}.\nValidez-le en suivant ce lien : ${lienValidation}\nSans validation, il sera supprimé le ${jourDestructionCptMin}.',
    ],
    en: [
      'Your applicant account ${numDossierOpi}',
      'Your applicant account has been created. Your file number is ${numDossierOpi}.\nPlease confirm it with this link: ${lienValidation}\nWithout confirmation it will be deleted on ${jourDestructionCptMin}.',
    ],
  },
  CPT_MIN_LIEN_VALID_OUBLIE: {
    label: 'Nouveau lien de validation du compte',
    greeting: 'account',
    fr: ['Lien de validation de votre compte', 'Voici un nouveau lien pour valider votre compte ${numDossierOpi} : ${lienValidation}'],
    en: ['Your account confirmation link', 'Here is a new link to confirm your account ${numDossierOpi}: ${lienValidation}'],
  },
  CPT_MIN_MDP_OUBLIE: {
    label: 'Réinitialisation du mot de passe',
    greeting: 'account',
    fr: [
      'Réinitialisation de votre mot de passe',
      'Pour choisir un nouveau mot de passe, suivez ce lien avant le ${datFinReinitCptMin} : ${lienReinitialisation}\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    ],
    en: [
      'Reset your password',
      'To choose a new password, follow this link before ${datFinReinitCptMin}: ${lienReinitialisation}\nIf you did not ask for this, ignore this message.',
    ],
  },
  CPT_MIN_MOD_MAIL: {
    label: "Modification de l'adresse électronique",
    greeting: 'account',
    fr: [
      'Confirmez votre nouvelle adresse électronique',
      'L’adresse électronique de votre compte ${numDossierOpi} a été modifiée. Confirmez-la en suivant ce lien : ${lienValidation}',
    ],
    en: [
      'Confirm your new e-mail address',
      'The e-mail address of your account ${numDossierOpi} has changed. Please confirm it with this link: ${lienValidation}',
    ],
  },
  CPT_MIN_DELETE: {
    label: 'Suppression du compte candidat',
    greeting: 'account',
    fr: ['Suppression de votre compte candidat', 'Votre compte candidat ${numDossierOpi} a été supprimé par le service de scolarité.'],
    en: ['Your applicant account was deleted', 'Your applicant account ${numDossierOpi} has been deleted by the admissions office.'],
  },
  CPT_MIN_ID_OUBLIE: {
    label: 'Identifiant oublié',
    greeting: 'account',
    fr: [
      'Votre identifiant de connexion',
      'Votre identifiant (numéro de dossier) est ${numDossierOpi}. Vous pouvez aussi vous connecter avec votre adresse électronique.\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
    ],
    en: [
      'Your login',
      'Your login (file number) is ${numDossierOpi}. You may also log in with your e-mail address.\nIf you did not ask for this, ignore this message.',
    ],
  },
  CPT_MIN_COMPTE_EXISTANT: {
    label: 'Tentative de création d’un compte existant',
    greeting: 'account',
    fr: [
      'Vous avez déjà un compte candidat',
      'Quelqu’un a demandé à créer un compte candidat avec votre adresse électronique, qui en a déjà un. Votre identifiant (numéro de dossier) est ${numDossierOpi}.\nSi vous avez oublié votre mot de passe, choisissez-en un nouveau avant le ${datFinReinitCptMin} en suivant ce lien : ${lienReinitialisation}\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre compte ne change pas.',
    ],
    en: [
      'You already have an applicant account',
      'Someone asked to create an applicant account with your e-mail address, which already has one. Your login (file number) is ${numDossierOpi}.\nIf you forgot your password, choose a new one before ${datFinReinitCptMin} with this link: ${lienReinitialisation}\nIf you did not ask for this, ignore this message: your account does not change.',
    ],
  },
  CANDIDATURE: candidateMail(
    'Candidature enregistrée',
    'Candidature enregistrée : ${formation.libelle}',
    'Votre candidature est enregistrée. Déposez vos pièces justificatives puis transmettez votre dossier avant le ${formation.datRetour}.',
    'Application registered: ${formation.libelle}',
    'Your application is registered. Upload your supporting documents and send your file before ${formation.datRetour}.',
  ),
  CANDIDATURE_ANNULATION: candidateMail(
    'Candidature annulée',
    'Candidature annulée : ${formation.libelle}',
    'Votre candidature a été annulée.',
    'Application cancelled: ${formation.libelle}',
    'Your application has been cancelled.',
  ),
  STATUT_AT: candidateMail(
    'Dossier en attente',
    'Votre dossier est en attente : ${formation.libelle}',
    'Votre dossier est de nouveau en attente : vous pouvez le compléter et le transmettre avant le ${formation.datRetour}.',
    'Your file is pending: ${formation.libelle}',
    'Your file is pending again: you may complete and send it before ${formation.datRetour}.',
  ),
  STATUT_RE: candidateMail(
    'Dossier réceptionné',
    'Votre dossier a été reçu : ${formation.libelle}',
    'Votre dossier pour la formation « ${formation.libelle} » a été reçu le ${dossier.dateReception}. Il va être examiné par la commission « ${commission.libelle} ».',
    'Your file has been received: ${formation.libelle}',
    'Your file for “${formation.libelle}” was received on ${dossier.dateReception}. It will be examined by the “${commission.libelle}” committee.',
  ),
  STATUT_IN: candidateMail(
    'Dossier incomplet',
    'Votre dossier est incomplet : ${formation.libelle}',
    'Votre dossier est incomplet. Consultez les pièces refusées, complétez-le et transmettez-le de nouveau avant le ${formation.datRetour}.',
    'Your file is incomplete: ${formation.libelle}',
    'Your file is incomplete. Check the rejected documents, complete it and send it again before ${formation.datRetour}.',
  ),
  STATUT_CO: candidateMail(
    'Dossier complet',
    'Votre dossier est complet : ${formation.libelle}',
    'Votre dossier pour la formation « ${formation.libelle} » est complet. La commission « ${commission.libelle} » rendra son avis prochainement.',
    'Your file is complete: ${formation.libelle}',
    'Your file for “${formation.libelle}” is complete. The “${commission.libelle}” committee will give its decision soon.',
  ),
  TYPE_TRAIT_AD: candidateMail(
    'Accès direct',
    'Accès direct : ${formation.libelle}',
    'Votre candidature relève de l’accès direct : vous êtes admis(e) sous réserve de confirmation.',
    'Direct access: ${formation.libelle}',
    'Your application falls under direct access: you are admitted, subject to your confirmation.',
  ),
  TYPE_TRAIT_AC: candidateMail(
    'Accès contrôlé',
    'Examen de votre candidature : ${formation.libelle}',
    'Votre candidature sera examinée par la commission « ${commission.libelle} ».',
    'Review of your application: ${formation.libelle}',
    'Your application will be reviewed by the “${commission.libelle}” committee.',
  ),
  TYPE_TRAIT_ATT: candidateMail(
    'Traitement en attente',
    'Candidature en cours d’étude : ${formation.libelle}',
    'Le mode de traitement de votre candidature est en cours de détermination.',
    'Application under consideration: ${formation.libelle}',
    'The way your application will be processed is being determined.',
  ),
  AVIS_FAVORABLE: candidateMail(
    'Avis favorable',
    'Avis favorable : ${formation.libelle}',
    'La commission a émis un avis favorable à votre candidature.' +
      '\n' +
      COMMENT_FR +
      '\nConfirmez ou refusez cette proposition avant le ${formation.datConfirm} depuis votre espace candidat.',
    'Favourable decision: ${formation.libelle}',
    'The committee has given a favourable decision on your application.' +
      '\n' +
      COMMENT_EN +
      '\nPlease accept or decline this offer before ${formation.datConfirm} in your applicant area.',
    'FA',
  ),
  AVIS_DEFAVORABLE: candidateMail(
    'Avis défavorable',
    'Avis défavorable : ${formation.libelle}',
    'La commission a émis un avis défavorable à votre candidature.{if($motif)}\nMotif : ${motif}{endif($motif)}' + '\n' + COMMENT_FR,
    'Unfavourable decision: ${formation.libelle}',
    'The committee has given an unfavourable decision on your application.{if($motif)}\nReason: ${motif}{endif($motif)}' + '\n' + COMMENT_EN,
    'DE',
  ),
  AVIS_LISTE_ATT: candidateMail(
    "Liste d'attente",
    "Liste d'attente : ${formation.libelle}",
    'Votre candidature est placée sur liste d’attente.' + '\n' + COMMENT_FR,
    'Waiting list: ${formation.libelle}',
    'Your application has been put on the waiting list.' + '\n' + COMMENT_EN,
    'LA',
  ),
  AVIS_LISTE_COMP: candidateMail(
    'Liste complémentaire',
    'Liste complémentaire : ${formation.libelle}',
    'Votre candidature est inscrite sur liste complémentaire{if($rang)} au rang ${rang}{endif($rang)}. Vous serez prévenu(e) si une place se libère.' +
      '\n' +
      COMMENT_FR,
    'Complementary list: ${formation.libelle}',
    'Your application is on the complementary list{if($rang)} at rank ${rang}{endif($rang)}. You will be told if a place becomes available.' +
      '\n' +
      COMMENT_EN,
    'LC',
  ),
  AVIS_PRESELECTION: candidateMail(
    'Présélection',
    'Présélection : ${formation.libelle}',
    'Votre candidature est présélectionnée.{if($complementPreselect)}\n${complementPreselect}{endif($complementPreselect)}' + '\n' + COMMENT_FR,
    'Preselection: ${formation.libelle}',
    'Your application has been preselected.{if($complementPreselect)}\n${complementPreselect}{endif($complementPreselect)}' + '\n' + COMMENT_EN,
    'PR',
  ),
  CANDIDATURE_CONFIRM: candidateMail(
    'Confirmation de candidature',
    'Confirmation enregistrée : ${formation.libelle}',
    'Vous avez confirmé votre venue dans la formation. Les informations d’inscription vous seront communiquées par l’établissement.',
    'Confirmation recorded: ${formation.libelle}',
    'You have accepted the offer. Enrolment details will follow from the university.',
  ),
  CANDIDATURE_DESIST: candidateMail(
    'Désistement',
    'Désistement enregistré : ${formation.libelle}',
    'Votre désistement de cette formation est enregistré.',
    'Withdrawal recorded: ${formation.libelle}',
    'Your withdrawal from this programme has been recorded.',
  ),
  CANDIDATURE_DESIST_AUTO: candidateMail(
    'Désistement automatique',
    'Désistement automatique : ${formation.libelle}',
    'Faute de confirmation avant le ${formation.datConfirm}, vous avez été désisté(e) automatiquement de cette formation.',
    'Automatic withdrawal: ${formation.libelle}',
    'As you did not accept the offer before ${formation.datConfirm}, you have been withdrawn from this programme.',
  ),
  CANDIDATURE_RELANCE_FAVO: candidateMail(
    'Relance avant la date de confirmation',
    'Rappel : confirmez votre candidature avant le ${formation.datConfirm}',
    'Vous avez reçu un avis favorable et n’avez pas encore répondu. Sans réponse avant le ${formation.datConfirm}, vous serez désisté(e) automatiquement.',
    'Reminder: accept your offer before ${formation.datConfirm}',
    'You received a favourable decision and have not answered yet. Without an answer before ${formation.datConfirm}, you will be withdrawn automatically.',
  ),
  CANDIDATURE_MODIF_COD_OPI: candidateMail(
    'Modification du code OPI',
    'Votre code de pré-inscription a changé',
    'Votre code de pré-inscription est désormais ${newCodeOpi} pour : ${formationsOpi}.',
    'Your pre-registration code has changed',
    'Your pre-registration code is now ${newCodeOpi} for: ${formationsOpi}.',
  ),
  CANDIDATURE_RELANCE_FORMULAIRE: candidateMail(
    'Relance des formulaires',
    'Formulaires à compléter : ${formation.libelle}',
    'Les formulaires suivants restent à compléter : ${formulaires}.',
    'Forms to complete: ${formation.libelle}',
    'The following forms still need to be completed: ${formulaires}.',
  ),
  COMMISSION_ALERT_PROPOSITION: {
    label: 'Alerte commission : proposition',
    greeting: 'commission',
    fr: [
      'Proposition créée : ${formation.libelle}',
      'Une proposition a été créée pour le dossier ${candidat.numDossierOpi} (${candidat.prenom} ${candidat.nomPat}).',
    ],
    en: ['Proposal created: ${formation.libelle}', 'A proposal was created for file ${candidat.numDossierOpi} (${candidat.prenom} ${candidat.nomPat}).'],
  },
  COMMISSION_ALERT_ANNULATION: {
    label: 'Alerte commission : annulation',
    greeting: 'commission',
    fr: [
      'Candidature annulée : ${formation.libelle}',
      'Le candidat ${candidat.prenom} ${candidat.nomPat} (dossier ${candidat.numDossierOpi}) a annulé sa candidature.',
    ],
    en: [
      'Application cancelled: ${formation.libelle}',
      'Applicant ${candidat.prenom} ${candidat.nomPat} (file ${candidat.numDossierOpi}) cancelled the application.',
    ],
  },
  COMMISSION_ALERT_TRANSMISSION: {
    label: 'Alerte commission : transmission',
    greeting: 'commission',
    fr: [
      'Dossier transmis : ${formation.libelle}',
      'Le candidat ${candidat.prenom} ${candidat.nomPat} (dossier ${candidat.numDossierOpi}) a transmis son dossier.',
    ],
    en: ['File sent: ${formation.libelle}', 'Applicant ${candidat.prenom} ${candidat.nomPat} (file ${candidat.numDossierOpi}) has sent the file.'],
  },
  COMMISSION_ALERT_DESISTEMENT: {
    label: 'Alerte commission : désistement',
    greeting: 'commission',
    fr: ['Désistement : ${formation.libelle}', 'Le candidat ${candidat.prenom} ${candidat.nomPat} (dossier ${candidat.numDossierOpi}) s’est désisté.'],
    en: ['Withdrawal: ${formation.libelle}', 'Applicant ${candidat.prenom} ${candidat.nomPat} (file ${candidat.numDossierOpi}) has withdrawn.'],
  },
  COMMISSION_ALERT_LISTE_PRINC: {
    label: 'Alerte commission : passage en liste principale',
    greeting: 'commission',
    fr: [
      'Passage en liste principale : ${formation.libelle}',
      'Le candidat ${candidat.prenom} ${candidat.nomPat} (dossier ${candidat.numDossierOpi}) passe de la liste complémentaire à la liste principale.',
    ],
    en: [
      'Moved to the main list: ${formation.libelle}',
      'Applicant ${candidat.prenom} ${candidat.nomPat} (file ${candidat.numDossierOpi}) moved from the complementary list to the main list.',
    ],
  },
};

function mailBody(t: Template, lang: 'fr' | 'en', helloFr = HELLO_FR): string {
  const [, text] = t[lang];
  if (t.greeting === 'account') return `${lang === 'fr' ? ACCOUNT_HELLO_FR : ACCOUNT_HELLO_EN}\n\n${text}\n\n${lang === 'fr' ? BYE_FR : BYE_EN}`;
  if (t.greeting === 'commission') return `${lang === 'fr' ? COMMISSION_FR : COMMISSION_EN}\n\n${text}\n\n${lang === 'fr' ? ABOUT_FR : ABOUT_EN}`;
  return `${lang === 'fr' ? helloFr : HELLO_EN}\n\n${lang === 'fr' ? ABOUT_FR : ABOUT_EN}\n\n${text}\n\n${lang === 'fr' ? BYE_FR : BYE_EN}`;
}

/** The texts of a seeded template as stored (subjects and bodies in French and English). */
export interface SeededMailTexts {
  subjectFr: string;
  bodyFr: string;
  subjectEn: string;
  bodyEn: string;
}

const textsOf = (t: Template, helloFr = HELLO_FR): SeededMailTexts => ({
  subjectFr: t.fr[0],
  bodyFr: mailBody(t, 'fr', helloFr),
  subjectEn: t.en[0],
  bodyEn: mailBody(t, 'en', helloFr),
});

/** Every seeded (institution-level) template as the seed writes it: what tests render. */
export function seededMailTemplates(): ({ code: MailCode; opinionKindCode: string | null } & SeededMailTexts)[] {
  return MAIL_CODES.map((code) => ({ code, opinionKindCode: MAIL_TEMPLATES[code].kind ?? null, ...textsOf(MAIL_TEMPLATES[code]) }));
}

// What earlier versions of this seed wrote, where the text changed since (issue 11: the formation in
// the dossier status mails, no double space without a civility). A template still exactly as an
// earlier seed wrote it — never edited by the institution — takes the current text; an edited one
// is left as it is.
const PREVIOUS_HELLO_FR = 'Bonjour ${candidat.civilite} ${candidat.prenom} ${candidat.nomPat},';
const PREVIOUS_TEXTS: Partial<Record<MailCode, { fr?: [string, string]; en?: [string, string] }>> = {
  STATUT_AT: { fr: ['Votre dossier est en attente', MAIL_TEMPLATES.STATUT_AT.fr[1]], en: ['Your file is pending', MAIL_TEMPLATES.STATUT_AT.en[1]] },
  STATUT_RE: {
    fr: ['Votre dossier a été reçu', 'Votre dossier a été reçu le ${dossier.dateReception}. Il va être examiné par la commission « ${commission.libelle} ».'],
    en: ['Your file has been received', 'Your file was received on ${dossier.dateReception}. It will be examined by the “${commission.libelle}” committee.'],
  },
  STATUT_IN: { fr: ['Votre dossier est incomplet', MAIL_TEMPLATES.STATUT_IN.fr[1]], en: ['Your file is incomplete', MAIL_TEMPLATES.STATUT_IN.en[1]] },
  STATUT_CO: {
    fr: ['Votre dossier est complet', 'Votre dossier est complet. La commission rendra son avis prochainement.'],
    en: ['Your file is complete', 'Your file is complete. The committee will give its decision soon.'],
  },
};

/** The texts an earlier seed wrote for this code (what a database seeded before them holds). */
export function previousSeededMailTexts(code: MailCode): SeededMailTexts {
  const t = MAIL_TEMPLATES[code];
  return textsOf({ ...t, ...PREVIOUS_TEXTS[code] }, PREVIOUS_HELLO_FR);
}

const sameTexts = (a: SeededMailTexts, b: SeededMailTexts) =>
  a.subjectFr === b.subjectFr && a.bodyFr === b.bodyFr && a.subjectEn === b.subjectEn && a.bodyEn === b.bodyEn;

async function seedMailTemplates(prisma: PrismaClient) {
  for (const code of MAIL_CODES) {
    const t = MAIL_TEMPLATES[code];
    const texts = textsOf(t);
    // (code, centreId = null) cannot be an upsert key (NULLs are distinct in the unique index).
    const existing = await prisma.mailTemplate.findFirst({
      where: { code, centreId: null },
      select: { id: true, subjectFr: true, bodyFr: true, subjectEn: true, bodyEn: true },
    });
    if (existing) {
      // Never overwrite an institution's text: only one still exactly as an earlier seed wrote it.
      if (!sameTexts(existing, texts) && sameTexts(existing, previousSeededMailTexts(code)))
        await prisma.mailTemplate.update({ where: { id: existing.id }, data: texts });
      continue;
    }
    await prisma.mailTemplate.create({
      data: {
        code,
        label: t.label,
        ...texts,
        isModel: true,
        active: true,
        opinionKindCode: t.kind ?? null,
      },
    });
  }
}

// ───────────────────────────── Global parameters (§4.5) ─────────────────────────────

async function seedParameters(prisma: PrismaClient) {
  for (const [code, def] of Object.entries(PARAMETERS)) {
    const { label, default: value, type } = def;
    const editableByScol = !('adminOnly' in def && def.adminOnly);
    await prisma.parameter.upsert({ where: { code }, create: { code, label, value, type, editableByScol }, update: {} });
  }
  // The texts shown on the home page and during maintenance (reference `message`), editable.
  for (const m of SITE_MESSAGES)
    await prisma.siteMessage.upsert({
      where: { code: m.code },
      create: { code: m.code, label: m.label, valueFr: m.fr, valueEn: m.en, active: m.code !== 'ACCUEIL' },
      update: {},
    });
}

// ───────────────────────────── Demo data (development and test only) ─────────────────────────────

const DEMO_DATES = {
  applicationStartsOn: day('2026-09-01'),
  applicationEndsOn: day('2027-06-30'),
  returnDeadline: day('2027-07-15'),
  juryOn: day('2027-07-20'),
  publicationOn: day('2027-07-22'),
};

interface DemoFormation {
  code: string;
  label: string;
  commission: string;
  traitement: 'AC' | 'AD';
  capacity: number | null;
  documents: string[];
  /** A fixed confirmation date instead of the default 8-day delay. */
  confirmationOn?: string;
  automaticLc?: boolean;
  pegase?: [code: string, label: string];
  apogee?: [vet: string, vetLabel: string, diploma: string, diplomaLabel: string];
}

const DEMO_FORMATIONS: DemoFormation[] = [
  // Faculté des Sciences et Technologies (Pégase)
  {
    code: 'MINFO-M1',
    label: 'Master Informatique - 1re année',
    commission: 'FST-INFO',
    traitement: 'AC',
    capacity: 60,
    documents: ['CV', 'RELEVES_NOTES'],
    automaticLc: true,
    pegase: ['MINFO-M1', 'Master mention Informatique - M1'],
  },
  {
    code: 'MINFO-IA-M2',
    label: 'Master Informatique parcours Intelligence artificielle - 2e année',
    commission: 'FST-INFO',
    traitement: 'AC',
    capacity: 25,
    documents: ['CV', 'LETTRE_MOTIVATION'],
    confirmationOn: '2027-07-31',
    pegase: ['MINFO-IA-M2', 'Master mention Informatique parcours IA - M2'],
  },
  {
    code: 'LP-DEVWEB',
    label: "Licence professionnelle Métiers de l'informatique : conception, développement et test de logiciels (web et mobile)",
    commission: 'FST-INFO',
    traitement: 'AC',
    capacity: 24,
    documents: ['CV', 'LETTRE_MOTIVATION'],
    pegase: ['LP-DEVWEB', 'LP Métiers de l’informatique - développement web et mobile'],
  },
  {
    code: 'L3-INFO',
    label: 'Licence Informatique - 3e année',
    commission: 'FST-INFO',
    traitement: 'AD',
    capacity: 90,
    documents: [],
    pegase: ['LINFO-L3', 'Licence mention Informatique - L3'],
  },
  {
    code: 'DU-DATA',
    label: 'DU Science des données',
    commission: 'FST-INFO',
    traitement: 'AC',
    capacity: 20,
    documents: ['CV'],
    pegase: ['DU-DATA', 'Diplôme d’université Science des données'],
  },
  {
    code: 'MMATH-M1',
    label: 'Master Mathématiques et applications - 1re année',
    commission: 'FST-MATH',
    traitement: 'AC',
    capacity: 40,
    documents: ['RELEVES_NOTES'],
    automaticLc: true,
    pegase: ['MMATH-M1', 'Master mention Mathématiques et applications - M1'],
  },
  {
    code: 'MPHYS-M1',
    label: 'Master Physique fondamentale et applications - 1re année',
    commission: 'FST-MATH',
    traitement: 'AC',
    capacity: 30,
    documents: ['CV', 'RELEVES_NOTES'],
    confirmationOn: '2027-07-31',
    pegase: ['MPHYS-M1', 'Master mention Physique fondamentale et applications - M1'],
  },
  // Faculté de Droit, Économie et Gestion (Apogée)
  {
    code: 'MDAF-M1',
    label: 'Master Droit des affaires - 1re année',
    commission: 'DEG-DROIT',
    traitement: 'AC',
    capacity: 50,
    documents: ['CV', 'LETTRE_MOTIVATION'],
    automaticLc: true,
    apogee: ['MDAF1', 'M1 Droit des affaires', 'MDAF', 'Master Droit des affaires'],
  },
  {
    code: 'MDPU-M1',
    label: 'Master Droit public - 1re année',
    commission: 'DEG-DROIT',
    traitement: 'AC',
    capacity: 45,
    documents: ['RELEVES_NOTES'],
    apogee: ['MDPU1', 'M1 Droit public', 'MDPU', 'Master Droit public'],
  },
  {
    code: 'L3-DROIT',
    label: 'Licence Droit - 3e année',
    commission: 'DEG-DROIT',
    traitement: 'AD',
    capacity: 150,
    documents: [],
    apogee: ['LDRT3', 'L3 Droit', 'LDRT', 'Licence Droit'],
  },
  {
    code: 'DU-DRNUM',
    label: 'DU Droit du numérique',
    commission: 'DEG-DROIT',
    traitement: 'AC',
    capacity: 25,
    documents: ['CV'],
    confirmationOn: '2027-07-31',
    apogee: ['DUDNU', 'DU Droit du numérique', 'DUDN', 'DU Droit du numérique'],
  },
  {
    code: 'MMAE-M1',
    label: 'Master Management et administration des entreprises - 1re année',
    commission: 'DEG-ECO',
    traitement: 'AC',
    capacity: 35,
    documents: ['CV', 'LETTRE_MOTIVATION'],
    apogee: ['MMAE1', 'M1 Management et administration des entreprises', 'MMAE', 'Master MAE'],
  },
  {
    code: 'MECO-M1',
    label: 'Master Économie appliquée - 1re année',
    commission: 'DEG-ECO',
    traitement: 'AC',
    capacity: 40,
    documents: ['RELEVES_NOTES'],
    apogee: ['MECA1', 'M1 Économie appliquée', 'MECA', 'Master Économie appliquée'],
  },
  {
    code: 'LP-GRH',
    label: 'Licence professionnelle Métiers de la GRH : assistant',
    commission: 'DEG-ECO',
    traitement: 'AC',
    capacity: 28,
    documents: ['CV', 'LETTRE_MOTIVATION'],
    apogee: ['LPGRH', 'LP Métiers de la GRH : assistant', 'LPGR', 'Licence professionnelle GRH'],
  },
];

const DEMO_DOCUMENTS = [
  { code: 'CV', label: 'Curriculum vitae', labelEn: 'Curriculum vitae', order: 1 },
  { code: 'LETTRE_MOTIVATION', label: 'Lettre de motivation', labelEn: 'Cover letter', order: 2 },
  { code: 'RELEVES_NOTES', label: "Relevés de notes des années d'études supérieures", labelEn: 'Transcripts of higher education', order: 3 },
  {
    code: 'CERTIF_LANGUE',
    label: 'Certification de langue française (niveau B2), candidats non francophones',
    labelEn: 'French language certificate (B2), non-French speakers',
    order: 4,
    isConditional: true,
  },
];

/** A small referential for the demo profiles, until the first synchronisation with the SIS. */
const DEMO_REFERENTIAL = {
  countries: [
    ['100', 'France', 'française'],
    ['127', 'Italie', 'italienne'],
    ['341', 'Sénégal', 'sénégalaise'],
    ['109', 'Allemagne', 'allemande'],
    ['350', 'Maroc', 'marocaine'],
  ],
  departments: [
    ['054', 'Meurthe-et-Moselle'],
    ['057', 'Moselle'],
    ['069', 'Rhône'],
    ['075', 'Paris'],
  ],
  communes: [
    ['54395', 'Nancy', '054'],
    ['57463', 'Metz', '057'],
    ['69123', 'Lyon', '069'],
    ['75056', 'Paris', '075'],
  ],
  bacs: [
    ['GEN', 'Baccalauréat général'],
    ['STMG', 'Bac technologique STMG'],
    ['0031', 'Titre étranger admis en équivalence'],
    ['0001', 'Sans bac'],
  ],
  bacMentions: [
    ['P', 'Passable'],
    ['AB', 'Assez bien'],
    ['B', 'Bien'],
    ['TB', 'Très bien'],
  ],
  priorDiplomas: [
    ['LIC', 'Licence'],
    ['BUT', 'Bachelor universitaire de technologie'],
    ['BTS', 'Brevet de technicien supérieur'],
    ['ETR', 'Diplôme étranger'],
  ],
  // The searchable selects of the candidate's file (issue 10): communes by postcode, lycées by UAI,
  // bac specialities (and, for Apogée, which the series allows), results and honours.
  postcodeCommunes: [
    ['54000', '54395', 'Nancy'],
    ['57000', '57463', 'Metz'],
    ['69001', '69123', 'Lyon'],
    ['69007', '69123', 'Lyon'],
    ['75001', '75056', 'Paris'],
    ['75004', '75056', 'Paris'],
  ],
  establishments: [
    ['0540038Y', 'Lycée Henri Poincaré', '054', '54395'],
    ['0540039Z', 'Lycée Frédéric Chopin', '054', '54395'],
    ['0570054V', 'Lycée Georges de la Tour', '057', '57463'],
    ['0690026D', 'Lycée du Parc', '069', '69123'],
    ['0750654D', 'Lycée Henri IV', '075', '75056'],
  ],
  bacSpecialities: [
    ['MATHS', 'Mathématiques'],
    ['PC', 'Physique-chimie'],
    ['SVT', 'Sciences de la vie et de la Terre'],
    ['SES', 'Sciences économiques et sociales'],
    ['NSI', 'Numérique et sciences informatiques'],
    ['HGGSP', 'Histoire-géographie, géopolitique et sciences politiques'],
  ],
  resultTypes: [
    ['ADM', 'Admis'],
    ['AJ', 'Ajourné'],
  ],
  honoursMentions: [
    ['P', 'Passable'],
    ['AB', 'Assez bien'],
    ['B', 'Bien'],
    ['TB', 'Très bien'],
  ],
} as const;

async function seedDemoReferential(prisma: PrismaClient) {
  for (const sisType of ['A', 'P'] as SisType[]) {
    const r = DEMO_REFERENTIAL;
    await prisma.sisCountry.createMany({
      data: r.countries.map(([code, label, nationalityLabel]) => ({ code, sisType, label, nationalityLabel })),
      skipDuplicates: true,
    });
    await prisma.sisDepartment.createMany({ data: r.departments.map(([code, label]) => ({ code, sisType, label })), skipDuplicates: true });
    await prisma.sisCommune.createMany({
      data: r.communes.map(([code, label, departmentCode]) => ({ code, sisType, label, departmentCode })),
      skipDuplicates: true,
    });
    await prisma.sisBirthCommune.createMany({
      data: r.communes.map(([code, label, departmentCode]) => ({ code, sisType, label, departmentCode })),
      skipDuplicates: true,
    });
    await prisma.sisBac.createMany({
      data: r.bacs.map(([code, label]) => ({ code, sisType, label, ineCheck: code === 'GEN' || code === 'STMG', ineCheckFromYear: 1995 })),
      skipDuplicates: true,
    });
    await prisma.sisBacMention.createMany({ data: r.bacMentions.map(([code, label]) => ({ code, sisType, label })), skipDuplicates: true });
    await prisma.sisPriorDiploma.createMany({ data: r.priorDiplomas.map(([code, label]) => ({ code, sisType, label })), skipDuplicates: true });
    await prisma.sisPostcodeCommune.createMany({
      data: r.postcodeCommunes.map(([postcode, communeCode, label]) => ({ postcode, communeCode, sisType, label })),
      skipDuplicates: true,
    });
    await prisma.sisEstablishment.createMany({
      data: r.establishments.map(([code, label, departmentCode, communeCode]) => ({ code, sisType, label, typeCode: 'LYC', departmentCode, communeCode })),
      skipDuplicates: true,
    });
    await prisma.sisBacSpecialty.createMany({
      data: r.bacSpecialities.map(([code, label]) => ({ code, sisType, label, validFromYear: 2021 })),
      skipDuplicates: true,
    });
    await prisma.sisResultType.createMany({
      data: r.resultTypes.map(([code, label]) => ({ code, sisType, label, positive: code === 'ADM' })),
      skipDuplicates: true,
    });
    await prisma.sisMention.createMany({ data: r.honoursMentions.map(([code, label]) => ({ code, sisType, label })), skipDuplicates: true });
    // Apogée says which specialities a series allows (the consistency check of the file); Pégase does not.
    if (sisType === 'A')
      await prisma.sisBacSpecialtyLink.createMany({
        data: r.bacSpecialities.map(([specialtyCode]) => ({ bacCode: 'GEN', specialtyCode, sisType })),
        skipDuplicates: true,
      });
  }
}

interface DemoCandidate {
  dossierNumber: string;
  campaign: string;
  email: string;
  civility: 'M.' | 'Mme';
  firstName: string;
  lastName: string;
  birthDate: string;
  birth: { country: string; commune?: string; city: string };
  nationality: string;
  ine?: [string, string];
  mobile: string;
  address: { line1: string; line2?: string; postcode?: string; commune?: string; foreignCity?: string; country: string };
  bac: { year: number; code: string; mention?: string; country: string; department?: string };
  cursus: { year: number; label: string; obtained: 'O' | 'N' | 'E'; diploma: string; country: string }[];
  internship?: { year: number; duration: string; organisation: string; description: string };
  experience?: { year: number; duration: string; title: string; organisation: string };
}

const DEMO_CANDIDATES: DemoCandidate[] = [
  {
    dossierNumber: 'DEMO0001',
    campaign: '2026-P',
    email: 'candidat@demo.test',
    civility: 'Mme',
    firstName: 'Camille',
    lastName: 'DURAND',
    birthDate: '2004-04-12',
    birth: { country: '100', commune: '54395', city: 'Nancy' },
    nationality: '100',
    ine: ['123456789A', 'B'],
    mobile: '0612345678',
    address: { line1: '12 rue de la Monnaie', line2: '3e étage', postcode: '54000', commune: '54395', country: '100' },
    bac: { year: 2022, code: 'GEN', mention: 'B', country: '100', department: '054' },
    cursus: [
      { year: 2022, label: 'Licence Informatique - 1re année, Université de Lorraine', obtained: 'O', diploma: 'LIC', country: '100' },
      { year: 2023, label: 'Licence Informatique - 2e année, Université de Lorraine', obtained: 'O', diploma: 'LIC', country: '100' },
      { year: 2024, label: 'Licence Informatique - 3e année, Université de Lorraine', obtained: 'E', diploma: 'LIC', country: '100' },
    ],
    internship: {
      year: 2025,
      duration: '10 semaines',
      organisation: 'Inria Nancy - Grand Est',
      description: "Développement d'un outil de visualisation de données",
    },
  },
  {
    dossierNumber: 'DEMO0002',
    campaign: '2026-P',
    email: 'lucas.martin@demo.test',
    civility: 'M.',
    firstName: 'Lucas',
    lastName: 'MARTIN',
    birthDate: '2003-11-03',
    birth: { country: '100', commune: '57463', city: 'Metz' },
    nationality: '100',
    ine: ['234567890B', 'C'],
    mobile: '0623456789',
    address: { line1: '5 place Saint-Louis', postcode: '57000', commune: '57463', country: '100' },
    bac: { year: 2021, code: 'GEN', mention: 'AB', country: '100', department: '057' },
    cursus: [{ year: 2021, label: 'BUT Informatique, IUT de Metz', obtained: 'O', diploma: 'BUT', country: '100' }],
    experience: { year: 2024, duration: '6 mois', title: 'Développeur web en alternance', organisation: 'Société Lorraine de Services' },
  },
  {
    dossierNumber: 'DEMO0003',
    campaign: '2026-P',
    email: 'sofia.rossi@demo.test',
    civility: 'Mme',
    firstName: 'Sofia',
    lastName: 'ROSSI',
    birthDate: '2002-06-21',
    birth: { country: '127', city: 'Milano' },
    nationality: '127',
    mobile: '0634567890',
    address: { line1: '40 avenue du Général Leclerc', postcode: '54000', commune: '54395', country: '100' },
    bac: { year: 2021, code: '0031', country: '127' },
    cursus: [{ year: 2021, label: 'Laurea in Matematica, Università degli Studi di Milano', obtained: 'O', diploma: 'ETR', country: '127' }],
  },
  {
    dossierNumber: 'DEMO0004',
    campaign: '2026-A',
    email: 'hugo.lefebvre@demo.test',
    civility: 'M.',
    firstName: 'Hugo',
    lastName: 'LEFEBVRE',
    birthDate: '2004-01-30',
    birth: { country: '100', commune: '69123', city: 'Lyon' },
    nationality: '100',
    ine: ['345678901C', 'D'],
    mobile: '0645678901',
    address: { line1: '18 quai Claude Bernard', postcode: '69007', commune: '69123', country: '100' },
    bac: { year: 2022, code: 'GEN', mention: 'TB', country: '100', department: '069' },
    cursus: [{ year: 2022, label: 'Licence Droit, Université Lyon 3', obtained: 'E', diploma: 'LIC', country: '100' }],
  },
  {
    dossierNumber: 'DEMO0005',
    campaign: '2026-A',
    email: 'aminata.diallo@demo.test',
    civility: 'Mme',
    firstName: 'Aminata',
    lastName: 'DIALLO',
    birthDate: '2001-09-15',
    birth: { country: '341', city: 'Dakar' },
    nationality: '341',
    mobile: '+221771234567',
    address: { line1: '27 rue Carnot', foreignCity: 'Dakar', country: '341' },
    bac: { year: 2019, code: '0031', country: '341' },
    cursus: [{ year: 2019, label: 'Licence Économie et gestion, Université Cheikh Anta Diop', obtained: 'O', diploma: 'ETR', country: '341' }],
    experience: { year: 2023, duration: '1 an', title: 'Assistante de gestion', organisation: 'Banque régionale de Dakar' },
  },
  {
    dossierNumber: 'DEMO0006',
    campaign: '2026-A',
    email: 'thomas.petit@demo.test',
    civility: 'M.',
    firstName: 'Thomas',
    lastName: 'PETIT',
    birthDate: '2003-03-08',
    birth: { country: '100', commune: '75056', city: 'Paris' },
    nationality: '100',
    ine: ['456789012D', 'E'],
    mobile: '0656789012',
    address: { line1: '3 rue de Rivoli', line2: 'Bâtiment B', postcode: '75004', commune: '75056', country: '100' },
    bac: { year: 2021, code: 'STMG', mention: 'AB', country: '100', department: '075' },
    cursus: [{ year: 2021, label: 'BTS Gestion de la PME, Lycée Turgot', obtained: 'O', diploma: 'BTS', country: '100' }],
  },
];

async function seedDemo(prisma: PrismaClient) {
  // argon2 is slow on purpose: hash at most once per run, and only if a login has to be created.
  let demoHash: Promise<string> | undefined;
  const passwordHash = () => (demoHash ??= hash(DEMO_PASSWORD));

  await seedDemoReferential(prisma);

  // Campaigns
  for (const c of [
    { code: '2026-P', label: 'Campagne 2026-2027 — Sciences et technologies', labelEn: '2026-2027 admissions — Science and Technology', sisType: 'P' as const },
    {
      code: '2026-A',
      label: 'Campagne 2026-2027 — Droit, économie et gestion',
      labelEn: '2026-2027 admissions — Law, Economics and Management',
      sisType: 'A' as const,
    },
  ]) {
    await prisma.campaign.upsert({
      where: { code: c.code },
      create: { ...c, startsOn: day('2026-01-01'), endsOn: day('2027-12-31'), active: true, activatedAt: day('2026-01-01') },
      update: {},
    });
  }

  const favourable = await prisma.decisionType.findUniqueOrThrow({ where: { code: 'AVIS_FAVORABLE' } });

  // Centres: one per SIS (a centre's formations belong to the campaign of its SIS).
  const centres = new Map<string, number>();
  for (const c of [
    { code: 'FST', label: 'Faculté des Sciences et Technologies', sisType: 'P' as const, contactEmail: 'scolarite-fst@univ-demo.fr' },
    { code: 'DEG', label: 'Faculté de Droit, Économie et Gestion', sisType: 'A' as const, contactEmail: 'scolarite-deg@univ-demo.fr' },
  ]) {
    const row = await prisma.centre.upsert({
      where: { code: c.code },
      create: {
        ...c,
        active: true,
        demat: true,
        sendMailMode: 'N',
        maxWishes: 10,
        complementaryList: true,
        favourableDecisionTypeId: favourable.id,
        lcFavourableDecisionTypeId: favourable.id,
        ...DEMO_DATES,
        confirmationDelayDays: 8,
        lcConfirmationDelayDays: 5,
      },
      update: {},
    });
    centres.set(c.code, row.id);
  }

  // Commissions
  const commissions = new Map<string, number>();
  for (const c of [
    {
      code: 'FST-INFO',
      label: 'Commission Informatique',
      centre: 'FST',
      email: 'commission-info@univ-demo.fr',
      city: 'Vandœuvre-lès-Nancy',
      postcode: '54506',
      line1: 'Boulevard des Aiguillettes',
    },
    {
      code: 'FST-MATH',
      label: 'Commission Mathématiques et Physique',
      centre: 'FST',
      email: 'commission-math-phys@univ-demo.fr',
      city: 'Vandœuvre-lès-Nancy',
      postcode: '54506',
      line1: 'Boulevard des Aiguillettes',
    },
    {
      code: 'DEG-DROIT',
      label: 'Commission Droit',
      centre: 'DEG',
      email: 'commission-droit@univ-demo.fr',
      city: 'Nancy',
      postcode: '54000',
      line1: '13 place Carnot',
    },
    {
      code: 'DEG-ECO',
      label: 'Commission Économie et Gestion',
      centre: 'DEG',
      email: 'commission-eco-gestion@univ-demo.fr',
      city: 'Nancy',
      postcode: '54000',
      line1: '13 place Carnot',
    },
  ]) {
    const row = await prisma.commission.upsert({
      where: { code: c.code },
      create: {
        code: c.code,
        label: c.label,
        centreId: centres.get(c.centre)!,
        email: c.email,
        alertMode: 'M',
        alertEmail: c.email,
        alertOnTransmission: true,
        alertOnWithdrawal: true,
        alertOnMainList: true,
        addressLine1: c.line1,
        postcode: c.postcode,
        city: c.city,
        countryCode: '100',
        signatory: 'Le président de la commission',
        returnComment: 'Les dossiers se déposent en ligne ; aucun envoi papier n’est demandé.',
      },
      update: {},
    });
    commissions.set(c.code, row.id);
  }

  // Supporting documents (scolarité centrale level, attached formation by formation)
  const documents = new Map<string, number>();
  for (const d of DEMO_DOCUMENTS) {
    const row = await prisma.supportingDocument.upsert({ where: { code: d.code }, create: { ...d, active: true }, update: {} });
    documents.set(d.code, row.id);
  }

  // Formations
  for (const f of DEMO_FORMATIONS) {
    const formation = await prisma.formation.upsert({
      where: { code: f.code },
      create: {
        code: f.code,
        label: f.label,
        active: true,
        commissionId: commissions.get(f.commission)!,
        traitement: f.traitement,
        favourableDecisionTypeId: favourable.id,
        automaticLc: f.automaticLc ?? false,
        lcFavourableDecisionTypeId: f.automaticLc ? favourable.id : null,
        lcConfirmationDelayDays: f.automaticLc ? 5 : null,
        demat: true,
        capacity: f.capacity,
        ...DEMO_DATES,
        confirmationOn: f.confirmationOn ? day(f.confirmationOn) : null,
        confirmationDelayDays: f.confirmationOn ? null : 8,
        pegaseCode: f.pegase?.[0] ?? null,
        pegaseLabel: f.pegase?.[1] ?? null,
        apogeeVetCode: f.apogee?.[0] ?? null,
        apogeeVetVersion: f.apogee ? '101' : null,
        apogeeLabel: f.apogee?.[1] ?? null,
        apogeeDiplomaCode: f.apogee?.[2] ?? null,
        apogeeDiplomaVersion: f.apogee ? '101' : null,
        apogeeDiplomaLabel: f.apogee?.[3] ?? null,
      },
      update: {},
    });
    await prisma.formationSupportingDocument.createMany({
      data: f.documents.map((d) => ({ formationId: formation.id, supportingDocumentId: documents.get(d)! })),
      skipDuplicates: true,
    });
  }

  // Staff logins
  const staff = new Map<string, number>();
  for (const u of [
    { login: 'admin', displayName: 'Alice Admin', email: 'admin@univ-demo.fr' },
    { login: 'scol', displayName: 'Sophie Martin (scolarité centrale)', email: 'scolarite@univ-demo.fr' },
    { login: 'centre', displayName: 'Karim Benali (gestionnaire de centre)', email: 'gestion-centres@univ-demo.fr' },
    { login: 'commission', displayName: 'Claire Dubois (présidente de commission)', email: 'claire.dubois@univ-demo.fr' },
  ]) {
    const existing = await prisma.staffUser.findUnique({ where: { login: u.login }, select: { id: true } });
    const id = existing?.id ?? (await prisma.staffUser.create({ data: { ...u, passwordHash: await passwordHash(), active: true } })).id;
    staff.set(u.login, id);
  }
  await prisma.staffProfileGrant.createMany({
    data: [
      { userId: staff.get('admin')!, profileCode: 'admin' },
      { userId: staff.get('scol')!, profileCode: 'scolCentrale' },
    ],
    skipDuplicates: true,
  });
  for (const centre of ['FST', 'DEG']) {
    await prisma.centreManager.upsert({
      where: { userId_centreId: { userId: staff.get('centre')!, centreId: centres.get(centre)! } },
      create: { userId: staff.get('centre')!, centreId: centres.get(centre)!, profileCode: 'centreCandidature', allCommissions: true },
      update: {},
    });
  }
  await prisma.commissionMember.upsert({
    where: { commissionId_userId: { commissionId: commissions.get('FST-INFO')!, userId: staff.get('commission')! } },
    create: { commissionId: commissions.get('FST-INFO')!, userId: staff.get('commission')!, profileCode: 'commission', isPresident: true },
    update: {},
  });
  // Demo only: the commission profile may also enter (not validate) opinions, so the demo shows the
  // "saisie" by the commission then the "validation" by the centre manager.
  await prisma.profileFunctionality.createMany({
    data: [{ profileCode: 'commission', functionalityCode: 'EDIT_AVIS', readOnly: false }],
    skipDuplicates: true,
  });

  // Candidates, each with a complete file.
  const campaignIds = new Map((await prisma.campaign.findMany({ where: { code: { in: ['2026-P', '2026-A'] } } })).map((c) => [c.code, c.id]));
  for (const c of DEMO_CANDIDATES) {
    const existing = await prisma.candidateAccount.findUnique({ where: { dossierNumber: c.dossierNumber }, select: { id: true } });
    if (existing) continue;
    await prisma.dossierNumberHistory.upsert({
      where: { dossierNumber: c.dossierNumber },
      create: { dossierNumber: c.dossierNumber, campaignCode: c.campaign },
      update: {},
    });
    await prisma.candidateAccount.create({
      data: {
        campaignId: campaignIds.get(c.campaign)!,
        dossierNumber: c.dossierNumber,
        email: c.email,
        passwordHash: await passwordHash(),
        firstName: c.firstName,
        lastName: c.lastName,
        emailValidated: true,
        validated: true,
        candidate: {
          create: {
            civility: c.civility,
            birthName: c.lastName,
            firstName: c.firstName,
            birthDate: day(c.birthDate),
            ine: c.ine?.[0] ?? null,
            ineKey: c.ine?.[1] ?? null,
            birthCountryCode: c.birth.country,
            birthCommuneCode: c.birth.commune ?? null,
            birthCityLabel: c.birth.city,
            nationalityCode: c.nationality,
            mobilePhone: c.mobile,
            language: 'fr',
            address: {
              create: {
                line1: c.address.line1,
                line2: c.address.line2 ?? null,
                postcode: c.address.postcode ?? null,
                communeCode: c.address.commune ?? null,
                foreignCity: c.address.foreignCity ?? null,
                countryCode: c.address.country,
              },
            },
            bac: {
              create: {
                year: c.bac.year,
                bacCode: c.bac.code,
                mentionCode: c.bac.mention ?? null,
                countryCode: c.bac.country,
                departmentCode: c.bac.department ?? null,
              },
            },
            externalCursus: {
              create: c.cursus.map((k) => ({
                academicYear: k.year,
                label: k.label,
                obtained: k.obtained,
                priorDiplomaCode: k.diploma,
                countryCode: k.country,
              })),
            },
            internships: { create: c.internship ? [c.internship] : [] },
            professionalExperiences: { create: c.experience ? [c.experience] : [] },
          },
        },
      },
    });
  }
}
