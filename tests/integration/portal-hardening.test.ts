// Hardening of the candidate portal's API after the outside review of issue 10, against the real
// stack: a live-status stream ends when its session does (logout, password reset, deactivated staff
// member) and an account holds a bounded number of them; a candidate's piece is accepted only when its
// content really is a PDF that opens, a JPEG or a PNG, and its name comes back clean; the API's own
// refusals (unknown route, NUL byte, invalid JSON) speak English to an English reader; names refuse
// control characters and bidi overrides; a birth date must exist and lie between 1900 and today.
import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { minimalPdf } from '../support/pdf.ts';

let t: TestApp;
const run = randomBytes(3).toString('hex').slice(0, 3).toUpperCase();
let candidate: string;
let candidateEmail: string;
let id: string;
let piece: string;

/** Opens a live-status stream as a browser would and collects the views it sends. */
async function openStream(path: string, token: string, headers: Record<string, string> = {}) {
  const ctrl = new AbortController();
  const res = await fetch(`${t.server.url}${path}`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}`, ...headers },
    signal: ctrl.signal,
  });
  const state = { text: '', ended: false };
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (let r = await reader.read(); !r.done; r = await reader.read()) state.text += r.value;
      } catch {
        /* aborted */
      }
      state.ended = true;
    })();
  }
  const seqs = () => [...state.text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
  return { res, state, seqs, close: () => ctrl.abort() };
}

async function upload(token: string, file: { name: string; type: string; data: string | Buffer }, language = 'fr') {
  const form = new FormData();
  form.append('file', new Blob([typeof file.data === 'string' ? file.data : new Uint8Array(file.data)], { type: file.type }), file.name);
  const res = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'accept-language': language },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const accountFiles = async () => {
  const account = await t.db.candidateAccount.findFirstOrThrow({ where: { email: candidateEmail } });
  return t.db.storedFile.count({ where: { accountId: account.id } });
};

beforeAll(async () => {
  t = await startTestApp();
  ({ email: candidateEmail, token: candidate, id, piece } = await t.draftWithPiece(`PH${run}`));
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('live status streams end with their session', () => {
  it('ends the stream at the next event once its token is revoked by a logout, and sends no view after it', async () => {
    const token = await t.login(candidateEmail);
    const stream = await openStream(`/api/candidatures/${id}/events`, token);
    expect(stream.res.status).toBe(200);
    await t.eventually(
      async () => stream.seqs().length,
      (n) => n === 1,
      20_000,
    );
    expect((await t.api('DELETE', '/api/session', { token })).status).toBe(204);
    // A change of the candidature (made from another session): the revoked stream does not get it.
    const answered = await upload(candidate, { name: 'cv.pdf', type: 'application/pdf', data: minimalPdf(`logout ${run}`) });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    await t.eventually(
      async () => stream.state.ended,
      (e) => e,
      20_000,
    );
    expect(stream.seqs().every((s) => s < answered.body.seq)).toBe(true);
  }, 60_000);

  it('ends the stream once a password reset ended every session of the account', async () => {
    const token = await t.login(candidateEmail);
    const stream = await openStream(`/api/candidatures/${id}/events`, token);
    await t.eventually(
      async () => stream.seqs().length,
      (n) => n === 1,
      20_000,
    );
    // What a password reset does to the account (api/accounts): every session opened before now ends.
    await t.db.candidateAccount.updateMany({ where: { email: candidateEmail }, data: { sessionsValidAfter: new Date() } });
    const other = await t.login(candidateEmail);
    const answered = await upload(other, { name: 'cv.pdf', type: 'application/pdf', data: minimalPdf(`reset ${run}`) });
    expect(answered.status).toBe(200);
    await t.eventually(
      async () => stream.state.ended,
      (e) => e,
      20_000,
    );
    expect(stream.seqs().every((s) => s < answered.body.seq)).toBe(true);
    candidate = other;
  }, 60_000);

  it('ends a staff member’s stream once their account is deactivated', async () => {
    const login = `ph-admin-${run}`.toLowerCase();
    const user = await t.db.staffUser.create({
      data: {
        login,
        email: `${login}@essai.test`,
        displayName: `Admin ${run}`,
        passwordHash: await hash('Demo-2026!'),
        active: true,
        grants: { create: { profileCode: 'scolCentrale' } },
      },
    });
    try {
      const token = await t.login(login);
      const stream = await openStream(`/api/staff/candidatures/${id}/events`, token);
      expect(stream.res.status).toBe(200);
      await t.eventually(
        async () => stream.seqs().length,
        (n) => n === 1,
        20_000,
      );
      await t.db.staffUser.update({ where: { id: user.id }, data: { active: false } });
      const answered = await upload(candidate, { name: 'cv.pdf', type: 'application/pdf', data: minimalPdf(`staff ${run}`) });
      expect(answered.status).toBe(200);
      await t.eventually(
        async () => stream.state.ended,
        (e) => e,
        20_000,
      );
      expect(stream.seqs().every((s) => s < answered.body.seq)).toBe(true);
    } finally {
      await t.db.staffUser.delete({ where: { id: user.id } });
    }
  }, 60_000);

  it('holds at most 10 open streams per account, refusing the next one in the reader’s language', async () => {
    const streams = [];
    for (let i = 0; i < 10; i++) {
      const s = await openStream(`/api/candidatures/${id}/events`, candidate);
      expect(s.res.status).toBe(200);
      streams.push(s);
    }
    const refused = await fetch(`${t.server.url}/api/candidatures/${id}/events`, {
      headers: { authorization: `Bearer ${candidate}`, 'accept-language': 'en' },
    });
    expect(refused.status).toBe(429);
    const problem = (await refused.json()) as { title: string; detail: string };
    expect(problem.title).toBe('Too many open streams');
    expect(problem.detail).toMatch(/10 at most/);
    streams[0]!.close();
    const again = await t.eventually(
      async () => {
        const s = await openStream(`/api/candidatures/${id}/events`, candidate);
        if (s.res.status !== 200) await s.res.body?.cancel();
        return s;
      },
      (s) => s.res.status === 200,
      10_000,
    );
    for (const s of [...streams, again]) s.close();
  }, 60_000);
});

describe('a candidate’s piece is what its content says', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

  it('refuses HTML, an executable and a PDF that does not open sent as application/pdf, storing nothing', async () => {
    const before = await accountFiles();
    for (const data of ['<!doctype html><html><body><script>alert(1)</script></body></html>', 'MZ\x90\x00\x03\x00\x00\x00', '%PDF-1.4 garbage']) {
      const fr = await upload(candidate, { name: 'piece.pdf', type: 'application/pdf', data });
      expect(fr.status).toBe(400);
      expect(fr.body.errors).toEqual([{ field: 'file', message: expect.stringMatching(/^Fichier : .*PDF, une image JPEG ou PNG/) }]);
      const en = await upload(candidate, { name: 'piece.pdf', type: 'application/pdf', data }, 'en');
      expect(en.status).toBe(400);
      expect(en.body.detail).toBe('File: the file’s content is not a readable PDF, JPEG or PNG image: only these formats are accepted.');
    }
    expect(await accountFiles()).toBe(before);
    const view = (await t.api('GET', `/api/candidatures/${id}`, { token: candidate })).body;
    expect(view.pieces.find((p: { code: string }) => p.code === piece).fileName ?? null).not.toBe('piece.pdf');
  });

  it('answers 400, not 500, to a multipart body without boundary or cut short, in the reader’s language', async () => {
    const before = await accountFiles();
    const send = (contentType: string, body: string, lang: 'fr' | 'en') =>
      fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${candidate}`, 'content-type': contentType, 'accept-language': lang },
        body,
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { detail: string } }));
    const noBoundary = await send('multipart/form-data', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--\r\n', 'en');
    expect(noBoundary).toMatchObject({ status: 400, body: { detail: expect.stringContaining('multipart/form-data body cannot be read') } });
    const cut = await send('multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF', 'fr');
    expect(cut.status).toBeLessThan(500);
    // A field part cut short, and a body that is no multipart at all (found by the outside review: 500s).
    for (const body of ['--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc', 'garbage'])
      expect(await send('multipart/form-data; boundary=x', body, 'fr')).toMatchObject({
        status: 400,
        body: { detail: expect.stringContaining('multipart/form-data est illisible') },
      });
    expect(await accountFiles()).toBe(before);
  });

  it('takes a real PNG, recording the type read from its content, and gives back a clean file name', async () => {
    const png = await upload(candidate, { name: 'scan.pdf', type: 'application/pdf', data: PNG });
    expect(png.status, JSON.stringify(png.body)).toBe(200);
    const fileId = png.body.pieces.find((p: { code: string }) => p.code === piece).fileId as number;
    expect((await t.db.storedFile.findUniqueOrThrow({ where: { id: fileId } })).mimeType).toBe('image/png');

    const evil = await upload(candidate, { name: 'C:\\fakepath\\relevé "final"\r\nX-Evil: 1.pdf', type: 'application/pdf', data: minimalPdf(`name ${run}`) });
    expect(evil.status, JSON.stringify(evil.body)).toBe(200);
    const res = await fetch(`${t.server.url}/api/candidatures/${id}/pieces/${piece}/file`, { headers: { authorization: `Bearer ${candidate}` } });
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).not.toMatch(/%25/);
    const name = decodeURIComponent(disposition.split("UTF-8''")[1]!);
    expect(name).toBe('relevé finalX-Evil 1.pdf');
  });
});

describe('the API’s own refusals in English', () => {
  const en = { 'accept-language': 'en' };
  it('words an unknown route, a NUL byte and invalid JSON in English (French by default)', async () => {
    const nope = await t.api('GET', '/api/nope', { headers: en });
    expect(nope.status).toBe(404);
    expect(nope.body).toMatchObject({ title: 'Not found', detail: 'GET /api/nope does not exist.' });
    expect((await t.api('GET', '/api/nope')).body).toMatchObject({ title: 'Introuvable', detail: "GET /api/nope n'existe pas." });

    const send = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${t.server.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { title: string; detail: string },
      }));
    const nul = await send('{"login":"a\\u0000","password":"x"}', en);
    expect(nul.status).toBe(400);
    expect(nul.body).toMatchObject({ title: 'Invalid request', detail: 'The request body contains a NUL character (\\u0000): refused.' });
    const invalid = await send('{"login":', en);
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ title: 'Invalid request', detail: 'The request body is not valid JSON.' });
    expect((await send('{"login":')).body).toMatchObject({ title: 'Requête invalide', detail: 'Le corps de la requête n’est pas du JSON valide.' });
  });
});

describe('names and birth dates', () => {
  const person = { civility: 'Mme', birthName: 'ESSAI', firstName: 'Alice', birthDate: '2003-03-03', birthCountryCode: '100', nationalityCode: '100' };
  const messageOf = (body: { errors: { field: string; message: string }[] }, field: string) => body.errors.find((e) => e.field === field)?.message;

  it('refuses control characters and bidi overrides in the names of a new account and of the civil status', async () => {
    for (const bad of ['Léa\u0007', 'Lé\u001b[31ma', 'Léa\r\nBcc: x', 'a\u202Eél', 'a\u2066b']) {
      const res = await t.api('POST', '/api/accounts', {
        body: { campaignCode: '2026-P', email: `ph-${run}@essai.test`, password: 'Un-Mot-de-passe-2026!', firstName: bad, lastName: 'Essai' },
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(400);
      expect(messageOf(res.body, 'firstName')).toBe('First name: contains characters that are not allowed');
    }
    const fr = await t.api('PUT', '/api/candidate/profile', {
      token: candidate,
      body: { person: { ...person, birthName: 'ESSAI\u202E', usualName: 'X\u0007' } },
    });
    expect(fr.status).toBe(400);
    expect(messageOf(fr.body, 'person.birthName')).toBe('Nom de naissance : contient des caractères non autorisés');
    expect(messageOf(fr.body, 'person.usualName')).toBe('Nom d’usage : contient des caractères non autorisés');
    // Accents, hyphens and apostrophes stay welcome.
    const ok = await t.api('PUT', '/api/candidate/profile', {
      token: candidate,
      body: { person: { ...person, birthName: 'ŁUKASIEWICZ-D’ÅNGSTRÖM', firstName: 'Zoë' } },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('says a birth date does not exist, is in the future or before 1900, in both languages', async () => {
    const put = (birthDate: string, lang: string) =>
      t.api('PUT', '/api/candidate/profile', { token: candidate, body: { person: { ...person, birthDate } }, headers: { 'accept-language': lang } });
    expect(messageOf((await put('2001-02-30', 'en')).body, 'person.birthDate')).toBe('Date of birth: this date does not exist');
    expect(messageOf((await put('2001-02-30', 'fr')).body, 'person.birthDate')).toBe('Date de naissance : cette date n’existe pas');
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    expect(messageOf((await put(tomorrow, 'en')).body, 'person.birthDate')).toBe('Date of birth: cannot be in the future');
    expect(messageOf((await put('1899-12-31', 'fr')).body, 'person.birthDate')).toBe('Date de naissance : ne peut pas être avant 1900');
  });
});
