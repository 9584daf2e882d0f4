// The one HTTP client of the web app. Every call goes through `request`, which sends the session
// cookie (`credentials: 'same-origin'`, no token kept in the browser), parses JSON answers and turns
// `application/problem+json` answers into an `ApiError` the pages show (detail + field errors).
import type { CandidatureView, Stage, ExportStatus, ConfirmationAnswer, PieceView, QuestionView, OpinionEntryView } from '../../domain/view.ts';
import type { DossierStatus, OpinionKind, PieceStatus, Traitement } from '../../domain/codes.ts';
import { currentLocale } from './i18n.ts';

export type {
  CandidatureView,
  Stage,
  ExportStatus,
  ConfirmationAnswer,
  DossierStatus,
  OpinionKind,
  PieceStatus,
  Traitement,
  PieceView,
  QuestionView,
  OpinionEntryView,
};

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

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
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

/** One row of GET /api/candidatures: the candidate's view (fields beyond these are ignored). */
export type CandidatureSummary = Pick<CandidatureView, 'id' | 'campaignCode' | 'formationCode' | 'formationLabel' | 'stage' | 'dossierStatus'> &
  Partial<Pick<CandidatureView, 'opinion' | 'confirmation' | 'dates'>>;

export interface StaffCandidatureRow {
  id: string;
  campaignCode: string;
  formationCode: string;
  formationLabel: string;
  commissionCode?: string;
  candidateName: string;
  dossierNumber: string;
  stage: Stage;
  dossierStatus: DossierStatus;
  opinionKind: OpinionKind | null;
  opinionDecisionType: string | null;
  opinionValidated: boolean;
  confirmationAnswer: ConfirmationAnswer | null;
  exportStatus: ExportStatus;
  updatedAt: string;
}

export interface DecisionType {
  code: string;
  label: string;
  opinionKind: OpinionKind;
}

export interface Motive {
  code: string;
  label: string;
}

export interface OpinionInput {
  decisionType: string;
  motiveCode?: string;
  lcRank?: number;
  /** Preselection (PR): the interview the candidate is invited to (date YYYY-MM-DD, time HH:MM). */
  interview?: { date: string; time: string; place: string };
  comment?: string;
  appeal?: boolean;
}

/** GET /api/staff/formations/{code}/waiting-list: the complementary list of a formation. */
export interface WaitingList {
  formationCode: string;
  entries: { candidatureId: string; enteredRank: number | null; realRank: number; joinedAt: string }[];
  promotions: { freedBy: string; promoted: string | null; at: string; note: string | null }[];
}

/** Actions a manager may apply to a selection (POST /api/staff/bulk). */
export const BULK_ACTIONS = ['setDossierStatus', 'enterOpinion', 'validateOpinion', 'setTags', 'setConfirmationDeadline', 'setReturnDeadline'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export type BulkRequest = { candidatureIds: string[] } & (
  | { action: 'setDossierStatus'; args: { status: DossierStatus } }
  | { action: 'enterOpinion'; args: OpinionInput }
  | { action: 'validateOpinion' }
  | { action: 'setTags'; args: { tags: string[] } }
  | { action: 'setConfirmationDeadline' | 'setReturnDeadline'; args: { deadline: string | null } }
);

/** One candidature of a mass action: ok (with its new stage), refused (why, as the single action says it), error. */
export interface BulkItemResult {
  candidatureId: string;
  outcome: 'pending' | 'ok' | 'refused' | 'error';
  stage?: string;
  status?: number;
  type?: string;
  message?: string;
}

/** GET /api/staff/bulk/{id}: progress and per-item results (from `offset`, in selection order). */
export interface BulkProgress {
  id: string;
  action: BulkAction;
  actor: string;
  status: 'running' | 'completed';
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  offset: number;
  items: BulkItemResult[];
}

/** Accepted upload types and size (the API checks them too). */
export const UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface HistoryEvent {
  id: number;
  time: string;
  type: string;
  summary: string;
}

export interface WorkflowHistory {
  workflowId: string;
  runId: string;
  status?: string;
  events: HistoryEvent[];
}

export interface DevMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: string;
}

export type CandidateAction = 'transmit' | 'confirm' | 'withdraw' | 'cancel';
export const CANDIDATE_ACTIONS: readonly CandidateAction[] = ['transmit', 'confirm', 'withdraw', 'cancel'];

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

  /** Field errors keyed by the field's last path segment (`body.motiveCode`, `/motiveCode` → `motiveCode`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) {
      const key = e.field.split(/[./]/).filter(Boolean).pop() ?? e.field;
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
function upload<T>(path: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
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

const enc = encodeURIComponent;

/** A random UUID v4; `crypto.randomUUID` only exists in secure contexts, so fall back to getRandomValues. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
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
  /** The key identifies the transition attempt (Temporal update id): a retry with it is applied once. */
  candidateAction: (id: string, action: CandidateAction, idempotencyKey: string) =>
    request<CandidatureView>('POST', `/api/candidatures/${enc(id)}/${action}`, {
      body: {},
      headers: { 'Idempotency-Key': idempotencyKey },
    }),

  uploadPiece: (id: string, code: string, file: File, onProgress: (fraction: number) => void) =>
    upload<CandidatureView>(`/api/candidatures/${enc(id)}/pieces/${enc(code)}`, file, onProgress),
  pieceNotConcerned: (id: string, code: string) =>
    request<CandidatureView>('POST', `/api/candidatures/${enc(id)}/pieces/${enc(code)}/not-concerned`, { body: {} }),
  answerQuestion: (id: string, code: string, answer: string) =>
    request<CandidatureView>('PUT', `/api/candidatures/${enc(id)}/questions/${enc(code)}`, { body: { answer } }),
  questionNotConcerned: (id: string, code: string) =>
    request<CandidatureView>('POST', `/api/candidatures/${enc(id)}/questions/${enc(code)}/not-concerned`, { body: {} }),

  staffCandidatures: () => request<StaffCandidatureRow[]>('GET', '/api/staff/candidatures'),
  staffCandidature: (id: string) => request<CandidatureView>('GET', `/api/staff/candidatures/${enc(id)}`),
  setDossierStatus: (id: string, status: DossierStatus) =>
    request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/dossier-status`, { body: { status } }),
  enterOpinion: (id: string, input: OpinionInput) => request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/opinions`, { body: input }),
  setPieceStatus: (id: string, code: string, status: PieceStatus, comment: string | null) =>
    request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/pieces/${enc(code)}/status`, { body: { status, comment } }),
  /** The piece's file, downloaded by the browser (a plain link: the session cookie goes with it). */
  pieceFileUrl: (id: string, code: string) => `/api/staff/candidatures/${enc(id)}/pieces/${enc(code)}/file`,
  /** The candidate's own uploaded file of a piece. */
  ownPieceFileUrl: (id: string, code: string) => `/api/candidatures/${enc(id)}/pieces/${enc(code)}/file`,
  changeTraitement: (id: string, traitement: Traitement) =>
    request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/traitement`, { body: { traitement } }),
  validateTraitement: (id: string) => request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/traitement/validate`, { body: {} }),
  deleteOpinion: (id: string, index: number) => request<CandidatureView>('DELETE', `/api/staff/candidatures/${enc(id)}/opinions/${index}`),
  /** A Paris day (YYYY-MM-DD) or null (back to the formation's rule). */
  setConfirmationDeadline: (id: string, deadline: string | null) =>
    request<CandidatureView>('PUT', `/api/staff/candidatures/${enc(id)}/confirmation-deadline`, { body: { deadline } }),
  setReturnDeadline: (id: string, deadline: string | null) =>
    request<CandidatureView>('PUT', `/api/staff/candidatures/${enc(id)}/return-deadline`, { body: { deadline } }),
  setTags: (id: string, tags: string[]) => request<CandidatureView>('PUT', `/api/staff/candidatures/${enc(id)}/tags`, { body: { tags } }),
  staffWithdraw: (id: string) => request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/withdraw`, { body: {} }),
  waitingList: (formationCode: string) => request<WaitingList>('GET', `/api/staff/formations/${enc(formationCode)}/waiting-list`),
  startBulk: (body: BulkRequest) => request<{ id: string }>('POST', '/api/staff/bulk', { body }),
  bulkProgress: (id: string, offset = 0) => request<BulkProgress>('GET', `/api/staff/bulk/${enc(id)}?offset=${offset}`),
  staffConfirm: (id: string) => request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/confirm`, { body: {} }),
  retryExport: (id: string) => request<CandidatureView>('POST', `/api/admin/candidatures/${enc(id)}/export/retry`, { body: {} }),
  validateOpinion: (id: string) => request<CandidatureView>('POST', `/api/staff/candidatures/${enc(id)}/opinions/validate`, { body: {} }),
  decisionTypes: () => request<DecisionType[]>('GET', '/api/staff/decision-types'),
  motives: () => request<Motive[]>('GET', '/api/staff/motives'),

  history: (id: string) => request<WorkflowHistory>('GET', `/api/admin/candidatures/${enc(id)}/history`),

  devMails: () => request<DevMail[]>('GET', '/api/dev/mails'),
};
