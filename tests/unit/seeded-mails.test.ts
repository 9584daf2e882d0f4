// Every seeded mail template, rendered as the outbox renders it (activities/mail.ts `shownVariables`)
// with a full candidature's variables and the variables the transitions really give
// (domain/candidature.ts `decide`): no blank where a variable was ("avant le  depuis"), no template
// syntax left, no double space; and who receives what (domain/mail-recipients.ts).
import { describe, expect, it } from 'vitest';
import { candidatureMailVariables, shownVariables, type CandidatureMailSource } from '../../activities/mail.ts';
import { decide, initialState, type ActingUser, type CandidatureInput, type CandidatureState, type Command } from '../../domain/candidature.ts';
import { FUNCTIONALITIES } from '../../domain/codes.ts';
import { centreCopyRecipients, commissionAlertRecipients, recipientText, type CommissionAlertSettings } from '../../domain/mail-recipients.ts';
import { emptyVariables, mailTemplateProblems, mailVariables, renderMail, type MailVariables } from '../../domain/mail-template.ts';
import { seededMailTemplates } from '../../prisma/seed.ts';

const fullSource: CandidatureMailSource = {
  receivedAt: new Date('2027-03-01T09:00:00Z'),
  confirmationDeadline: new Date('2027-03-10T22:59:59Z'),
  feeAmount: { toString: () => '243.00' },
  exemptionComplement: 'Boursier',
  campaign: { label: 'Campagne 2027', labelEn: 'Campaign 2027' },
  account: {
    dossierNumber: 'DEMO0001',
    firstName: 'Léa',
    lastName: 'MARTIN',
    candidate: {
      civility: 'Mme',
      birthName: 'MARTIN',
      usualName: 'DUPONT',
      firstName: 'Léa',
      otherFirstNames: 'Anne',
      ine: '0123456789',
      ineKey: 'K',
      birthDate: new Date('2003-05-17T00:00:00Z'),
      birthCityLabel: 'Lyon',
      phone: '0472000000',
      mobilePhone: '0612345678',
      language: 'fr',
    },
  },
  formation: {
    code: 'MINFO',
    label: 'Master Informatique',
    apogeeVetCode: 'M1INF',
    apogeeVetVersion: '1',
    apogeeLabel: 'M1 Informatique',
    keywords: 'informatique',
    applicationStartsOn: new Date('2027-01-01T00:00:00Z'),
    applicationEndsOn: new Date('2027-06-30T00:00:00Z'),
    analysisOn: new Date('2027-07-01T00:00:00Z'),
    returnDeadline: new Date('2027-07-15T00:00:00Z'),
    juryOn: new Date('2027-07-20T00:00:00Z'),
    publicationOn: new Date('2027-07-22T00:00:00Z'),
    confirmationOn: new Date('2027-07-30T00:00:00Z'),
    commission: {
      label: 'Commission Informatique',
      email: 'info@univ.example',
      addressLine1: '1 rue X',
      addressLine2: null,
      addressLine3: null,
      postcode: '69000',
      city: 'Lyon',
      phone: '0472000001',
      url: 'https://univ.example',
      fax: '0472000002',
      returnComment: 'En PDF',
      returnCommentEn: 'As PDF',
      signatory: 'La présidente',
    },
  },
};

/** The mails the transitions decide, by code: their own variables (the last seen of each code). */
function transitionMails(): Map<string, MailVariables> {
  const input: CandidatureInput = {
    candidatureId: '00000000-0000-4000-8000-000000000001',
    campaign: { code: '2026-P', sisType: 'P' },
    formation: {
      code: 'MINFO',
      label: 'Master Informatique',
      commissionCode: 'C1',
      traitement: 'AC',
      returnDeadline: '2027-07-15',
      confirmationOn: null,
      confirmationDelayDays: 8,
      favourableDecisionType: { code: 'AVIS_FAVORABLE', kind: 'FA', exportsToSis: true, mailCode: 'AVIS_FAVORABLE' },
    },
    candidate: { accountId: 1, dossierNumber: 'DEMO0001', firstName: 'Léa', lastName: 'Martin' },
    createdAt: '2027-01-10T10:00:00.000Z',
    createdBy: { kind: 'candidate', login: 'DEMO0001' },
  };
  const candidate: ActingUser = { kind: 'candidate', login: 'DEMO0001' };
  const manager: ActingUser = { kind: 'staff', login: 'centre', rights: [...FUNCTIONALITIES] };
  const system = { kind: 'system', login: 'system' } as ActingUser;
  const type = (code: string, kind: 'FA' | 'DE' | 'LC' | 'PR' | 'LA') => ({ code, kind, exportsToSis: kind === 'FA', mailCode: code });
  const mails = new Map<string, MailVariables>();
  const run = (state: CandidatureState, steps: [Command, ActingUser, Date?][]) => {
    for (const [cmd, actor, at] of steps) {
      const d = decide(state, cmd, actor, at ?? new Date('2027-02-01T10:00:00Z'));
      if (!d.ok) throw new Error(`${cmd.type} refused: ${d.reason.fr}`);
      for (const e of d.effects) if (e.type === 'mail') mails.set(e.code, e.variables ?? {});
      state = d.state;
    }
    return state;
  };
  const opinion = (cmd: Record<string, unknown>): [Command, ActingUser][] => [
    [{ type: 'enterOpinion', ...cmd } as Command, manager],
    [{ type: 'validateOpinion' }, manager],
  ];
  const transmitted = run(initialState(input), [
    [{ type: 'transmit' }, candidate],
    [{ type: 'setDossierStatus', status: 'CO' }, manager],
  ]);
  run(transmitted, opinion({ decisionType: type('AVIS_DEFAVORABLE', 'DE'), motiveCode: 'CAPACITE', comment: 'Désolé', appeal: true }));
  run(transmitted, opinion({ decisionType: type('AVIS_LISTE_COMP', 'LC'), lcRank: 3 }));
  run(transmitted, opinion({ decisionType: type('AVIS_LISTE_ATT', 'LA') }));
  run(transmitted, opinion({ decisionType: type('AVIS_PRESELECTION', 'PR'), interview: { date: '2027-03-02', time: '14:30', place: 'B' } }));
  const offered = run(transmitted, opinion({ decisionType: type('AVIS_FAVORABLE', 'FA'), comment: 'Bravo' }));
  run(offered, [[{ type: 'remind' }, system, new Date('2027-02-08T10:00:00Z')]]);
  run(initialState({ ...input, formation: { ...input.formation, traitement: 'AD' } }), [
    [{ type: 'changeTraitement', traitement: 'AD' }, manager],
    [{ type: 'validateTraitement' }, manager],
  ]);
  // Mails whose variables come from elsewhere than a transition: the OPI code the SIS export found
  // (workflows/candidature.ts gives only the code), the forms still to fill in.
  mails.set('CANDIDATURE_MODIF_COD_OPI', { newCodeOpi: 'OPI0012345' });
  mails.set('CANDIDATURE_RELANCE_FORMULAIRE', { formulaires: 'Questionnaire de motivation' });
  return mails;
}

describe('every seeded mail template', () => {
  const templates = seededMailTemplates();
  const transitions = transitionMails();
  const motiveLabels: Record<'fr' | 'en', string> = { fr: 'Capacité d’accueil atteinte', en: 'Capacity reached' };

  it('uses only the variables its code offers', () => {
    for (const t of templates) {
      const offered = mailVariables(t.code, { opinionKindCode: t.opinionKindCode }).map((d) => d.name);
      for (const text of [t.subjectFr, t.bodyFr, t.subjectEn, t.bodyEn]) expect(mailTemplateProblems(text, offered), t.code).toEqual([]);
    }
  });

  for (const language of ['fr', 'en'] as const) {
    it(`leaves no blank where a variable was, with a full candidature's variables (${language})`, () => {
      const candidatureVars = candidatureMailVariables(fullSource, language, language === 'fr' ? 'Français' : 'English');
      for (const t of templates) {
        if (t.code.startsWith('CPT_MIN_')) continue; // account mails: tests/integration/accounts.test.ts
        const transition = transitions.get(t.code) ?? {};
        const shown = shownVariables(candidatureVars, transition, transition.motif ? motiveLabels[language] : null);
        const written = language === 'fr' ? { subject: t.subjectFr, body: t.bodyFr } : { subject: t.subjectEn, body: t.bodyEn };
        expect([...emptyVariables(written.subject, shown), ...emptyVariables(written.body, shown)], `${t.code}: variables without a value`).toEqual([]);
        const mail = renderMail(written, shown);
        for (const text of [mail.subject, mail.text]) {
          expect(text, t.code).not.toMatch(/\$\{|\{if\(|\{endif\(/);
          expect(text, t.code).not.toMatch(/[^\s] {2,}[^\s]/);
          expect(text, t.code).not.toMatch(/ [,.)]/); // (French puts a space before : and ;)
        }
      }
    });
  }

  it('the favourable mail gives the deadline the transition decided, before the read model holds it', () => {
    const favourable = templates.find((t) => t.code === 'AVIS_FAVORABLE')!;
    // A formation with a delay (no fixed date), the read model not yet written: only the transition knows the deadline.
    const source = { ...fullSource, confirmationDeadline: null, formation: { ...fullSource.formation, confirmationOn: null } };
    const vars = candidatureMailVariables(source, 'fr', 'Français');
    expect(vars['formation.datConfirm']).toBeNull();
    const shown = shownVariables(vars, transitions.get('AVIS_FAVORABLE')!);
    const mail = renderMail({ subject: favourable.subjectFr, body: favourable.bodyFr }, shown);
    expect(mail.text).toContain('Confirmez ou refusez cette proposition avant le 09/02/2027 depuis votre espace candidat.');
    expect(emptyVariables(favourable.bodyFr, shown)).toEqual([]);
    // The guard catches a blank: the same mail without the transition's deadline.
    expect(emptyVariables(favourable.bodyFr, vars)).toEqual(['formation.datConfirm']);
  });

  it('greets a candidate without a civility without a double space', () => {
    const source = { ...fullSource, account: { ...fullSource.account, candidate: null } };
    const created = templates.find((t) => t.code === 'CANDIDATURE')!;
    const text = renderMail({ subject: created.subjectFr, body: created.bodyFr }, candidatureMailVariables(source, 'fr', null)).text;
    expect(text.startsWith('Bonjour Léa MARTIN,')).toBe(true);
  });

  it('names the formation in the subject of every dossier status mail', () => {
    for (const t of templates.filter((t) => t.code.startsWith('STATUT_'))) {
      expect(t.subjectFr, t.code).toContain('${formation.libelle}');
      expect(t.subjectEn, t.code).toContain('${formation.libelle}');
    }
  });
});

describe('who receives a mail', () => {
  const commission: CommissionAlertSettings = {
    code: 'C1',
    alertMode: 'M',
    alertEmail: 'alertes@univ.example',
    email: 'commission@univ.example',
    memberEmails: ['a@univ.example', 'B@univ.example', 'b@univ.example', ''],
    alertOnProposition: true,
    alertOnCancellation: false,
    alertOnTransmission: true,
    alertOnWithdrawal: true,
    alertOnMainList: true,
  };

  it('a commission alert: per the alert mode, only when its event’s flag is on', () => {
    expect(commissionAlertRecipients('COMMISSION_ALERT_PROPOSITION', commission)).toEqual({ ok: true, to: ['alertes@univ.example'] });
    expect(commissionAlertRecipients('COMMISSION_ALERT_PROPOSITION', { ...commission, alertEmail: ' ' })).toEqual({
      ok: true,
      to: ['commission@univ.example'],
    });
    expect(commissionAlertRecipients('COMMISSION_ALERT_PROPOSITION', { ...commission, alertMode: 'L' })).toEqual({
      ok: true,
      to: ['a@univ.example', 'B@univ.example'],
    });
    const off = commissionAlertRecipients('COMMISSION_ALERT_ANNULATION', commission);
    expect(off.ok).toBe(false);
    expect(!off.ok && off.reason).toContain('alertOnCancellation');
    const none = commissionAlertRecipients('COMMISSION_ALERT_TRANSMISSION', { ...commission, alertMode: 'N' });
    expect(!none.ok && none.reason).toContain('alert mode N');
    const noMember = commissionAlertRecipients('COMMISSION_ALERT_TRANSMISSION', { ...commission, alertMode: 'L', memberEmails: [] });
    expect(!noMember.ok && noMember.reason).toContain('no member');
    const noAddress = commissionAlertRecipients('COMMISSION_ALERT_TRANSMISSION', { ...commission, alertEmail: null, email: null });
    expect(noAddress.ok).toBe(false);
  });

  it('the centre’s blind copies of a candidate mail: none, its contact address, or its managers (never the candidate twice)', () => {
    const centre = { sendMailMode: 'N', contactEmail: 'scol@univ.example', managerEmails: ['g1@univ.example', 'lea@essai.test'] };
    expect(centreCopyRecipients(centre, 'lea@essai.test')).toEqual([]);
    expect(centreCopyRecipients({ ...centre, sendMailMode: 'M' }, 'lea@essai.test')).toEqual(['scol@univ.example']);
    expect(centreCopyRecipients({ ...centre, sendMailMode: 'M', contactEmail: null }, 'lea@essai.test')).toEqual([]);
    expect(centreCopyRecipients({ ...centre, sendMailMode: 'L' }, 'LEA@essai.test')).toEqual(['g1@univ.example']);
  });

  it('records many recipients within the log’s column', () => {
    const many = Array.from({ length: 40 }, (_, i) => `membre${i}@univ.example`);
    const text = recipientText(many);
    expect(text.length).toBeLessThanOrEqual(255);
    expect(text).toMatch(/^membre0@univ\.example, .* \(\+\d+\)$/);
    expect(recipientText(['a@x.fr', 'b@x.fr'])).toBe('a@x.fr, b@x.fr');
  });
});
