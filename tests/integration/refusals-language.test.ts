// The API's refusals in the reader's language (Accept-Language: fr or en; French when it names
// neither): the same refused request answers its title, detail and field messages in French without
// the header or with `fr`, in English with `en`, and the English says what to fix. Covered: the
// candidature's rules (decided in its workflow: transmit an incomplete file, cancel after
// transmission, an unfavourable opinion without motive), the API's own checks (a candidate on
// another's candidature, a refused upload) and a mass action's per-item results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createCandidates } from '../support/candidates.ts';

let t: TestApp;
let centre: string;
let emails: string[];
let next = 0;
/** A fresh candidate of the Pégase campaign (complete file), logged in. */
const newCandidate = async () => t.login(emails[next++]!);
/** A demo formation of the Pégase centre asking for supporting documents, and one asking for none. */
let withDocuments: string;
const NO_DOCUMENT = 'L3-INFO';

const FRENCH = [undefined, 'fr', 'fr-FR, en;q=0.5'] as const;
const ENGLISH = ['en', 'en-GB, fr;q=0.5'] as const;

beforeAll(async () => {
  t = await startTestApp();
  centre = await t.login('centre');
  emails = await createCandidates(t.db, '2026-P', 'RFL', 8);
  const formation = await t.db.formation.findFirstOrThrow({
    where: { commission: { centre: { code: 'FST' } }, supportingDocuments: { some: {} } },
    orderBy: { code: 'asc' },
  });
  withDocuments = formation.code;
}, 180_000);

afterAll(async () => {
  await t?.stop();
});

/** The same request in each language: the answers by Accept-Language value. */
async function inEachLanguage(method: string, path: string, opts: { token: string; body?: unknown }) {
  const ask = (language: string | undefined) => t.api(method, path, { ...opts, ...(language ? { headers: { 'accept-language': language } } : {}) });
  return {
    fr: await Promise.all(FRENCH.map(ask)),
    en: await Promise.all(ENGLISH.map(ask)),
  };
}

/** Every French answer says `fr`, every English one `en` (title and detail), all with this status. */
function expectWorded(
  answers: Awaited<ReturnType<typeof inEachLanguage>>,
  status: number,
  fr: { title: string; detail: RegExp },
  en: { title: string; detail: RegExp },
) {
  for (const res of answers.fr) {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.title).toBe(fr.title);
    expect(res.body.detail).toMatch(fr.detail);
  }
  for (const res of answers.en) {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body.title).toBe(en.title);
    expect(res.body.detail).toMatch(en.detail);
  }
}

async function apply(token: string, formationCode: string): Promise<string> {
  const created = await t.api('POST', '/api/candidatures', { token, body: { formationCode } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}

async function transmitted(formationCode: string): Promise<{ id: string; token: string }> {
  const token = await newCandidate();
  const id = await apply(token, formationCode);
  await t.completeFile(token, id);
  const sent = await t.api('POST', `/api/candidatures/${id}/transmit`, { token });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return { id, token };
}

describe('refusals of the candidature rules (decided in its workflow)', () => {
  it('transmitting an incomplete file: which documents to provide, in the reader’s language', async () => {
    const token = await newCandidate();
    const id = await apply(token, withDocuments);
    const view = (await t.api('GET', `/api/candidatures/${id}`, { token })).body;
    const mandatory = view.pieces.find((p: { conditional: boolean }) => !p.conditional) as { label: string };

    const answers = await inEachLanguage('POST', `/api/candidatures/${id}/transmit`, { token });
    expectWorded(
      answers,
      409,
      { title: 'Action impossible maintenant', detail: /^Le dossier est incomplet : .*pièce / },
      { title: 'Not possible now', detail: /^The file is incomplete: provide .*document .*then send it again\.$/ },
    );
    for (const res of answers.fr) expect(res.body.detail).toContain(`pièce ${mandatory.label}`);
    for (const res of answers.en) expect(res.body.detail).toContain(`document ${mandatory.label}`);
    // Nothing changed: still a draft.
    expect((await t.api('GET', `/api/candidatures/${id}`, { token })).body.stage).toBe('draft');
  });

  it('cancelling after transmission: refused, and the English says what remains possible', async () => {
    const { id, token } = await transmitted(NO_DOCUMENT);
    expectWorded(
      await inEachLanguage('POST', `/api/candidatures/${id}/cancel`, { token }),
      409,
      { title: 'Action impossible maintenant', detail: /^Le dossier a déjà été transmis : la candidature ne peut plus être annulée\.$/ },
      { title: 'Not possible now', detail: /^The file has already been sent: the application can no longer be cancelled\. .*withdraw/ },
    );
  });

  it('an unfavourable opinion without motive: 422 naming the field, its message in the reader’s language', async () => {
    const { id } = await transmitted(NO_DOCUMENT);
    const answers = await inEachLanguage('POST', `/api/staff/candidatures/${id}/opinions`, { token: centre, body: { decisionType: 'AVIS_DEFAVORABLE' } });
    expectWorded(
      answers,
      422,
      { title: 'Données invalides', detail: /^Un avis défavorable exige une motivation/ },
      { title: 'Invalid data', detail: /^An unfavourable opinion needs a motive: choose one/ },
    );
    for (const res of answers.fr) expect(res.body.errors).toEqual([{ field: 'motiveCode', message: expect.stringMatching(/^Un avis défavorable exige/) }]);
    for (const res of answers.en)
      expect(res.body.errors).toEqual([{ field: 'motiveCode', message: expect.stringMatching(/^An unfavourable opinion needs a motive/) }]);
  });
});

describe('refusals of the API’s own checks', () => {
  it('a candidate acting on another candidate’s candidature', async () => {
    const { id } = await transmitted(NO_DOCUMENT);
    const intruder = await newCandidate();
    const fr = { title: 'Action interdite', detail: /^Cette candidature n'est pas la vôtre\.$/ };
    const en = { title: 'Forbidden', detail: /^This application is not yours: you can only act on your own applications\.$/ };
    expectWorded(await inEachLanguage('GET', `/api/candidatures/${id}`, { token: intruder }), 403, fr, en);
    expectWorded(await inEachLanguage('POST', `/api/candidatures/${id}/confirm`, { token: intruder }), 403, fr, en);
  });

  it('an upload of a refused file type names the field by its label', async () => {
    const token = await newCandidate();
    const id = await apply(token, withDocuments);
    const view = (await t.api('GET', `/api/candidatures/${id}`, { token })).body;
    const piece = view.pieces.find((p: { conditional: boolean }) => !p.conditional).code as string;
    const upload = async (language?: string) => {
      const form = new FormData();
      form.append('file', new Blob(['MZ'], { type: 'application/x-msdownload' }), 'virus.exe');
      const res = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(language ? { 'accept-language': language } : {}) },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { title: string; detail: string; errors: { field: string; message: string }[] } };
    };
    const fr = await upload();
    expect(fr.status).toBe(400);
    expect(fr.body).toMatchObject({ title: 'Requête invalide', detail: 'Fichier : type de fichier refusé (application/x-msdownload) : PDF, JPEG ou PNG.' });
    expect(fr.body.errors).toEqual([{ field: 'file', message: fr.body.detail }]);
    const en = await upload('en');
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({ title: 'Invalid request', detail: 'File: file type refused (application/x-msdownload): upload a PDF, JPEG or PNG file.' });
    expect(en.body.errors).toEqual([{ field: 'file', message: en.body.detail }]);
  });
});

describe('a mass action', () => {
  it('answers each refused item’s reason in the language of whoever reads the results', async () => {
    const { id: noOpinion } = await transmitted(NO_DOCUMENT);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const started = await t.api('POST', '/api/staff/bulk', {
      token: centre,
      body: { action: 'validateOpinion', candidatureIds: [noOpinion, unknown] },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const results = (language?: string) =>
      t.eventually(
        () => t.api('GET', `/api/staff/bulk/${started.body.id}`, { token: centre, ...(language ? { headers: { 'accept-language': language } } : {}) }),
        (res) => res.status === 200 && res.body.status === 'completed',
      );
    const itemOf = (body: { items: { candidatureId: string }[] }, id: string) => body.items.find((i) => i.candidatureId === id);

    for (const language of FRENCH) {
      const { body } = await results(language);
      expect(itemOf(body, noOpinion)).toEqual({
        candidatureId: noOpinion,
        outcome: 'refused',
        status: 409,
        type: 'Conflict',
        message: "Aucun avis n'a été saisi.",
      });
      expect(itemOf(body, unknown)).toMatchObject({ outcome: 'refused', status: 404, message: `Aucune candidature ${unknown}.` });
    }
    for (const language of ENGLISH) {
      const { body } = await results(language);
      expect(itemOf(body, noOpinion)).toEqual({
        candidatureId: noOpinion,
        outcome: 'refused',
        status: 409,
        type: 'Conflict',
        message: 'No opinion has been entered: enter one before validating it.',
      });
      expect(itemOf(body, unknown)).toMatchObject({ outcome: 'refused', status: 404, message: `There is no application ${unknown}.` });
    }
  });
});
