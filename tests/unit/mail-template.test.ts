import { describe, expect, it } from 'vitest';
import { candidatureMailVariables, type CandidatureMailSource } from '../../activities/mail.ts';
import {
  decide,
  initialState,
  type ActingUser,
  type CandidatureInput,
  type CandidatureState,
  type Command,
  type SideEffect,
} from '../../domain/candidature.ts';
import { FUNCTIONALITIES, MAIL_CODES } from '../../domain/codes.ts';
import {
  CANDIDATURE_VARIABLE_GROUPS,
  MAIL_VARIABLE_GROUPS,
  mailTemplateProblems,
  mailVariableGroups,
  mailVariables,
  renderMail,
  renderMailTemplate,
  sampleVariables,
} from '../../domain/mail-template.ts';

describe('mail templates', () => {
  it('replaces variables and drops unknown ones', () => {
    expect(renderMailTemplate('Bonjour ${candidat.prenom} ${x}!', { 'candidat.prenom': 'Léa' })).toBe('Bonjour Léa !');
  });
  it('keeps an if-block only when its variable has a value', () => {
    const t = 'Avis.{if($motif)} Motif : ${motif}.{endif($motif)} Fin';
    expect(renderMailTemplate(t, { motif: 'Capacité atteinte' })).toBe('Avis. Motif : Capacité atteinte. Fin');
    expect(renderMailTemplate(t, { motif: null })).toBe('Avis. Fin');
    expect(renderMailTemplate(t, {})).toBe('Avis. Fin');
  });
  it('does not execute anything', () => {
    expect(renderMailTemplate('${constructor} ${__proto__}', {})).toBe(' ');
  });
  it('nests if-blocks', () => {
    const t = '{if($a)}A{if($b)} B=${b}{endif($b)}.{endif($a)}|{if($b)}b{endif($b)}';
    expect(renderMailTemplate(t, { a: 1, b: 2 })).toBe('A B=2.|b');
    expect(renderMailTemplate(t, { a: 1 })).toBe('A.|');
    expect(renderMailTemplate(t, { b: 2 })).toBe('|b');
  });
});

describe('a mail with a text and an HTML part', () => {
  const hostile = { 'candidat.nomPat': '<script>alert(1)</script>', 'candidat.prenom': 'Tom & "Jerry"', commentaire: "l'avis <b>" };

  it('turns a plain-text body into escaped paragraphs, and leaves its text part as written', () => {
    const body =
      'Bonjour ${candidat.prenom} ${candidat.nomPat},\nvotre dossier.\n\nNote : 1 < 2 & 3 > 2.{if($commentaire)}\n\nCommentaire : ${commentaire}{endif($commentaire)}';
    const mail = renderMail({ subject: 'Dossier de ${candidat.prenom}', body }, hostile);
    expect(mail.subject).toBe('Dossier de Tom & "Jerry"');
    expect(mail.text).toBe('Bonjour Tom & "Jerry" <script>alert(1)</script>,\nvotre dossier.\n\nNote : 1 < 2 & 3 > 2.\n\nCommentaire : l\'avis <b>');
    expect(mail.html).toBe(
      '<p>Bonjour Tom &amp; &quot;Jerry&quot; &lt;script&gt;alert(1)&lt;/script&gt;,<br>\nvotre dossier.</p>\n' +
        '<p>Note : 1 &lt; 2 &amp; 3 &gt; 2.</p>\n' +
        '<p>Commentaire : l&#39;avis &lt;b&gt;</p>',
    );
    expect(mail.html).not.toMatch(/<script|<b>/);
  });

  it('escapes every value in an HTML body and converts it into the text part', () => {
    const body =
      '<p>Bonjour <strong>${candidat.prenom}</strong> ${candidat.nomPat},</p><ul><li>Formation : ${formation.libelle}</li></ul>' +
      '<p><a href="https://univ.example/">Votre espace</a>{if($commentaire)}<br>${commentaire}{endif($commentaire)}</p>';
    const mail = renderMail({ subject: 'Objet', body }, { ...hostile, 'formation.libelle': 'M1 Info & Réseaux' });
    expect(mail.html).toContain('<strong>Tom &amp; &quot;Jerry&quot;</strong> &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(mail.html).toContain('<li>Formation : M1 Info &amp; Réseaux</li>');
    expect(mail.html).toContain('<br>l&#39;avis &lt;b&gt;');
    expect(mail.html).not.toMatch(/<script|<b>/);
    // The text part reads the values as they are, without markup.
    expect(mail.text).toContain('Bonjour Tom & "Jerry" <script>alert(1)</script>,');
    expect(mail.text).toContain('Formation : M1 Info & Réseaux');
    expect(mail.text).toContain('Votre espace [https://univ.example/]');
    expect(mail.text).toContain("l'avis <b>");
    expect(mail.text).not.toMatch(/<strong>|<p>|<li>/);
  });

  it('keeps the line breaks typed between text when a plain body got one tag, not those of the markup', () => {
    const body = 'Bonjour ${candidat.prenom},\nvotre dossier est complet.\n\nCordialement,\n<p>Contact : ${commission.mail}</p>\n<ul>\n<li>un</li>\n</ul>';
    const mail = renderMail({ subject: 'Objet', body }, { 'candidat.prenom': 'Léa', 'commission.mail': 'com@univ.example' });
    expect(mail.html).toBe('Bonjour Léa,<br>\nvotre dossier est complet.<br><br>\nCordialement,\n<p>Contact : com@univ.example</p>\n<ul>\n<li>un</li>\n</ul>');
    expect(mail.text).toMatch(/^Bonjour Léa,\nvotre dossier est complet\.\n\nCordialement,/);
  });

  it('keeps the subject plain text on one line', () => {
    expect(renderMail({ subject: 'Dossier ${candidat.nomPat}', body: 'x' }, { 'candidat.nomPat': 'A\r\nBcc: x@y' }).subject).toBe('Dossier A Bcc: x@y');
  });

  it('shows link variables as links in the HTML part, and as URLs in the text part', () => {
    const url = 'https://ecandidat.example/valider?cle=a&b=1';
    const mail = renderMail({ subject: 's', body: 'Validez : ${lienValidationHtml}\nou ${lienValidation}' }, { lienValidationHtml: url, lienValidation: url });
    expect(mail.html).toBe(
      '<p>Validez : <a href="https://ecandidat.example/valider?cle=a&amp;b=1">https://ecandidat.example/valider?cle=a&amp;b=1</a><br>\nou https://ecandidat.example/valider?cle=a&amp;b=1</p>',
    );
    expect(mail.text).toBe(`Validez : ${url}\nou ${url}`);
  });
});

describe('checking a template', () => {
  const offered = mailVariables('AVIS_DEFAVORABLE').map((d) => d.name);
  const problems = (t: string) => mailTemplateProblems(t, offered).map((p) => p.message.fr);

  it('accepts the variables and blocks the code offers', () => {
    expect(problems('Bonjour ${candidat.prenom},{if($motif)} motif : ${motif}{if($commentaire)} (${commentaire}){endif($commentaire)}{endif($motif)}')).toEqual(
      [],
    );
  });
  it('refuses a variable the code does not offer, in French and English', () => {
    const [p] = mailTemplateProblems('Bonjour ${candidat.nom} ${lienValidation}', offered);
    expect(p!.message).toEqual({ fr: '« ${candidat.nom} » n’est pas une variable de ce mail.', en: '“${candidat.nom}” is not a variable of this mail.' });
    expect(problems('${lienValidation}')).toHaveLength(1);
    expect(problems('{if($newCodeOpi)}x{endif($newCodeOpi)}')).toEqual(['« ${newCodeOpi} » n’est pas une variable de ce mail.']);
  });
  it('refuses an if without its endif, an endif without its if, and crossed blocks', () => {
    expect(problems('{if($motif)} motif')).toEqual(['« {if($motif)} » n’est pas fermé par {endif($motif)}.']);
    expect(problems('motif{endif($motif)}')).toEqual(['« {endif($motif)} » n’a pas de {if($motif)} avant lui.']);
    expect(problems('{if($motif)}{if($rang)}{endif($motif)}{endif($rang)}')).toEqual([
      '« {if($rang)} » n’est pas fermé par {endif($rang)}.',
      '« {endif($rang)} » n’a pas de {if($rang)} avant lui.',
    ]);
    expect(problems('{if(motif)}x{endif($motif)}')).toContain('« {if(motif)} » : écrivez {if($nomDeVariable)}.');
  });
});

describe('the variables of each mail', () => {
  it('are declared once, each name in one group only', () => {
    const names = Object.values(MAIL_VARIABLE_GROUPS).flatMap((g) => g.map((d) => d.name));
    expect(new Set(names).size).toBe(names.length);
    for (const d of Object.values(MAIL_VARIABLE_GROUPS).flat()) expect(d.sample, d.name).not.toBe('');
  });
  it('are offered by group: candidature groups to every candidature mail, decision ones to AVIS_*, account ones to CPT_MIN_*', () => {
    expect(mailVariableGroups('CANDIDATURE')).toEqual(['campagne', 'candidat', 'formation', 'commission', 'dossier']);
    expect(mailVariableGroups('AVIS_LISTE_COMP')).toEqual([...CANDIDATURE_VARIABLE_GROUPS, 'decision', 'confirmation']);
    expect(mailVariableGroups('AVIS_SPECIAL_CENTRE')).toContain('decision');
    expect(mailVariableGroups('MON_AVIS', { opinionKindCode: 'FA' })).toContain('decision');
    expect(mailVariableGroups('TYPE_TRAIT_AD')).toEqual([...CANDIDATURE_VARIABLE_GROUPS, 'confirmation']);
    expect(mailVariableGroups('CPT_MIN_CREATE')).toEqual(['compte']);
    expect(mailVariableGroups('COMMISSION_ALERT_TRANSMISSION')).toEqual([...CANDIDATURE_VARIABLE_GROUPS]);
    for (const code of MAIL_CODES) expect(mailVariables(code).length, code).toBeGreaterThan(0);
  });
  it('have a sample each, for previews', () => {
    expect(sampleVariables(mailVariables('CANDIDATURE'))).toMatchObject({ 'candidat.prenom': 'Léa', 'formation.code': 'MINFO-M1' });
  });

  it('built by activities/mail.ts are exactly the candidature groups', () => {
    const source: CandidatureMailSource = {
      receivedAt: new Date('2027-07-16T08:00:00Z'),
      confirmationDeadline: null,
      feeAmount: null,
      exemptionComplement: null,
      campaign: { label: 'Campagne 2027', labelEn: 'Campaign 2027' },
      account: { dossierNumber: 'DEMO0001', firstName: 'Léa', lastName: 'MARTIN', candidate: null },
      formation: {
        code: 'F1',
        label: 'Formation',
        apogeeVetCode: null,
        apogeeVetVersion: null,
        apogeeLabel: null,
        keywords: null,
        applicationStartsOn: new Date('2027-01-01T00:00:00Z'),
        applicationEndsOn: new Date('2027-06-30T00:00:00Z'),
        analysisOn: null,
        returnDeadline: new Date('2027-07-15T00:00:00Z'),
        juryOn: null,
        publicationOn: null,
        confirmationOn: null,
        commission: {
          label: 'Commission',
          email: null,
          addressLine1: '1 rue X',
          addressLine2: null,
          addressLine3: null,
          postcode: '69000',
          city: 'Lyon',
          phone: null,
          url: null,
          fax: null,
          returnComment: 'En PDF',
          returnCommentEn: 'As PDF',
          signatory: null,
        },
      },
    };
    const vars = candidatureMailVariables(source, 'en', 'English');
    const declared = CANDIDATURE_VARIABLE_GROUPS.flatMap((g) => MAIL_VARIABLE_GROUPS[g].map((d) => d.name));
    expect(Object.keys(vars).sort()).toEqual([...declared].sort());
    expect(vars).toMatchObject({
      libelleCampagne: 'Campaign 2027',
      'candidat.nomPat': 'MARTIN',
      'formation.datRetour': '15/07/2027',
      'dossier.dateReception': '16/07/2027',
      'commission.adresse': '1 rue X, 69000 Lyon',
      'commission.commentaireRetour': 'As PDF',
      'candidat.libLangue': 'English',
    });
  });

  it('given by the transitions (domain/candidature.ts) are among those their mail code offers', () => {
    const input: CandidatureInput = {
      candidatureId: '00000000-0000-4000-8000-000000000001',
      campaign: { code: '2026-P', sisType: 'P' },
      formation: {
        code: 'MINFO',
        label: 'Master Informatique',
        commissionCode: 'C1',
        traitement: 'AC',
        returnDeadline: '2027-07-15',
        confirmationOn: '2027-07-20',
        confirmationDelayDays: 8,
        favourableDecisionType: { code: 'AVIS_FAVORABLE', kind: 'FA', exportsToSis: true, mailCode: 'AVIS_FAVORABLE' },
      },
      candidate: { accountId: 1, dossierNumber: 'DEMO0001', firstName: 'Léa', lastName: 'Martin' },
      createdAt: '2027-01-10T10:00:00.000Z',
      createdBy: { kind: 'candidate', login: 'DEMO0001' },
    };
    const candidate: ActingUser = { kind: 'candidate', login: 'DEMO0001' };
    const manager: ActingUser = { kind: 'staff', login: 'centre', rights: [...FUNCTIONALITIES] };
    const system: ActingUser = { kind: 'system', login: 'system' } as ActingUser;
    const type = (code: string, kind: 'FA' | 'DE' | 'LC' | 'PR' | 'LA') => ({ code, kind, exportsToSis: kind === 'FA', mailCode: code });
    const mails: Extract<SideEffect, { type: 'mail' }>[] = [];
    const run = (state: CandidatureState, steps: [Command, ActingUser, Date?][]) => {
      for (const [cmd, actor, at] of steps) {
        const d = decide(state, cmd, actor, at ?? new Date('2027-02-01T10:00:00Z'));
        if (!d.ok) throw new Error(`${cmd.type} refused: ${d.reason.fr}`);
        for (const e of d.effects) if (e.type === 'mail') mails.push(e);
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
    run(transmitted, opinion({ decisionType: type('AVIS_PRESELECTION', 'PR'), interview: { date: '2027-03-02', time: '14:30', place: 'B' } }));
    const offered = run(transmitted, opinion({ decisionType: type('AVIS_FAVORABLE', 'FA'), comment: 'Bravo' }));
    run(offered, [[{ type: 'remind' }, system, new Date('2027-02-08T10:00:00Z')]]);
    run(offered, [[{ type: 'withdraw' } as Command, candidate]]);
    run(initialState({ ...input, formation: { ...input.formation, traitement: 'AD' } }), [
      [{ type: 'changeTraitement', traitement: 'AD' }, manager],
      [{ type: 'validateTraitement' }, manager],
    ]);

    const codes = new Set(mails.map((m) => m.code));
    for (const code of ['AVIS_DEFAVORABLE', 'AVIS_LISTE_COMP', 'AVIS_PRESELECTION', 'AVIS_FAVORABLE', 'CANDIDATURE_RELANCE_FAVO', 'TYPE_TRAIT_AD', 'STATUT_CO'])
      expect(codes, code).toContain(code);
    for (const mail of mails) {
      const names = new Set(mailVariables(mail.code).map((d) => d.name));
      for (const name of Object.keys(mail.variables ?? {})) expect(names.has(name), `${mail.code}: ${name}`).toBe(true);
    }
  });
});
