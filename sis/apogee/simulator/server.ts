// The Apogée simulator as a real HTTP server (reference sis-apis.md §6): the AMUE SOAP services with
// their WSDLs, the REST PJ and INES check services, the tables eCandidat reads over JDBC exposed as
// JSON (our design choice: the adapter cannot open Oracle), and an admin API for fault injection and
// for reading what was received. `npm start` and the tests start one; adapters only see its URL.
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { ApogeeDatabase, ApogeeFault } from './database.ts';
import { FAULT_KINDS, FaultBoard, type FaultSpec } from './faults.ts';
import { faultXml, parseRequest, responseXml, SoapRequestError, wsdl, type SoapObject } from './soap.ts';
import { SERVICES, SERVICES_PATH, type ServiceDef } from './services.ts';

export interface ApogeeSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The URLs an adapter is configured with (reference sis-apis.md §3.1). */
  urls: {
    etudiantMetier: string;
    pedagogiqueMetier: string;
    opiMetier: string;
    pjOpiMetier: string;
    pj: string;
    checkInes: string;
    db: string;
  };
  /** In-process access for the dev stack's logs; tests go through HTTP like the adapter. */
  database: ApogeeDatabase;
  faults: FaultBoard;
  stop(): Promise<void>;
}

type Q = Record<string, string | undefined>;
const q = (req: FastifyRequest) => req.query as Q;
const nz = (v: string | undefined) => (v === undefined || v === '' ? null : v);

export async function startApogeeSimulator(opts: { port?: number; host?: string; seed?: number } = {}): Promise<ApogeeSimulator> {
  const database = new ApogeeDatabase(opts.seed);
  const faults = new FaultBoard();
  // Calls held by a `hang` fault, released (their connection closed) on stop or when faults are cleared.
  const hanging = new Set<() => void>();
  const releaseHanging = () => {
    for (const release of hanging) release();
    hanging.clear();
  };

  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 20 * 1024 * 1024 });
  app.addContentTypeParser(['text/xml', 'application/xml', 'application/soap+xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  /**
   * Applies the transport fault injected for this operation, if any. Returns true when the reply
   * has been taken care of (the handler must not answer).
   */
  async function injected(operation: string, req: FastifyRequest, reply: FastifyReply, protocol: 'soap' | 'json', service?: ServiceDef): Promise<boolean> {
    const fault = faults.take(operation, ['latency', 'hang', 'drop', 'http5xx', 'http429', 'malformed', 'soapFault']);
    if (!fault) return false;
    switch (fault.kind) {
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.ms));
        return false;
      case 'hang':
        reply.hijack();
        await new Promise<void>((resolve) => hanging.add(resolve));
        req.raw.socket.destroy();
        return true;
      case 'drop':
        reply.hijack();
        req.raw.socket.destroy();
        return true;
      case 'http5xx':
        await reply.code(fault.status).type('text/plain; charset=utf-8').send(`${fault.status} simulated server error`);
        return true;
      case 'http429':
        await reply
          .code(429)
          .header('retry-after', String(fault.retryAfter))
          .type('text/plain; charset=utf-8')
          .send(`429 simulated: too many requests, retry after ${fault.retryAfter} s`);
        return true;
      case 'malformed':
        await reply
          .code(200)
          .type(protocol === 'soap' ? 'text/xml; charset=utf-8' : 'application/json')
          .send(
            protocol === 'soap'
              ? '<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Bo'
              : '{"erreurMsg": "tronqu',
          );
        return true;
      default: // soapFault
        if (protocol === 'soap') await reply.code(500).type('text/xml; charset=utf-8').send(faultXml(service!, fault.message));
        else await reply.code(400).send({ erreurMsg: fault.message, erreurType: 'simulated', erreurDescription: fault.message });
        return true;
    }
  }

  // --- SOAP services ------------------------------------------------------------------------------
  for (const service of SERVICES) {
    const path = `${SERVICES_PATH}/${service.name}`;
    app.get(path, async (req, reply) => {
      if (!('wsdl' in q(req)) && !('WSDL' in q(req))) return reply.code(404).send({ error: `GET ${path}?wsdl for the WSDL; calls are POST` });
      const location = `${req.protocol}://${req.headers.host}${path}`;
      return reply.type('text/xml; charset=utf-8').send(wsdl(service, location));
    });
    app.post(path, async (req, reply) => {
      let operation: string;
      let params: SoapObject;
      try {
        ({ operation, params } = parseRequest(String(req.body ?? '')));
      } catch (err) {
        if (!(err instanceof SoapRequestError)) throw err;
        return reply
          .code(500)
          .type('text/xml; charset=utf-8')
          .send(faultXml(service, 'technical.parameter.noncoherentinput.soap', { lastErrorMsg: err.message }));
      }
      if (!service.operations.some((o) => o.name === operation))
        return reply
          .code(500)
          .type('text/xml; charset=utf-8')
          .send(faultXml(service, `technical.parameter.noncoherentinput.operation`, { lastErrorMsg: `${operation} inconnue` }));
      if (await injected(operation, req, reply, 'soap', service)) return reply;
      try {
        const handler = (database as unknown as Record<string, (p: SoapObject, b?: object) => Record<string, unknown>>)[operation]!.bind(database);
        const behaviour =
          operation === 'mettreajourDonneesOpi_v10'
            ? {
                changedOpiCode: !!faults.take(operation, ['changedOpiCode']),
                issue90: !!faults.take(operation, ['issue90']),
                notFiled: !!faults.take(operation, ['notFiled']),
              }
            : undefined;
        const result = handler(params, behaviour);
        return reply.type('text/xml; charset=utf-8').send(responseXml(service, operation, result));
      } catch (err) {
        if (!(err instanceof ApogeeFault)) throw err;
        return reply
          .code(500)
          .type('text/xml; charset=utf-8')
          .send(faultXml(service, err.message, { lastErrorMsg: err.detail ?? err.message }));
      }
    });
  }

  // --- REST: what eCandidat reads over JDBC, as JSON ----------------------------------------------
  const json = (operation: string, handler: (req: FastifyRequest) => unknown) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (await injected(operation, req, reply, 'json')) return reply;
    try {
      return reply.send(handler(req));
    } catch (err) {
      if (!(err instanceof ApogeeFault)) throw err;
      return reply.code(404).send({ erreurMsg: err.message, erreurType: 'WebBaseException', erreurDescription: err.detail ?? err.message });
    }
  };

  app.get(
    '/db/tables',
    json('db.tables', () => Object.keys(database.tables).sort()),
  );
  app.get<{ Params: { table: string } }>(
    '/db/tables/:table',
    json('db.table', (req) => {
      const table = (req.params as { table: string }).table.toUpperCase();
      const rows = database.tables[table];
      if (!rows) throw new ApogeeFault(`technical.data.nullretrieve.table`, `table ${table} inconnue`);
      return rows;
    }),
  );
  app.get(
    '/db/version',
    json('db.version', () => [...database.tables.VERSION_APO!].sort((a, b) => String(b.DAT_CRE).localeCompare(String(a.DAT_CRE)))[0]),
  );
  app.get(
    '/db/formations',
    json('db.formations', (req) => {
      const search = q(req).search ?? '';
      if (search.length < 3) throw new ApogeeFault('technical.parameter.noncoherentinput.search', 'au moins 3 caractères');
      return database.searchFormations(search, nz(q(req).codCge));
    }),
  );
  app.get(
    '/db/diplomes',
    json('db.diplomes', (req) => database.diplomasOfVet(q(req).codEtp ?? '', q(req).codVrsVet ?? '')),
  );
  app.get(
    '/db/ind-opi',
    json('db.indOpi', (req) => {
      const p = q(req);
      return database.findIndOpi({
        codOpiIntEpo: nz(p.codOpiIntEpo),
        codEtu: nz(p.codEtu),
        ine: nz(p.ine),
        cle: nz(p.cle),
        nom: nz(p.nom),
        prenom: nz(p.prenom),
        dateNai: nz(p.dateNai),
      });
    }),
  );
  app.get(
    '/db/voeux-ins',
    json('db.voeuxIns', (req) => database.findVoeuxIns(Number(q(req).codIndOpi))),
  );
  app.get(
    '/db/opi-pj',
    json('db.opiPj', (req) =>
      database.opiPj
        .filter((r) => r.COD_IND_OPI === Number(q(req).codIndOpi))
        .map((r) => ({ COD_IND_OPI: r.COD_IND_OPI, COD_TPJ: r.COD_TPJ, COD_OPI_INT_EPO: r.COD_OPI_INT_EPO, NOM_FIC: r.NOM_FIC, COD_ETU: r.COD_ETU })),
    ),
  );
  app.get(
    '/db/pkb-bac/verifier-specialites-et-options',
    json('db.verifierBac', (req) => {
      const p = q(req);
      return {
        result: database.verifierSpecialitesEtOptionsBac({
          annee: nz(p.annee),
          codBac: nz(p.codBac),
          spe1Ter: nz(p.spe1Ter),
          spe2Ter: nz(p.spe2Ter),
          spePre: nz(p.spePre),
          opts: [nz(p.opt1), nz(p.opt2), nz(p.opt3), nz(p.opt4)],
        }),
      };
    }),
  );

  // --- REST PJ (pj.urlService) -----------------------------------------------------------------------
  app.get(
    '/pj/info',
    json('pj.info', (req) => database.pjInfo(nz(q(req).codAnu), nz(q(req).codEtu), nz(q(req).codTpj))),
  );
  app.get('/pj/fichier', async (req, reply) => {
    if (await injected('pj.fichier', req, reply, 'json')) return reply;
    try {
      const file = database.pjFichier(nz(q(req).codAnu), nz(q(req).codEtu), nz(q(req).codTpj));
      return reply.type('application/octet-stream').header('content-disposition', `attachment; filename="${file.name}"`).send(file.content);
    } catch (err) {
      if (!(err instanceof ApogeeFault)) throw err;
      return reply.code(404).send({ erreurMsg: err.message, erreurType: 'WebBaseException', erreurDescription: err.detail ?? err.message });
    }
  });

  // --- REST INES check (checkInes.urlService) -------------------------------------------------------
  app.post(
    '/checkines/v1/check-ine',
    json('checkIne', (req) => {
      const body = (req.body ?? {}) as { type?: string; ine?: string; cle?: string };
      if (body.type !== 'INES' || typeof body.ine !== 'string' || typeof body.cle !== 'string')
        throw new ApogeeFault('technical.parameter.noncoherentinput.ine', 'attendu : {"type":"INES","ine":"…","cle":"…"}');
      return database.checkIne(body.ine, body.cle);
    }),
  );
  app.get('/checkines/version', async (req, reply) => {
    if (await injected('checkInes.version', req, reply, 'json')) return reply;
    return reply.type('text/plain; charset=utf-8').send('check-ines-simulateur 1.2.0');
  });

  // --- Admin: faults and what was received -----------------------------------------------------------
  app.post('/__admin/faults', async (req, reply) => {
    const specs = (Array.isArray(req.body) ? req.body : [req.body]) as FaultSpec[];
    try {
      return reply.code(201).send(specs.map((s) => faults.add(s)));
    } catch (err) {
      return reply.code(400).send({ error: (err as Error).message, kinds: FAULT_KINDS });
    }
  });
  app.get('/__admin/faults', async () => faults.list());
  app.delete('/__admin/faults', async (_req, reply) => {
    faults.clear();
    releaseHanging();
    return reply.code(204).send();
  });
  app.get('/__admin/received', async (req) => {
    const code = nz(q(req).codOpiIntEpo);
    return database.received.filter((r) => !code || r.codOpiIntEpo === code);
  });
  app.post('/__admin/reset', async (_req, reply) => {
    faults.clear();
    releaseHanging();
    database.resetOpi();
    return reply.code(204).send();
  });
  app.get('/__admin/students', async (req) => {
    const limit = Math.min(Number(q(req).limit ?? 20), database.students.length);
    return database.students.slice(0, limit).map((s) => ({
      codEtu: s.codEtu,
      ine: s.ine,
      cleIne: s.cleIne,
      nom: s.nomPatronymique,
      prenom: s.prenom1,
      dateNaissance: s.dateNaissance,
      cursus: s.cursus.length,
      pieces: s.pieces.map((p) => `${p.codAnu}/${p.codTpj}`),
    }));
  });

  app.get('/', async () => ({
    simulator: 'Apogée',
    soap: SERVICES.map((s) => `${SERVICES_PATH}/${s.name}?wsdl`),
    db: [
      '/db/tables',
      '/db/tables/:table',
      '/db/version',
      '/db/formations',
      '/db/diplomes',
      '/db/ind-opi',
      '/db/voeux-ins',
      '/db/opi-pj',
      '/db/pkb-bac/verifier-specialites-et-options',
    ],
    pj: ['/pj/info', '/pj/fichier'],
    checkInes: ['/checkines/v1/check-ine', '/checkines/version'],
    admin: ['/__admin/faults', '/__admin/received', '/__admin/reset', '/__admin/students'],
  }));

  const host = opts.host ?? '127.0.0.1';
  await app.listen({ port: opts.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${host}:${port}`;
  return {
    url,
    urls: {
      etudiantMetier: `${url}${SERVICES_PATH}/EtudiantMetier`,
      pedagogiqueMetier: `${url}${SERVICES_PATH}/PedagogiqueMetier`,
      opiMetier: `${url}${SERVICES_PATH}/OpiMetier`,
      pjOpiMetier: `${url}${SERVICES_PATH}/PjOpiMetier`,
      pj: `${url}/pj`,
      checkInes: `${url}/checkines`,
      db: `${url}/db`,
    },
    database,
    faults,
    async stop() {
      releaseHanging();
      await app.close();
    },
  };
}
