// The Pégase simulator as a real HTTP server (reference sis-apis.md §6): the CAS tickets endpoint
// (JWT), REF nomenclatures with path pagination, ODF periods and formations, IDT identities, INS-ext
// registrations, COC results and the INS admissions import with its asynchronous jobs; plus an admin
// API for fault injection and for reading what was received. `npm start` and the tests start one;
// the adapter only sees its URL.
import { randomBytes, randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AdmissionImports, reportCsv } from './admissions.ts';
import { DEFAULT_ETAB, DEFAULT_SEED, generatePegaseData, type Nomenclature, type PegaseData, type Student } from './data.ts';
import { FAULT_KINDS, FaultBoard, type Fault, type FaultSpec } from './faults.ts';

export interface PegaseSimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  etab?: string;
  /** Service accounts accepted by the CAS tickets endpoint. */
  users?: Record<string, string>;
  /** Lifetime of the JWTs handed out, in seconds (short in token tests). */
  tokenTtlSeconds?: number;
  /** How long an admissions import job stays EN_COURS. */
  jobProcessingMs?: number;
}

export interface PegaseSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The module URLs an adapter is configured with (reference sis-apis.md §2.1). */
  urls: { auth: string; ref: string; odf: string; idt: string; insExt: string; coc: string; ins: string };
  etab: string;
  /** Default service account. */
  credentials: { username: string; password: string };
  /** In-process access for the dev stack's logs; tests go through HTTP like the adapter. */
  data: PegaseData;
  faults: FaultBoard;
  stop(): Promise<void>;
}

export const DEFAULT_PEGASE_USER = 'svc-api';
export const DEFAULT_PEGASE_PASSWORD = 'svc-api-simulateur';

type Q = Record<string, string | string[] | undefined>;
const q = (req: FastifyRequest) => req.query as Q;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const bool = (v: string | string[] | undefined) => one(v) === 'true';

/** The REF codes served (reference sis-apis.md §2.2) and where their rows come from. */
const NOMENCLATURES: Record<string, (d: PegaseData) => Nomenclature[]> = {
  PaysNationalite: (d) => d.countries,
  Departement: (d) => d.departments,
  Commune: (d) => d.communes,
  CommuneNaissance: (d) => d.birthCommunes,
  SerieBac: (d) => d.bacSeries,
  SpecialitesBacGeneral: (d) => d.bacSpecialities,
  MentionBac: (d) => d.bacMentions,
  MentionHonorifique: (d) => d.honours,
  TypeDiplome: (d) => d.diplomaTypes,
  TypeResultat: (d) => d.resultTypes,
  EtablissementFrancais: (d) => d.establishments,
};

const ref = (type: string, code: string | null) => (code ? { type, code, dateConsommation: null } : null);

export async function startPegaseSimulator(opts: PegaseSimulatorOptions = {}): Promise<PegaseSimulator> {
  const etab = opts.etab ?? DEFAULT_ETAB;
  const data = generatePegaseData(opts.seed ?? DEFAULT_SEED, etab);
  const users = opts.users ?? { [DEFAULT_PEGASE_USER]: DEFAULT_PEGASE_PASSWORD };
  const settings = { tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600 };
  const secret = randomBytes(32);
  const faults = new FaultBoard();
  const imports = new AdmissionImports(
    {
      formations: new Set(data.formations.map((f) => f.code)),
      periods: new Set(data.periods.map((p) => p.code)),
      countries: new Set(data.countries.map((c) => c.code)),
    },
    opts.jobProcessingMs ?? 150,
  );
  const stats = { ticketsIssued: 0, ticketsByForm: { body: 0, query: 0 }, calls: [] as { method: string; path: string; status: number }[] };
  // Calls held by a `hang` fault, released (their connection closed) on stop or when faults are cleared.
  const hanging = new Set<() => void>();
  const releaseHanging = () => {
    for (const release of hanging) release();
    hanging.clear();
  };

  const app = Fastify({ logger: false, forceCloseConnections: true, routerOptions: { ignoreTrailingSlash: true }, bodyLimit: 10 * 1024 * 1024 });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });

  /** Pégase's error body (`Erreurs`, IDT spec). */
  function fail(req: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, champ?: string) {
    return reply
      .code(status)
      .type('application/json')
      .send({
        correlationId: randomUUID(),
        timestamp: new Date().toISOString(),
        version: 'simulateur',
        path: req.url.split('?')[0],
        statusCode: status,
        errors: [{ code, message, ...(champ ? { champ } : {}) }],
      });
  }

  const isApi = (req: FastifyRequest) => !req.url.startsWith('/__admin');
  const lostResponse = new WeakMap<FastifyRequest, Fault>();
  /** The service account of each authenticated call (the import jobs name their user). */
  const caller = new WeakMap<FastifyRequest, string>();

  // Transport faults first, before authentication: a gateway in front of Pégase fails that way too.
  app.addHook('onRequest', async (req, reply) => {
    if (!isApi(req)) return;
    const path = req.url.split('?')[0]!;
    const lost = faults.take(req.method, path, ['lostResponse']);
    if (lost) lostResponse.set(req, lost);
    const fault = faults.take(req.method, path, ['latency', 'hang', 'drop', 'http5xx', 'tooMany', 'malformed', 'expiredToken']);
    if (!fault) return;
    switch (fault.kind) {
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.ms));
        return;
      case 'hang':
        reply.hijack();
        await new Promise<void>((resolve) => hanging.add(resolve));
        req.raw.socket.destroy();
        return reply;
      case 'drop':
        reply.hijack();
        req.raw.socket.destroy();
        return reply;
      case 'http5xx':
        return fail(req, reply, fault.status, 'erreurServeur', `Erreur ${fault.status} simulée`);
      case 'tooMany':
        reply.header('retry-after', String(fault.retryAfter));
        return fail(req, reply, 429, 'tropDeRequetes', 'Trop de requêtes, réessayez plus tard');
      case 'expiredToken':
        return fail(req, reply, fault.status, 'tokenExpire', 'Le jeton JWT a expiré');
      default: // malformed
        return reply.code(200).type('application/json').send('{"items": [{"id": "tronq');
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const lost = lostResponse.get(req);
    if (lost && reply.statusCode < 400) {
      reply.code(lost.status).type('application/json');
      return JSON.stringify({ statusCode: lost.status, errors: [{ code: 'erreurServeur', message: `Réponse perdue (${lost.status} simulée)` }] });
    }
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    if (!isApi(req)) return;
    stats.calls.push({ method: req.method, path: req.url.split('?')[0]!, status: reply.statusCode });
    if (stats.calls.length > 10_000) stats.calls.splice(0, stats.calls.length - 10_000);
  });

  // Every /api call needs `Authorization: Bearer <jwt>`: 401 missing or malformed, 403 expired or forged.
  app.addHook('preHandler', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const header = req.headers.authorization ?? '';
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header);
    if (!m) return fail(req, reply, 401, 'nonAuthentifie', header ? 'Jeton JWT mal formé' : 'Jeton JWT absent');
    try {
      const { payload } = await jwtVerify(m[1]!, secret, { algorithms: ['HS256'], issuer: 'pegase-simulateur' });
      caller.set(req, payload.sub ?? '?');
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) return fail(req, reply, 403, 'tokenExpire', 'Le jeton JWT a expiré');
      if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWTClaimValidationFailed)
        return fail(req, reply, 403, 'signatureInvalide', 'Signature du jeton JWT invalide');
      return fail(req, reply, 401, 'nonAuthentifie', 'Jeton JWT mal formé');
    }
  });

  // --- CAS: tickets → JWT (reference §1) -------------------------------------------------------
  // V31 sends username/password/token=true in the form body; before, in the query string.
  app.post('/cas/v1/tickets', async (req, reply) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Q;
    const field = (name: string) => one(body[name]) ?? one(q(req)[name]);
    const form = one(body.username) ? 'body' : 'query';
    const username = field('username');
    const password = field('password');
    if (!username || !password || users[username] !== password) return reply.code(401).type('text/plain; charset=utf-8').send('Authentification refusée');
    if (field('token') !== 'true') return reply.code(400).type('text/plain; charset=utf-8').send('token=true attendu');
    const now = Math.floor(Date.now() / 1000);
    const jwt = await new SignJWT({ roles: ['API'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(username)
      .setIssuer('pegase-simulateur')
      .setIssuedAt(now)
      .setExpirationTime(now + settings.tokenTtlSeconds)
      .setJti(randomUUID())
      .sign(secret);
    stats.ticketsIssued++;
    stats.ticketsByForm[form]++;
    return reply.code(201).type('text/plain; charset=utf-8').send(jwt);
  });

  const checkEtab = (req: FastifyRequest, reply: FastifyReply, code: string) => {
    if (code === etab) return true;
    void fail(req, reply, 404, 'etablissementInconnu', `Établissement ${code} inconnu`);
    return false;
  };

  /** `page` (0-based) and `taille` pagination of ODF, IDT and INS-ext. */
  function paged<T>(req: FastifyRequest, reply: FastifyReply, items: T[], defaults: { taille: number; max: number }) {
    const page = Number(one(q(req).page) ?? 0);
    let taille = Number(one(q(req).taille) ?? defaults.taille);
    if (taille === -1) taille = Math.max(items.length, 1);
    if (!Number.isInteger(page) || page < 0) return fail(req, reply, 400, 'pattern', 'page doit être un entier positif', 'page');
    if (!Number.isInteger(taille) || taille < 1 || taille > defaults.max)
      return fail(req, reply, 400, 'size', `taille doit être entre 1 et ${defaults.max}`, 'taille');
    return { items: items.slice(page * taille, (page + 1) * taille), totalElements: items.length, totalPages: Math.ceil(items.length / taille), taille, page };
  }

  // --- REF (reference §2.2) ----------------------------------------------------------------------
  const REF = '/api/v1/ref';
  app.get(`${REF}/nomenclatures-disponibles`, async () => Object.keys(NOMENCLATURES).map((code) => ({ code })));
  app.get(`${REF}/nomenclatures/communes/codePostal/:cp`, async (req) => data.communes.filter((c) => c.codePostal === (req.params as { cp: string }).cp));
  app.get(`${REF}/nomenclatures/:code`, async (req, reply) => {
    const rows = NOMENCLATURES[(req.params as { code: string }).code];
    if (!rows) return fail(req, reply, 404, 'nomenclatureInconnue', `Nomenclature ${(req.params as { code: string }).code} inconnue`);
    return rows(data);
  });
  app.get(`${REF}/nomenclatures/:code/numPage/:n/nbOccurences/:k`, async (req, reply) => {
    const p = req.params as { code: string; n: string; k: string };
    const rows = NOMENCLATURES[p.code];
    if (!rows) return fail(req, reply, 404, 'nomenclatureInconnue', `Nomenclature ${p.code} inconnue`);
    const n = Number(p.n);
    const k = Number(p.k);
    if (!Number.isInteger(n) || n < 0) return fail(req, reply, 400, 'pattern', 'numPage doit être un entier positif', 'numPage');
    if (!Number.isInteger(k) || k < 1 || k > 5000) return fail(req, reply, 400, 'size', 'nbOccurences doit être entre 1 et 5000', 'nbOccurences');
    const all = rows(data);
    const page = all.slice(n * k, (n + 1) * k);
    return { nomenclatures: page, nbTotalOccurences: all.length, nbTotalPages: Math.ceil(all.length / k), nbOccurences: page.length, numPage: n };
  });
  app.get(`${REF}/structures`, async () => data.structures);
  app.get(`${REF}/structures/codePegase/:code`, async (req, reply) => {
    const s = data.structures.find((x) => x.code === (req.params as { code: string }).code);
    return s ?? fail(req, reply, 404, 'structureInconnue', 'Structure inconnue');
  });

  // --- ODF (reference §2.3) ----------------------------------------------------------------------
  const ODF = '/api/odf/ext/v1/etablissement/:etab';
  app.get(`${ODF}/espaces`, async (req, reply) => {
    if (!checkEtab(req, reply, (req.params as { etab: string }).etab)) return reply;
    const type = one(q(req).type);
    const actif = one(q(req).actif);
    const items = data.periods
      .filter((p) => (!type || p.typeEspace === type) && (actif === undefined || String(p.active) === actif))
      .map(({ dateDebut: _d, dateFin: _f, ...p }) => p);
    return paged(req, reply, items, { taille: 20, max: 1000 });
  });
  const normalise = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const formationSummary = (f: PegaseData['formations'][number]) => ({
    id: f.id,
    code: f.code,
    libelle: f.libelle,
    libelleLong: f.libelleLong,
    espaceLibelle: f.espaceLibelle,
    typeObjetMaquette: f.typeObjetMaquette,
    typeObjetFormation: f.typeObjetFormation,
    mutualise: f.mutualise,
    valideInAnyContexte: f.valideInAnyContexte,
    periodeActive: f.periodeActive,
  });
  app.get(`${ODF}/objets-maquette`, async (req, reply) => {
    if (!checkEtab(req, reply, (req.params as { etab: string }).etab)) return reply;
    const r = normalise(one(q(req).r) ?? '');
    const espace = one(q(req).espace);
    const items = data.formations
      .filter(
        (f) =>
          (!r || normalise(f.code).includes(r) || normalise(f.libelleLong).includes(r)) &&
          (!espace || f.espace === espace) &&
          (!bool(q(req).piaSeulement) || f.pia) &&
          (!bool(q(req).piaActif) || f.piaActif) &&
          (!bool(q(req).valideSeulement) || f.valideInAnyContexte),
      )
      .map(formationSummary);
    return paged(req, reply, items, { taille: 20, max: 1000 });
  });
  app.get(`${ODF}/objets-maquette/:id`, async (req, reply) => {
    const p = req.params as { etab: string; id: string };
    if (!checkEtab(req, reply, p.etab)) return reply;
    const f = data.formations.find((x) => x.id === p.id);
    if (!f) return fail(req, reply, 404, 'objetMaquetteInconnu', `Objet maquette ${p.id} inconnu`);
    return { ...formationSummary(f), espace: f.espace, descripteursEnquete: { descripteursSise: { typeDiplome: { code: f.diplomaType } } } };
  });

  // --- IDT (reference §2.4), under both prefixes ----------------------------------------------------
  const summary = (s: Student) => ({
    id: s.id,
    identifiantApprenantPegase: s.identifiantApprenantPegase,
    nomNaissance: s.nomNaissance,
    prenom: s.prenom,
    sexe: s.sexe,
    codeApprenant: s.codeApprenant,
    ineMaitre: s.ine,
    inesSupplementaires: [],
    dateNaissance: s.dateNaissance,
    nationalite: s.nationalite,
    temoinDoublonPotentiel: s.temoinDoublonPotentiel,
  });
  const detail = (s: Student) => {
    const a = s.address;
    return {
      id: s.id,
      identifiantApprenantPegase: s.identifiantApprenantPegase,
      nomNaissance: s.nomNaissance,
      prenom: s.prenom,
      email: s.email,
      telephonePortablePersonnel: s.telephone,
      statutIne: s.ine ? 'CONFIRME' : 'INCONNU',
      temoinVerrouille: false,
      profilApprenant: {
        codeApprenant: s.codeApprenant,
        listeINEs: s.ine ? [{ ine: s.ine, confirme: true, maitre: true }] : [],
        ineMaitre: s.ine,
        listeINEsAlternatifs: [],
        etatCivil: {
          sexe: s.sexe,
          dateNaissance: s.dateNaissance,
          nomUsage: s.nomUsage,
          prenom2: s.prenom2,
          prenom3: s.prenom3,
          communeNaissance: ref('COMMUNENAISSANCE', s.communeNaissance),
          libelleCommuneNaissanceEtranger: s.libelleCommuneNaissanceEtranger,
          paysNaissance: ref('PAYSETNATIONALITES', s.paysNaissance),
          nationalite: ref('PAYSETNATIONALITES', s.nationalite),
          nationalite2: null,
          dateObtentionNationalite2: null,
        },
        donneesContact: {
          adresseFixePays: ref('PAYSETNATIONALITES', a.pays),
          adresseFixeLigne1Etage: a.ligne1Etage,
          adresseFixeLigne2Batiment: a.ligne2Batiment,
          adresseFixeLigne3Voie: a.ligne3Voie,
          adresseFixeLigne4Complement: a.ligne4Complement,
          adresseFixeCodePostal: a.codePostal,
          adresseFixeCodeCommune: a.codeCommune,
          adresseFixeLigne5Etranger: a.ligne5Etranger,
          adresseFixeProprietaire: null,
          telephoneContactUrgence: null,
          adresseElectroniqueInstitutionnelle: `${s.identifiantApprenantPegase.toLowerCase()}@etu.univ-demo.fr`,
          adresseElectroniqueSecours: s.email,
        },
        donneesComplementaires: {},
        parcoursScolaireEtUniversitaire: s.bac
          ? {
              titreAccesESRFrancais: null,
              anneeObtentionBac: s.bac.annee,
              typeSerieBac: ref('SERIESBACETEQUIVALENT', s.bac.serie),
              premiereSpecialiteBac: ref('SPECIALITESBACGENERAL', s.bac.specialite1),
              deuxiemeSpecialiteBac: ref('SPECIALITESBACGENERAL', s.bac.specialite2),
              mentionBac: ref('MENTIONBAC', s.bac.mention),
              typeEtablissementBac: null,
              paysBac: ref('PAYSETNATIONALITES', s.bac.pays),
              departementBac: ref('DEPARTEMENT', s.bac.departement),
              etablissementBac: ref('ETABLISSEMENTFRANCAIS', s.bac.etablissement),
              libelleEtablissementBacEtranger: null,
            }
          : null,
        temoinDoublonPotentiel: s.temoinDoublonPotentiel,
        temoinDecede: false,
      },
    };
  };
  for (const prefix of ['/api/idt/v1', '/api/idt/ext/v1']) {
    app.get(`${prefix}/etablissements/:etab/identites/apprenants`, async (req, reply) => {
      if (!checkEtab(req, reply, (req.params as { etab: string }).etab)) return reply;
      const query = q(req);
      const code = one(query.codeApprenant);
      const ine = one(query.ine)?.toUpperCase();
      const nom = one(query.nom);
      const prenom = one(query.prenom);
      if (ine !== undefined && ine.length !== 11) return fail(req, reply, 400, 'size', "L'INE doit comporter 11 caractères", 'ine');
      const hits = data.students.filter(
        (s) =>
          (code === undefined || s.codeApprenant === code) &&
          (ine === undefined || s.ine === ine) &&
          (nom === undefined || normalise(s.nomNaissance) === normalise(nom)) &&
          (prenom === undefined || normalise(s.prenom) === normalise(prenom)),
      );
      return paged(req, reply, hits.map(summary), { taille: 20, max: 500 });
    });
    app.get(`${prefix}/etablissements/:etab/identites/:id`, async (req, reply) => {
      const p = req.params as { etab: string; id: string };
      if (!checkEtab(req, reply, p.etab)) return reply;
      const s = data.students.find((x) => x.id === p.id);
      return s ? detail(s) : fail(req, reply, 404, 'identiteInconnue', `Identité ${p.id} inconnue`);
    });
  }

  // --- INS-ext (reference §2.5) and COC (§2.6) -------------------------------------------------------
  const periodOf = (code: string) => data.periods.find((p) => p.code === code)!;
  const formationOf = (code: string) => data.formations.find((f) => f.code === code)!;
  app.get('/api/ins/ext/v2/gestion/inscription/:etab/:codeApprenant', async (req, reply) => {
    const p = req.params as { etab: string; codeApprenant: string };
    if (!checkEtab(req, reply, p.etab)) return reply;
    const s = data.students.find((x) => x.codeApprenant === p.codeApprenant);
    if (!s) return fail(req, reply, 404, 'apprenantInconnu', `Apprenant ${p.codeApprenant} inconnu`);
    return {
      apprenant: { code: s.codeApprenant, etatCivil: { nomDeNaissance: s.nomNaissance, nomUsuel: s.nomUsage, prenom: s.prenom, genre: s.sexe } },
      inscriptions: s.inscriptions.map((i) => {
        const f = formationOf(i.formation);
        const per = periodOf(i.periode);
        const cible = f.cibles.find((c) => c.code === i.cible)!;
        return {
          idApprenant: s.id,
          codeEtablissement: etab,
          cible: {
            code: cible.code,
            libelleCourt: cible.libelle.slice(0, 50),
            libelleLong: cible.libelle,
            codeStructure: 'FST',
            formation: { code: f.code, libelleCourt: f.libelle, libelleLong: f.libelleLong },
            chemin: [
              { code: f.code, libelleCourt: f.libelle, nature: 'ObjetFormation' },
              { code: cible.code, libelleCourt: cible.libelle.slice(0, 50), nature: 'ObjetFormation' },
            ],
            periode: {
              code: per.code,
              libelleCourt: per.libelle,
              libelleLong: per.libelleLong,
              anneeUniversitaire: per.anneeUniversitaire,
              dateDebut: per.dateDebut,
              dateFin: per.dateFin,
              libelleAffichage: per.libelleAffichage,
            },
          },
          noCandidat: null,
          origine: 'reinscription',
          principale: true,
          statutInscription: i.statut,
          statutPaiement: 'paye',
          regimeInscription: { code: 'FI', libelle: 'Formation initiale' },
          admission: { voie: 'dossier', anneeConcours: null },
          dateInscription: `${per.anneeUniversitaire}-09-05`,
        };
      }),
    };
  });
  app.get('/api/coc/publication/v2/etablissements/:etab/periodes/:per/apprenants/:app/chemins/:chemin', async (req, reply) => {
    const p = req.params as { etab: string; per: string; app: string; chemin: string };
    if (!checkEtab(req, reply, p.etab)) return reply;
    const chemin = decodeURIComponent(p.chemin); // `formation>cible`, sent as formation%3Ecible
    const s = data.students.find((x) => x.codeApprenant === p.app);
    const ins = s?.inscriptions.find((i) => i.periode === p.per && `${i.formation}>${i.cible}` === chemin);
    if (!ins) return []; // list operations answer an empty list, not 404
    const resultat = (code: string | null) => {
      const t = code ? data.resultTypes.find((r) => r.code === code) : null;
      return t ? { code: t.code, libelleCourt: t.libelleCourt, libelleLong: t.libelleLong, libelleAffichage: t.libelleAffichage } : null;
    };
    const leaf = (code: string, label: string, note: number | null, res: string | null, bareme: number) => ({
      codeChemin: `${chemin}>${code}`,
      objetFeuille: { code, libelleCourt: label.slice(0, 50), libelleLong: label },
      bareme,
      noteSession1: note,
      coefficientSession1: 1,
      resultatSession1: resultat(res),
      noteSession2: null,
      resultatSession2: null,
      noteFinale: note,
      resultatFinal: resultat(res),
      mention: null,
      creditsEctsFinaux: res === 'ADM' ? 10 : 0,
      numeroSessionRetenue: 1,
      publieSession1: note !== null,
      publieSession2: false,
    });
    // The year as a whole comes first with a two-part chemin (eCandidat keeps three-part ones only).
    const notes = ins.results.map((r) => r.note).filter((n): n is number => n !== null);
    const mean = notes.length ? Math.round((notes.reduce((a, b) => a + b, 0) / notes.length) * 100) / 100 : null;
    return [
      { ...leaf(ins.cible, ins.cible, mean, mean === null ? null : mean >= 10 ? 'ADM' : 'AJ', 20), codeChemin: chemin },
      ...ins.results.map((r) => leaf(r.objet, r.libelle, r.note, r.resultat, r.bareme)),
    ];
  });

  // --- INS admissions import (reference §2.8) ------------------------------------------------------
  const INS = '/api/ins/v1/etablissement/:etab/admis/import';
  app.post(INS, async (req, reply) => {
    if (!checkEtab(req, reply, (req.params as { etab: string }).etab)) return reply;
    if (!req.isMultipart()) return fail(req, reply, 400, 'notNull', 'Requête multipart attendue avec la partie admis', 'admis');
    let file: { name: string; content: string } | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file' && part.fieldname === 'admis') file = { name: part.filename || 'admis.csv', content: (await part.toBuffer()).toString('utf8') };
      else if (part.type === 'file') await part.toBuffer();
    }
    if (!file) return fail(req, reply, 400, 'notNull', 'La partie admis (fichier CSV) est obligatoire', 'admis');
    const user = caller.get(req) ?? '?';
    const stop = !!faults.take(req.method, req.url.split('?')[0]!, ['jobStop']);
    return reply.code(202).send(imports.submit(file, user, { stop }));
  });
  app.get(INS, async (req, reply) => {
    if (!checkEtab(req, reply, (req.params as { etab: string }).etab)) return reply;
    const query = q(req);
    const jobs = imports.list({ idCsvJob: one(query.idCsvJob), nomFichier: one(query.nomFichier), etat: one(query.etatCsvJob) });
    return paged(req, reply, jobs, { taille: 20, max: 500 });
  });
  app.get(`${INS}/rapport-erreurs`, async (req, reply) => {
    if (!checkEtab(req, reply, (req.params as { etab: string }).etab)) return reply;
    const id = one(q(req).idCsvJob);
    if (!id) return fail(req, reply, 400, 'notNull', 'idCsvJob est obligatoire', 'idCsvJob');
    const lines = imports.report(id);
    if (!lines) return fail(req, reply, 404, 'jobInconnu', `Import ${id} inconnu`);
    return reply.type('text/csv; charset=utf-8').send(reportCsv(lines));
  });

  // --- Admin -----------------------------------------------------------------------------------------
  app.post('/__admin/faults', async (req, reply) => {
    const specs = (Array.isArray(req.body) ? req.body : [req.body]) as FaultSpec[];
    try {
      return reply.code(201).send(specs.map((s) => faults.add(s)));
    } catch (err) {
      return reply.code(400).send({ error: (err as Error).message, kinds: FAULT_KINDS });
    }
  });
  app.get('/__admin/faults', async () => faults.list());
  // Codes taken out of a REF nomenclature at run time (a code that vanished from Pégase, for the
  // referential synchronisation), put back by `restore` or by reset.
  const removedRows = new Map<string, Nomenclature[]>();
  const restoreRows = (nomenclature?: string) => {
    for (const [name, rows] of removedRows) {
      if (nomenclature && name !== nomenclature) continue;
      NOMENCLATURES[name]!(data).push(...rows);
      removedRows.delete(name);
    }
  };
  app.delete('/__admin/nomenclatures/:nomenclature/:code', async (req, reply) => {
    const p = req.params as { nomenclature: string; code: string };
    const rows = NOMENCLATURES[p.nomenclature]?.(data);
    if (!rows) return reply.code(404).send({ error: `Nomenclature ${p.nomenclature} inconnue`, nomenclatures: Object.keys(NOMENCLATURES) });
    const at = rows.findIndex((r) => r.code === p.code);
    if (at < 0) return reply.code(404).send({ error: `Code ${p.code} absent de ${p.nomenclature}` });
    const [row] = rows.splice(at, 1);
    removedRows.set(p.nomenclature, [...(removedRows.get(p.nomenclature) ?? []), row!]);
    return { removed: row };
  });
  app.post('/__admin/nomenclatures/:nomenclature/restore', async (req, reply) => {
    const { nomenclature } = req.params as { nomenclature: string };
    if (!NOMENCLATURES[nomenclature]) return reply.code(404).send({ error: `Nomenclature ${nomenclature} inconnue` });
    const restored = removedRows.get(nomenclature)?.length ?? 0;
    restoreRows(nomenclature);
    return { restored };
  });
  app.delete('/__admin/faults', async (_req, reply) => {
    faults.clear();
    releaseHanging();
    return reply.code(204).send();
  });
  app.post('/__admin/config', async (req) => {
    const body = (req.body ?? {}) as { tokenTtlSeconds?: number; jobProcessingMs?: number };
    if (typeof body.tokenTtlSeconds === 'number') settings.tokenTtlSeconds = body.tokenTtlSeconds;
    if (typeof body.jobProcessingMs === 'number') imports.processingMs = body.jobProcessingMs;
    return { tokenTtlSeconds: settings.tokenTtlSeconds, jobProcessingMs: imports.processingMs };
  });
  /** Every import job and every admission received, imported or not: duplicates show here. */
  app.get('/__admin/received', async () => ({ jobs: imports.allJobs(), admissions: imports.receivedAdmissions() }));
  app.get('/__admin/stats', async () => stats);
  app.post('/__admin/reset', async (_req, reply) => {
    imports.reset();
    restoreRows();
    faults.clear();
    releaseHanging();
    stats.ticketsIssued = 0;
    stats.ticketsByForm = { body: 0, query: 0 };
    stats.calls = [];
    return reply.code(204).send();
  });
  app.get('/__admin/students', async (req) => {
    const limit = Number(one(q(req).limit) ?? 20);
    return data.students.slice(0, limit).map((s) => ({
      id: s.id,
      codeApprenant: s.codeApprenant,
      ine: s.ine,
      nomNaissance: s.nomNaissance,
      prenom: s.prenom,
      dateNaissance: s.dateNaissance,
      inscriptions: s.inscriptions.map((i) => `${i.periode} ${i.formation}>${i.cible}`),
      temoinDoublonPotentiel: s.temoinDoublonPotentiel,
    }));
  });
  app.get('/', async () => ({
    simulator: 'Pégase',
    etablissement: etab,
    admin: [
      '/__admin/faults',
      '/__admin/config',
      '/__admin/received',
      '/__admin/stats',
      '/__admin/reset',
      '/__admin/students',
      '/__admin/nomenclatures/{nomenclature}/{code}',
    ],
  }));

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${host}:${port}`;
  return {
    url,
    urls: {
      auth: `${url}/cas/v1/tickets`,
      ref: `${url}/api/v1/ref/`,
      odf: `${url}/api/odf/ext/v1/`,
      idt: `${url}/api/idt/v1/`,
      insExt: `${url}/api/ins/ext/v2/`,
      coc: `${url}/api/coc/publication/v2/`,
      ins: `${url}/api/ins/v1/`,
    },
    etab,
    credentials: { username: Object.keys(users)[0]!, password: Object.values(users)[0]! },
    data,
    faults,
    async stop() {
      imports.stopTimers();
      releaseHanging();
      await app.close();
    },
  };
}
