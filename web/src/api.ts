// The one HTTP client of the web app. Every call goes through `request`, which sends the session
// cookie (`credentials: 'same-origin'`, no token kept in the browser), parses JSON answers and turns
// `application/problem+json` answers into an `ApiError` the pages show (detail + field errors).
// Its types and the transitions' routes come from contracts/ (the API's own contracts): a transition
// is `transition(actor, name, id, body)`, typed by the catalogue.
import type { ConsoleMail, ConsoleOverview, HistoryEvent, StuckWorkflows, WorkflowHistory, WorkflowTimeline } from '../../contracts/admin.ts';
import type { BulkProgressView, BulkRequest } from '../../contracts/bulk.ts';
import {
  transitions,
  type CandidatureView,
  type OpinionBody,
  type OpinionEntryView,
  type PieceView,
  type QuestionView,
  type RouteActor,
  type TransitionBody,
  type TransitionName,
  type TransitionRoute,
} from '../../contracts/candidature.ts';
import type { FieldError, Problem as ProblemDetails } from '../../contracts/refusals.ts';
import type {
  DecisionTypeItem,
  MotiveItem,
  StaffCandidatureRow,
  StaffListCounts,
  StaffListFilter,
  StaffListIds,
  StaffListPage,
  StaffListQuery,
  StaffPreferences,
} from '../../contracts/staff.ts';
import type { WaitingListView } from '../../contracts/waiting-list.ts';
import type { StaffFile } from '../../contracts/staff-file.ts';
import type { ConfirmationAnswer, DossierStatus, ExportStatus, OpinionKind, PieceStatus, Stage, Traitement } from '../../domain/codes.ts';
import { currentLocale } from './i18n.ts';

export type {
  BulkProgressView as BulkProgress,
  BulkRequest,
  CandidatureView,
  ConfirmationAnswer,
  DecisionTypeItem as DecisionType,
  DossierStatus,
  ExportStatus,
  FieldError,
  HistoryEvent,
  MotiveItem as Motive,
  OpinionBody as OpinionInput,
  OpinionEntryView,
  OpinionKind,
  PieceStatus,
  PieceView,
  QuestionView,
  Stage,
  StaffCandidatureRow,
  Traitement,
  TransitionName,
  WaitingListView as WaitingList,
  WorkflowHistory,
};
export type { BulkAction } from '../../contracts/candidature.ts';
export { BULK_ACTIONS, UPLOAD_MAX_BYTES, UPLOAD_TYPES } from '../../contracts/candidature.ts';

export interface AppConfig {
  brand: 'neutral' | 'dsfr';
  institutionName: string;
  mode: 'development' | 'test' | 'production';
  temporalUiUrl: string | null;
  /** Optional: accessibility / support contact shown in the accessibility statement. */
  contactEmail?: string | null;
}

export interface SessionUser {
  kind: 'candidate' | 'staff';
  login: string;
  displayName: string;
  campaignCode?: string;
  profiles?: string[];
}

export interface Campaign {
  code: string;
  label?: string;
}

export interface Formation {
  code: string;
  label: string;
  centre?: { code: string; label: string };
  commission?: { code: string; label: string };
  traitement?: string;
  capacity?: number | null;
  /** Calendar dates (YYYY-MM-DD), Paris. */
  applicationStartsOn?: string;
  applicationEndsOn?: string;
}

/** An error answer as received: problem details, possibly partial (or none at all: a network failure). */
export type Problem = Partial<ProblemDetails>;

/** One row of GET /api/candidatures: the candidate's view. */
export type CandidatureSummary = CandidatureView;

export interface DevMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: string;
}

/** An answer that is not 2xx, or no answer at all (status 0: network failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  /**
   * Field errors keyed by the form's field: `formField` names it from the error's path when it knows
   * the path (e.g. `interview.date` → `interviewDate`), else the path's last segment (`body.motiveCode`,
   * `/motiveCode` → `motiveCode`).
   */
  fieldErrors(formField: (path: string) => string | undefined = () => undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = formField(e.field) ?? e.field.split(/[./]/).filter(Boolean).pop() ?? e.field;
      out[key] ??= e.message;
    }
    return out;
  }

  /** Worth retrying with the same idempotency key (no answer, or a server-side failure). */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

let unauthorizedHandler: (() => void) | null = null;
/** Called when an authenticated call answers 401 (session expired): the app sends the user to login. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Do not trigger the unauthorized handler on 401 (session probe, login). */
  anonymous?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // The server may localise its problem `detail` with it (fr first, en second).
    'Accept-Language': currentLocale() === 'en' ? 'en, fr;q=0.5' : 'fr, en;q=0.5',
    ...options.headers,
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, {});
  }
  const type = res.headers.get('content-type') ?? '';
  const isJson = type.includes('json');
  let payload: unknown = undefined;
  if (res.status !== 204 && isJson) {
    try {
      payload = await res.json();
    } catch {
      payload = undefined;
    }
  }
  if (!res.ok) {
    const problem: Problem = isJson && payload && typeof payload === 'object' ? (payload as Problem) : { status: res.status };
    if (res.status === 401 && !options.anonymous) unauthorizedHandler?.();
    throw new ApiError(res.status, problem);
  }
  return payload as T;
}

/**
 * A multipart upload (field "file") through XMLHttpRequest, the one browser API that reports upload
 * progress: `onProgress` gets the fraction sent (0..1). Same error handling as `request`.
 */
function upload<T>(path: string, file: File, onProgress: (fraction: number) => void, method = 'POST'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', currentLocale() === 'en' ? 'en, fr;q=0.5' : 'fr, en;q=0.5');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, {}));
    xhr.onabort = () => reject(new ApiError(0, {}));
    xhr.onload = () => {
      let payload: unknown = undefined;
      if ((xhr.getResponseHeader('content-type') ?? '').includes('json')) {
        try {
          payload = JSON.parse(xhr.responseText);
        } catch {
          payload = undefined;
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(payload as T);
        return;
      }
      if (xhr.status === 401) unauthorizedHandler?.();
      reject(new ApiError(xhr.status, payload && typeof payload === 'object' ? (payload as Problem) : { status: xhr.status }));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A file sent as multipart (field "file") without following its progress (the setup's files). */
export const sendFile = <T>(method: 'POST' | 'PUT', path: string, file: File): Promise<T> => upload<T>(path, file, () => undefined, method);

const enc = encodeURIComponent;

/** A list query as URL parameters (empty values left out). */
function listQuery(query: StaffListQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
  return params.toString();
}

/** A random UUID v4; `crypto.randomUUID` only exists in secure contexts, so fall back to getRandomValues. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The route of a transition for this kind of actor (and, between routes of one transition, the one whose fixed arguments the body has). */
function routeOf(actor: RouteActor, name: TransitionName, body: Record<string, unknown>): TransitionRoute {
  const routes: readonly TransitionRoute[] = transitions[name].routes;
  const route = routes.find((r) => r.actor === actor && Object.entries(r.fixed ?? {}).every(([k, v]) => body[k] === v));
  if (!route) throw new Error(`no ${actor} route for the transition ${name}`);
  return route;
}

/** The route's path with the candidature id and the body's path parameters filled in, and what is left of the body. */
function pathOf(route: TransitionRoute, id: string, body: Record<string, unknown>): { path: string; rest: Record<string, unknown> } {
  const rest: Record<string, unknown> = { ...body };
  for (const k of Object.keys(route.fixed ?? {})) delete rest[k];
  const path = route.path.replace(/:(\w+)/g, (_m, param: string) => {
    if (param === 'id') return enc(id);
    const value = rest[param];
    delete rest[param];
    return enc(String(value));
  });
  return { path, rest };
}

/**
 * Runs a transition of the catalogue (contracts/candidature.ts) on a candidature, as this kind of
 * actor: its route, path and body derived from the catalogue. The key identifies the attempt (the
 * Temporal update id): a retry with it is applied once.
 */
export function transition<N extends TransitionName>(
  actor: RouteActor,
  name: N,
  id: string,
  body: TransitionBody<N>,
  idempotencyKey?: string,
): Promise<CandidatureView> {
  const route = routeOf(actor, name, body as Record<string, unknown>);
  const { path, rest } = pathOf(route, id, body as Record<string, unknown>);
  return request<CandidatureView>(route.method, path, {
    ...(route.method === 'DELETE' ? {} : { body: rest }),
    ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
  });
}

export const api = {
  config: () => request<AppConfig>('GET', '/api/config', { anonymous: true }),

  session: () => request<{ user: SessionUser }>('GET', '/api/session', { anonymous: true }),
  login: (login: string, password: string) =>
    request<{ token: string; user: SessionUser }>('POST', '/api/session', {
      body: { login, password },
      anonymous: true,
    }),
  logout: () => request<void>('DELETE', '/api/session', { anonymous: true }),

  campaigns: () => request<Campaign[]>('GET', '/api/campaigns'),
  formations: (campaignCode: string) => request<Formation[]>('GET', `/api/campaigns/${enc(campaignCode)}/formations`),

  myCandidatures: () => request<CandidatureSummary[]>('GET', '/api/candidatures'),
  createCandidature: (formationCode: string, idempotencyKey: string) =>
    request<CandidatureView>('POST', '/api/candidatures', {
      body: { formationCode },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  candidature: (id: string) => request<CandidatureView>('GET', `/api/candidatures/${enc(id)}`),

  /** The upload of a supporting document (the catalogue's `submitPiece` route), with its progress. */
  uploadPiece: (id: string, code: string, file: File, onProgress: (fraction: number) => void) => {
    const route = transitions.submitPiece.routes[0];
    return upload<CandidatureView>(pathOf(route, id, { code }).path, file, onProgress);
  },
  /** The piece's file, downloaded by the browser (a plain link: the session cookie goes with it). */
  pieceFileUrl: (id: string, code: string) => `/api/staff/candidatures/${enc(id)}/pieces/${enc(code)}/file`,
  /** The candidate's own uploaded file of a piece. */
  ownPieceFileUrl: (id: string, code: string) => `/api/candidatures/${enc(id)}/pieces/${enc(code)}/file`,

  /** One page of the managers' list and its total (no query: the 50 most recently changed). */
  staffCandidatures: (query: StaffListQuery = {}) => request<StaffListPage>('GET', `/api/staff/candidatures?${listQuery(query)}`),
  staffCandidature: (id: string) => request<CandidatureView>('GET', `/api/staff/candidatures/${enc(id)}`),
  /** The candidate's whole file as the reader's scope allows (contracts/staff-file.ts). */
  staffFile: (id: string) => request<StaffFile>('GET', `/api/staff/candidatures/${enc(id)}/file`),
  waitingList: (formationCode: string) => request<WaitingListView>('GET', `/api/staff/formations/${enc(formationCode)}/waiting-list`),
  startBulk: (body: BulkRequest) => request<{ id: string }>('POST', '/api/staff/bulk', { body }),
  bulkProgress: (id: string, offset = 0) => request<BulkProgressView>('GET', `/api/staff/bulk/${enc(id)}?offset=${offset}`),
  decisionTypes: () => request<DecisionTypeItem[]>('GET', '/api/staff/decision-types'),
  motives: () => request<MotiveItem[]>('GET', '/api/staff/motives'),
  // The list screen (web/src/stores/staff-list.ts): counts, "select all matching", preferences.
  staffListCounts: (filter: StaffListFilter) => request<StaffListCounts>('GET', `/api/staff/candidatures/counts?${listQuery(filter)}`),
  staffListIds: (query: StaffListQuery) => request<StaffListIds>('GET', `/api/staff/candidatures/ids?${listQuery(query)}`),
  staffPreferences: () => request<StaffPreferences>('GET', '/api/staff/preferences'),
  saveStaffPreferences: (body: StaffPreferences) => request<StaffPreferences>('PUT', '/api/staff/preferences', { body }),

  history: (id: string) => request<WorkflowHistory>('GET', `/api/admin/candidatures/${enc(id)}/history`),
  /** The candidature's timeline for admins (all kinds; the page filters). */
  timeline: (id: string) => request<WorkflowTimeline>('GET', `/api/admin/candidatures/${enc(id)}/timeline`),
  consoleOverview: () => request<ConsoleOverview>('GET', '/api/admin/console/overview'),
  consoleStuck: () => request<StuckWorkflows>('GET', '/api/admin/console/stuck'),
  resendMail: (mailId: number) => request<ConsoleMail>('POST', `/api/admin/console/mails/${mailId}/resend`),

  devMails: () => request<DevMail[]>('GET', '/api/dev/mails'),

  // Tags, post-it notes, OPI régime and fee codes (contracts/staff-actions.ts); OPI code, régime and fees are transitions.
  staffTags: (candidatureId?: string) =>
    request<import('../../contracts/staff-actions.ts').StaffTags>('GET', `/api/staff/tags${candidatureId ? `?candidature=${enc(candidatureId)}` : ''}`),
  postIts: (id: string) => request<import('../../contracts/staff-actions.ts').PostItList>('GET', `/api/staff/candidatures/${enc(id)}/post-its`),
  addPostIt: (id: string, message: string) =>
    request<import('../../contracts/staff-actions.ts').PostItView>('POST', `/api/staff/candidatures/${enc(id)}/post-its`, { body: { message } }),
  deletePostIt: (id: string, postItId: number) => request<void>('DELETE', `/api/staff/candidatures/${enc(id)}/post-its/${postItId}`),
  admissionCodes: (sisType: string) =>
    request<import('../../contracts/staff-actions.ts').AdmissionCodes>('GET', `/api/staff/admission-codes?sisType=${enc(sisType)}`),
};
