// Linking an eCandidat formation to the SIS (reference ecandidat-domain.md §7.1 getListFormationApogee /
// getListFormationPegase): a manager searches the campaign's SIS, restricted to what their centre may
// see, and stores the chosen code on the formation (Apogée VET code/version, Pégase code).
//
// What a centre may see. The Centre row has no CGE / structure column: the restriction comes from the
// SIS codes its people and formations already carry, as eCandidat's manager does (gestionnaire
// siscol_centre_gestion): the acting manager's own `CentreManager.sisManagementCentreCode` for that
// centre; else the codes of every manager of the centre and of the centre's formations
// (`Formation.sisManagementCentreCode`). Apogée searches once per CGE code; Pégase (no CGE) passes the
// code as its structure / ODF espace. No code anywhere: the whole SIS. An admin who does not manage
// the centre searches the whole SIS (the way out when a centre needs a CGE none of its formations has yet).
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formationSisCode, SIS_TYPES } from '../../domain/codes.ts';
import type { ApogeeAdapter } from '../../sis/apogee/adapter.ts';
import type { SisAdapter, SisFormation } from '../../sis/port.ts';
import { requireStaff, type SessionUser } from '../plugins/auth.ts';
import { conflict, forbidden, notFound } from '../problem.ts';
import { errorResponses } from '../schemas.ts';
import { isAdmin } from '../scope.ts';
import { sisCall } from '../sis.ts';

type Staff = Extract<SessionUser, { kind: 'staff' }>;
type Centre = { id: number; code: string; sisType: (typeof SIS_TYPES)[number] };

const SisFormationSchema = z.object({
  code: z.string().describe('Stored on the formation: Pégase code, Apogée `codEtp/codVrsVet`'),
  label: z.string(),
  sisId: z.string().nullable(),
  managementCentreCode: z.string().nullable(),
  diplomaTypeCode: z.string().nullable(),
  diplomaTypeLabel: z.string().nullable(),
  periodLabel: z.string().nullable(),
  linkedFormations: z.array(z.string()).describe('eCandidat formations already linked to this code'),
});

const LinkedFormation = z.object({
  code: z.string(),
  label: z.string(),
  centreCode: z.string(),
  sisType: z.enum(SIS_TYPES),
  sis: z
    .object({
      code: z.string(),
      label: z.string().nullable(),
      managementCentreCode: z.string().nullable(),
      diplomaTypeCode: z.string().nullable(),
    })
    .nullable()
    .describe('The SIS formation it is linked to (null: none yet)'),
});

/** Refuses a centre outside the staff member's scope: admins, or a manager of that centre. */
async function assertCentreManager(app: FastifyInstance, user: Staff, centre: Centre): Promise<void> {
  if (isAdmin(user)) return;
  const row = await app.db.centreManager.findUnique({ where: { userId_centreId: { userId: user.id, centreId: centre.id } } });
  if (!row) throw forbidden({ fr: `Le centre ${centre.code} n'est pas dans votre périmètre.`, en: `The centre ${centre.code} is not in your scope.` });
}

/** The SIS codes (CGE or structure) that restrict what this centre sees; empty = no restriction. */
async function centreSisCodes(app: FastifyInstance, user: Staff, centre: Centre): Promise<string[]> {
  const mine = await app.db.centreManager.findUnique({ where: { userId_centreId: { userId: user.id, centreId: centre.id } } });
  if (mine?.sisManagementCentreCode) return [mine.sisManagementCentreCode];
  // Scolarité centrale sees the whole SIS (as in eCandidat, where only a manager's CGE restricts).
  if (!mine && isAdmin(user)) return [];
  const [managers, formations] = await Promise.all([
    app.db.centreManager.findMany({ where: { centreId: centre.id, sisManagementCentreCode: { not: null } }, select: { sisManagementCentreCode: true } }),
    app.db.formation.findMany({
      where: { commission: { centreId: centre.id }, sisManagementCentreCode: { not: null } },
      select: { sisManagementCentreCode: true },
    }),
  ]);
  return [...new Set([...managers, ...formations].map((r) => r.sisManagementCentreCode!))].sort();
}

/** The SIS's formations for this centre matching the text (merged over its codes, `max` at most). */
async function searchForCentre(adapter: SisAdapter, codes: string[], search: string, max: number): Promise<SisFormation[]> {
  const scopes = codes.length ? codes : [null];
  const found = new Map<string, SisFormation>();
  for (const scope of scopes) {
    const rows = await sisCall({ fr: 'Recherche de formations dans le SI Scolarité', en: 'Search for programmes in the student information system' }, () =>
      adapter.searchFormations({ search, max, ...(adapter.capabilities.cge ? { cge: scope } : { structure: scope }) }),
    );
    // A SIS that ignored the CGE still does not show another centre's formations.
    for (const f of rows)
      if (!scope || !adapter.capabilities.cge || !f.managementCentreCode || f.managementCentreCode === scope) if (!found.has(f.code)) found.set(f.code, f);
  }
  return [...found.values()].slice(0, max);
}

function adapterOf(app: FastifyInstance, type: Centre['sisType'], field: string): SisAdapter {
  const adapter = type === 'D' ? null : app.sis.adapterFor(type);
  if (!adapter)
    throw conflict(
      {
        fr: 'Aucun SI Scolarité n’est relié : pas de formation à y chercher.',
        en: 'No student information system is connected: there is no programme to search for.',
      },
      [{ field, message: { fr: 'pas de SI Scolarité', en: 'no student information system' } }],
    );
  return adapter;
}

const sisCodeOf = (f: Parameters<typeof formationSisCode>[1] & { commission: { centre: { sisType: Centre['sisType'] } } }) =>
  formationSisCode(f.commission.centre.sisType, f);

const sisFormationRoutes: FastifyPluginAsyncZod = async (app) => {
  const loadFormation = async (code: string) => {
    const f = await app.db.formation.findUnique({ where: { code }, include: { commission: { include: { centre: true } } } });
    if (!f) throw notFound({ fr: `Formation ${code} inconnue.`, en: `Unknown programme ${code}.` });
    return f;
  };
  const linkedView = (f: Awaited<ReturnType<typeof loadFormation>>): z.infer<typeof LinkedFormation> => {
    const code = sisCodeOf(f);
    const apogee = f.commission.centre.sisType === 'A';
    return {
      code: f.code,
      label: f.label,
      centreCode: f.commission.centre.code,
      sisType: f.commission.centre.sisType,
      sis: code
        ? {
            code,
            label: apogee ? f.apogeeLabel : f.pegaseLabel,
            managementCentreCode: f.sisManagementCentreCode,
            diplomaTypeCode: f.sisDiplomaTypeCode,
          }
        : null,
    };
  };

  app.get(
    '/api/staff/formations',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Formations of the centres the staff member manages, with their SIS link',
        querystring: z.object({ centre: z.string().trim().min(1).max(20).optional() }),
        response: { 200: z.array(LinkedFormation), ...errorResponses },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const centreIds = isAdmin(user) ? null : (await app.db.centreManager.findMany({ where: { userId: user.id } })).map((m) => m.centreId);
      const rows = await app.db.formation.findMany({
        where: {
          commission: {
            ...(centreIds ? { centreId: { in: centreIds } } : {}),
            ...(request.query.centre ? { centre: { code: request.query.centre } } : {}),
          },
        },
        include: { commission: { include: { centre: true } } },
        orderBy: { code: 'asc' },
      });
      return rows.map(linkedView);
    },
  );

  app.get(
    '/api/staff/sis/formations',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          "Search the campaign's SIS for formations to link, restricted to what the centre may see (its CGE codes on Apogée, its structure on Pégase). Managers of that centre (403 otherwise); 400 naming the missing field.",
        querystring: z.object({
          campaign: z.string().trim().min(1).max(20),
          centre: z.string().trim().min(1).max(20),
          search: z.string().trim().min(1).max(100),
          max: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: {
          200: z.object({
            campaign: z.string(),
            centre: z.string(),
            sisType: z.enum(SIS_TYPES),
            restrictedTo: z.array(z.string()).describe('CGE (Apogée) or structure (Pégase) codes the search was restricted to; empty = none'),
            formations: z.array(SisFormationSchema),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const { campaign: campaignCode, centre: centreCode, search, max } = request.query;
      const [campaign, centre] = await Promise.all([
        app.db.campaign.findUnique({ where: { code: campaignCode } }),
        app.db.centre.findUnique({ where: { code: centreCode } }),
      ]);
      if (!campaign) throw notFound({ fr: `Campagne ${campaignCode} inconnue.`, en: `Unknown campaign ${campaignCode}.` });
      if (!centre) throw notFound({ fr: `Centre ${centreCode} inconnu.`, en: `Unknown centre ${centreCode}.` });
      await assertCentreManager(app, user, centre);
      if (centre.sisType !== campaign.sisType)
        throw conflict(
          {
            fr: `Les formations du centre ${centre.code} ne relèvent pas du SI de la campagne ${campaign.code}.`,
            en: `The programmes of the centre ${centre.code} do not belong to the information system of the campaign ${campaign.code}: choose a centre of that system.`,
          },
          [{ field: 'centre', message: { fr: 'autre SI que celui de la campagne', en: 'another system than the campaign’s' } }],
        );
      const adapter = adapterOf(app, campaign.sisType, 'campaign');
      const codes = await centreSisCodes(app, user, centre);
      const found = await searchForCentre(adapter, codes, search, max);
      const linked = await app.db.formation.findMany({
        where: campaign.sisType === 'A' ? { apogeeVetCode: { in: found.map((f) => f.code.split('/')[0]!) } } : { pegaseCode: { in: found.map((f) => f.code) } },
        include: { commission: { include: { centre: true } } },
      });
      return {
        campaign: campaign.code,
        centre: centre.code,
        sisType: campaign.sisType,
        restrictedTo: codes,
        formations: found.map((f) => ({ ...f, linkedFormations: linked.filter((l) => sisCodeOf(l) === f.code).map((l) => l.code) })),
      };
    },
  );

  app.put(
    '/api/staff/formations/:code/sis',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary:
          "Link the formation to a SIS formation found by GET /api/staff/sis/formations (Apogée `codEtp/codVrsVet`, Pégase code, per the SIS of the formation's centre). 409 when the code is not among that centre's search results; 403 outside the manager's centres.",
        params: z.object({ code: z.string().min(1).max(50) }),
        body: z.object({ code: z.string().trim().min(1).max(100) }),
        response: { 200: LinkedFormation, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireStaff(request);
      const formation = await loadFormation(request.params.code);
      const centre = formation.commission.centre;
      await assertCentreManager(app, user, centre);
      const adapter = adapterOf(app, centre.sisType, 'code');
      const wanted = request.body.code;
      const apogee = centre.sisType === 'A';
      const [etp, version] = apogee ? wanted.split('/') : [wanted, undefined];
      if (apogee && (!etp || !version))
        throw conflict(
          { fr: 'Code Apogée attendu sous la forme étape/version (ex. MDAF1/101).', en: 'Apogée code expected as step/version (e.g. MDAF1/101).' },
          [{ field: 'code', message: { fr: 'étape/version attendu', en: 'step/version expected' } }],
        );
      const codes = await centreSisCodes(app, user, centre);
      const found = (await searchForCentre(adapter, codes, etp!, 100)).find((f) => f.code === wanted);
      if (!found)
        throw conflict(
          {
            fr: `La formation ${wanted} n'est pas parmi celles du SI Scolarité que le centre ${centre.code} peut voir.`,
            en: `The programme ${wanted} is not among those of the student information system the centre ${centre.code} can see: choose one from its search results.`,
          },
          [{ field: 'code', message: { fr: 'absent des résultats de recherche du centre', en: 'not in the centre’s search results' } }],
        );
      const diplomaType =
        found.diplomaTypeCode ??
        (adapter.formationDiplomaType
          ? await sisCall({ fr: 'Type de diplôme', en: 'Diploma type' }, () => adapter.formationDiplomaType!(found)).catch(() => null)
          : null);
      const cut = (s: string | null, n: number) => (s ? s.slice(0, n) : null);
      // Apogée: the VDI of the VET too, when the adapter tells it and there is exactly one.
      // (an Apogée-only operation, not in the port)
      const { diplomasOfVet } = adapter as Partial<Pick<ApogeeAdapter, 'diplomasOfVet'>>;
      const vdis = apogee && diplomasOfVet ? await diplomasOfVet(etp!, version!).catch(() => []) : [];
      const vdi = vdis.length === 1 ? vdis[0]! : null;
      await app.db.formation.update({
        where: { id: formation.id },
        data: apogee
          ? {
              apogeeVetCode: etp!.slice(0, 10),
              apogeeVetVersion: version!.slice(0, 5),
              apogeeLabel: found.label.slice(0, 255),
              sisManagementCentreCode: cut(found.managementCentreCode, 10) ?? formation.sisManagementCentreCode,
              sisDiplomaTypeCode: cut(diplomaType, 10) ?? formation.sisDiplomaTypeCode,
              ...(vdi
                ? { apogeeDiplomaCode: vdi.code.slice(0, 10), apogeeDiplomaVersion: vdi.version.slice(0, 5), apogeeDiplomaLabel: cut(vdi.label, 255) }
                : {}),
            }
          : {
              pegaseCode: found.code.slice(0, 100),
              pegaseLabel: found.label.slice(0, 255),
              sisDiplomaTypeCode: cut(diplomaType, 10) ?? formation.sisDiplomaTypeCode,
            },
      });
      return linkedView(await loadFormation(formation.code));
    },
  );
};
export default sisFormationRoutes;
