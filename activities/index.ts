// Activities of the candidature workflow, built from their dependencies (Temporal's
// activities-dependency-injection pattern): the worker calls createActivities(deps) once.
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { Db } from '../infra/prisma.ts';
import type { SisRegistry } from '../sis/index.ts';
import { sendCandidatureMail, type MailInput } from './mail.ts';
import { projectCandidature } from './projection.ts';
import { exportToSis, type ExportInput } from './sis-export.ts';
import type { CandidatureView } from '../domain/view.ts';

export interface ActivityDeps {
  db: Db;
  mailer: Transporter;
  mailFrom: string;
  sis: SisRegistry;
  /** For activities that talk to other workflows (waiting lists, bulk actions, campaign archiving). */
  temporal: Client;
  /** Task queue of the workflows those activities start. */
  taskQueue: string;
}

export function createActivities(deps: ActivityDeps) {
  return {
    projectCandidature: (view: CandidatureView) => projectCandidature(deps.db, view),
    sendCandidatureMail: (input: MailInput) => sendCandidatureMail(deps, input),
    exportToSis: (input: ExportInput) => exportToSis(deps, input),
  };
}
