// Candidate managers: the search of candidate accounts, one account, its correction and a new SIS
// lookup (api/candidate-accounts.ts). Deleting an account is a data-protection request
// (routes/data-protection.ts); applying on the candidate's behalf is POST /api/staff/candidatures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CandidateAccountDetail,
  CandidateAccountList,
  CandidateAccountPatch,
  CandidateAccountQuery,
  DossierNumberParams,
} from '../../contracts/candidate-accounts.ts';
import { readAccount, searchAccounts, syncAccountWithSis, updateAccount } from '../candidate-accounts.ts';
import { requireStaff } from '../plugins/auth.ts';
import { errorResponses } from '../schemas.ts';

const tags = ['staff'];
const staff = { access: 'staff' } as const;

const candidateAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/staff/candidates',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Search candidate accounts (candidate managers, read-only ones included, and admins): by the start of a last name, dossier number, INE or e-mail',
        querystring: CandidateAccountQuery,
        response: { 200: CandidateAccountList, ...errorResponses },
      },
    },
    async (request) => searchAccounts(app, requireStaff(request), request.query),
  );

  app.get(
    '/api/staff/candidates/:dossierNumber',
    {
      config: staff,
      schema: {
        tags,
        summary: 'A candidate account with its candidatures (those outside the reader’s scope are listed, not openable)',
        params: DossierNumberParams,
        response: { 200: CandidateAccountDetail, ...errorResponses },
      },
    },
    async (request) => readAccount(app, requireStaff(request), request.params.dossierNumber),
  );

  app.put(
    '/api/staff/candidates/:dossierNumber',
    {
      config: staff,
      schema: {
        tags,
        summary: 'Correct a candidate account: names, e-mail (taken as validated), language (gestionCandidat and admins); audited',
        params: DossierNumberParams,
        body: CandidateAccountPatch,
        response: { 200: CandidateAccountDetail, ...errorResponses },
      },
    },
    async (request) => updateAccount(app, requireStaff(request), request.params.dossierNumber, request.body),
  );

  app.post(
    '/api/staff/candidates/:dossierNumber/sis-sync',
    {
      config: staff,
      schema: {
        tags,
        summary:
          'Look the candidate up again in the campaign’s SIS with the INE (or student number) and birth date of the file, and refresh the file from it (gestionCandidat and admins); audited',
        params: DossierNumberParams,
        response: { 200: CandidateAccountDetail, ...errorResponses },
      },
    },
    async (request) => syncAccountWithSis(app, requireStaff(request), request.params.dossierNumber),
  );
};
export default candidateAccountRoutes;
