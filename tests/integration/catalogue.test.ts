// The public catalogue (issue 10): anyone, without logging in, reads the campaigns in service →
// centres → diploma types → formations with their dates, access mode, documents (model files to
// download) and questions; searches by keyword; a campaign not in service is absent.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, parisDate } from '../../domain/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { retireFormations } from '../support/setup-data.ts';

let t: TestApp;
let admin: string;
const run = randomUUID().slice(0, 6).toUpperCase();
const today = parisDate(new Date());
const centre = `CAT${run}`;
const commission = `CCAT-${run}`;
const open = `CO-${run}`;
const closed = `CC-${run}`;
const upcoming = `CU-${run}`;
const paper = `CP-${run}`;
const document = `DCAT-${run}`;
const question = `QCAT-${run}`;

async function created(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  await created(t.api('POST', '/api/admin/centres', { token: admin, body: { code: centre, label: `Centre des sciences de la mer ${run}`, sisType: 'P' } }));
  await created(
    t.api('POST', '/api/admin/commissions', {
      token: admin,
      body: { code: commission, label: `Commission océanographie ${run}`, centreCode: centre, email: `oceano-${run.toLowerCase()}@univ.test` },
    }),
  );
  await created(t.api('POST', '/api/admin/supporting-documents', { token: admin, body: { code: document, label: 'Curriculum vitæ', isConditional: true } }));
  const form = new FormData();
  form.append('file', new Blob(['%PDF-1.4\n% modèle de CV\n%%EOF\n'], { type: 'application/pdf' }), 'modèle CV.pdf');
  const model = await fetch(`${t.server.url}/api/admin/supporting-documents/${document}/model`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}` },
    body: form,
  });
  expect(model.status).toBe(200);
  await created(t.api('POST', '/api/admin/questions', { token: admin, body: { code: question, label: 'Pourquoi la mer ?', type: 'S' } }));
  const formation = (code: string, label: string, starts: number, ends: number, extra: object = {}) =>
    created(
      t.api('POST', '/api/admin/formations', {
        token: admin,
        body: {
          code,
          label,
          commissionCode: commission,
          applicationStartsOn: addDays(today, starts),
          applicationEndsOn: addDays(today, ends),
          returnDeadline: addDays(today, ends + 5),
          juryOn: addDays(today, ends + 10),
          publicationOn: addDays(today, ends + 12),
          confirmationOn: addDays(today, ends + 20),
          ...extra,
        },
      }),
    );
  await formation(open, `Master Océanographie physique ${run}`, -2, 20, {
    keywords: 'plongée, climat; houle',
    url: 'https://univ.test/oceano',
    additionalInfo: 'Stage embarqué obligatoire.',
    documentCodes: [document],
    questionCodes: [question],
    capacity: 18,
  });
  await formation(closed, `Master Hydrographie ${run}`, -30, -3);
  await formation(upcoming, `Licence Biologie marine ${run}`, 10, 40);
  await formation(paper, `DU Navigation ${run}`, -2, 20);
  // The setup API does not expose it: a formation whose files go by post.
  await t.db.formation.update({ where: { code: paper }, data: { demat: false } });
}, 120_000);
afterAll(async () => {
  if (t) await retireFormations(t.db, run);
  await t?.stop();
});

function centreOf(body: any) {
  const campaign = body.campaigns.find((c: { code: string }) => c.code === '2026-P');
  return campaign?.centres.find((c: { code: string }) => c.code === centre);
}
const formationsOf = (c: any): any[] => c.diplomaTypes.flatMap((d: { formations: unknown[] }) => d.formations);

describe('the public catalogue', () => {
  it('answers without a login: campaign in service → centre → diploma type → formations, with dates, access mode and period', async () => {
    const res = await t.api('GET', '/api/catalogue');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.today).toBe(today);
    const c = centreOf(res.body);
    expect(c).toMatchObject({ code: centre, label: `Centre des sciences de la mer ${run}` });
    const byCode = Object.fromEntries(formationsOf(c).map((f) => [f.code, f]));
    expect(Object.keys(byCode).sort()).toEqual([closed, open, paper, upcoming].sort());
    expect(byCode[open]).toMatchObject({
      label: `Master Océanographie physique ${run}`,
      campaignCode: '2026-P',
      centre: { code: centre },
      commission: { code: commission, label: `Commission océanographie ${run}` },
      accessMode: 'demat',
      period: 'open',
      openToday: true,
      capacity: 18,
      keywords: ['plongée', 'climat', 'houle'],
      url: 'https://univ.test/oceano',
      additionalInfo: 'Stage embarqué obligatoire.',
      dates: {
        applicationStartsOn: addDays(today, -2),
        applicationEndsOn: addDays(today, 20),
        returnDeadline: addDays(today, 25),
        juryOn: addDays(today, 30),
        publicationOn: addDays(today, 32),
        confirmationOn: addDays(today, 40),
      },
    });
    expect(byCode[closed]).toMatchObject({ period: 'closed', openToday: false });
    expect(byCode[upcoming]).toMatchObject({ period: 'upcoming', openToday: false });
    expect(byCode[paper]).toMatchObject({ accessMode: 'paper', period: 'open' });
    // The demo's formations are there too, under their own centres.
    const campaign = res.body.campaigns.find((x: { code: string }) => x.code === '2026-P');
    expect(campaign.centres.length).toBeGreaterThan(1);
  });

  it('lists the documents asked with a public model download, and the questions', async () => {
    const c = centreOf((await t.api('GET', `/api/catalogue?q=${encodeURIComponent(run)}`)).body);
    const f = formationsOf(c).find((x) => x.code === open);
    const doc = f.documents.find((d: { code: string }) => d.code === document);
    expect(doc).toMatchObject({
      label: 'Curriculum vitæ',
      conditional: true,
      modelFile: { name: 'modèle CV.pdf', url: `/api/catalogue/documents/${document}/model` },
    });
    expect(f.questions).toContainEqual({ code: question, label: 'Pourquoi la mer ?', labelEn: null, type: 'S', conditional: false });
    // Another formation of the centre does not ask for it.
    expect(
      formationsOf(c)
        .find((x) => x.code === closed)
        .documents.map((d: { code: string }) => d.code),
    ).not.toContain(document);

    const download = await fetch(`${t.server.url}${doc.modelFile.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(await download.text()).toContain('modèle de CV');
    const none = await t.api('GET', `/api/catalogue/documents/${question}/model`, { headers: { 'accept-language': 'en' } });
    expect(none.status).toBe(404);
    expect(none.body.detail).toBe(`No model file to download for document ${question}.`);
  });

  it('searches by keyword, label, code or centre (accents and case ignored), and keeps only open formations on request', async () => {
    const codes = async (query: string) => {
      const res = await t.api('GET', `/api/catalogue?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.campaigns.flatMap((c: any) => c.centres.flatMap(formationsOf)).map((f: { code: string }) => f.code);
    };
    expect(await codes(`q=${encodeURIComponent(`PLONGEE ${run}`)}`)).toEqual([open]);
    expect(await codes(`q=${encodeURIComponent(`océanographie ${run}`)}`)).toEqual([open]);
    expect(await codes(`q=${encodeURIComponent(closed)}`)).toEqual([closed]);
    expect((await codes(`q=${encodeURIComponent(`sciences de la mer ${run}`)}`)).sort()).toEqual([closed, open, paper, upcoming].sort());
    expect((await codes(`q=${encodeURIComponent(`mer ${run}`)}&open=true`)).sort()).toEqual([open, paper].sort());
    const nothing = await t.api('GET', `/api/catalogue?q=${encodeURIComponent(`introuvable ${run}`)}`);
    expect(nothing.body).toMatchObject({ q: `introuvable ${run}`, formationCount: 0 });
    expect(nothing.body.campaigns.every((c: { centres: unknown[] }) => c.centres.length === 0)).toBe(true);
  });

  it('leaves out a campaign not in service, and a formation out of service', async () => {
    const future = `X${run}`;
    await created(
      t.api('POST', '/api/admin/campaigns', {
        token: admin,
        body: { code: future, label: `Campagne future ${run}`, sisType: 'P', startsOn: addDays(today, 200), endsOn: addDays(today, 560) },
      }),
    );
    const all = await t.api('GET', '/api/catalogue');
    expect(all.body.campaigns.map((c: { code: string }) => c.code)).toContain('2026-P');
    expect(all.body.campaigns.map((c: { code: string }) => c.code)).not.toContain(future);
    const filtered = await t.api('GET', `/api/catalogue?campaign=${future}`);
    expect(filtered.status).toBe(200);
    expect(filtered.body.campaigns).toEqual([]);
    const only = await t.api('GET', '/api/catalogue?campaign=2026-P');
    expect(only.body.campaigns.map((c: { code: string }) => c.code)).toEqual(['2026-P']);

    const retired = `CR-${run}`;
    await created(
      t.api('POST', '/api/admin/formations', {
        token: admin,
        body: {
          code: retired,
          label: `Retirée ${run}`,
          commissionCode: commission,
          applicationStartsOn: today,
          applicationEndsOn: addDays(today, 5),
          returnDeadline: addDays(today, 6),
        },
      }),
    );
    expect((await t.api('PATCH', `/api/admin/formations/${retired}`, { token: admin, body: { active: false } })).status).toBe(200);
    const codes = formationsOf(centreOf((await t.api('GET', `/api/catalogue?q=${run}`)).body)).map((f) => f.code);
    expect(codes).not.toContain(retired);
    expect((await t.api('GET', `/api/catalogue/formations/${retired}`)).status).toBe(404);
  });

  it("answers one formation with its commission's contact, 404 in the reader's language otherwise", async () => {
    await t.api('PATCH', `/api/admin/commissions/${commission}`, {
      token: admin,
      body: { addressLine1: '1 quai de la Douane', postcode: '29200', city: 'Brest', phone: '0298000000', returnComment: 'Envoyez le dossier par courrier.' },
    });
    const res = await t.api('GET', `/api/catalogue/formations/${open}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      code: open,
      campaign: { code: '2026-P' },
      period: 'open',
      contact: {
        code: commission,
        email: `oceano-${run.toLowerCase()}@univ.test`,
        phone: '0298000000',
        address: ['1 quai de la Douane', '29200 Brest'],
        returnComment: 'Envoyez le dossier par courrier.',
      },
    });
    const missing = await t.api('GET', '/api/catalogue/formations/NOPE-XYZ', { headers: { 'accept-language': 'en, fr;q=0.5' } });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('Formation NOPE-XYZ is not offered at present.');
    const fr = await t.api('GET', '/api/catalogue/formations/NOPE-XYZ');
    expect(fr.body.detail).toBe("La formation NOPE-XYZ n'est pas proposée actuellement.");
  });
});
