// Calls of the candidate portal's public and account pages: the public catalogue (contracts/catalogue.ts)
// and the candidate accounts (contracts/accounts.ts): creation, validation link, forgotten password
// and login, the logged-in candidate's account (e-mail change, language). Every answer typed by
// those contracts; errors are the `ApiError` of api.ts.
import type {
  AccountCreated,
  AccountCreateInput,
  AccountLanguage,
  AccountValidated,
  AccountView,
  EmailChangeInput,
  PasswordChanged,
} from '../../contracts/accounts.ts';
import type { Catalogue, CatalogueFormationDetail } from '../../contracts/catalogue.ts';
import { request } from './api.ts';

export type { AccountCreateInput, AccountLanguage, AccountView, Catalogue, CatalogueFormationDetail };
export type { CatalogueCampaign, CatalogueDocument, CatalogueFormation } from '../../contracts/catalogue.ts';

const enc = encodeURIComponent;
/** Public calls: a 401 there is no expired session (the login page is not forced). */
const anonymous = { anonymous: true } as const;

export const portalApi = {
  /** The active campaigns' centres → diploma types → formations; `q`: words searched by the server. */
  catalogue: (q?: string) => request<Catalogue>('GET', q?.trim() ? `/api/catalogue?q=${enc(q.trim())}` : '/api/catalogue', anonymous),
  formation: (code: string) => request<CatalogueFormationDetail>('GET', `/api/catalogue/formations/${enc(code)}`, anonymous),

  createAccount: (body: AccountCreateInput) => request<AccountCreated>('POST', '/api/accounts', { body, ...anonymous }),
  validate: (token: string) => request<AccountValidated>('POST', '/api/accounts/validation', { body: { token }, ...anonymous }),
  resendValidation: (email: string) => request<void>('POST', '/api/accounts/validation/resend', { body: { email }, ...anonymous }),
  passwordReset: (email: string) => request<void>('POST', '/api/accounts/password-reset', { body: { email }, ...anonymous }),
  setPassword: (token: string, password: string) => request<PasswordChanged>('POST', '/api/accounts/password', { body: { token, password }, ...anonymous }),
  loginReminder: (email: string) => request<void>('POST', '/api/accounts/login-reminder', { body: { email }, ...anonymous }),

  account: () => request<AccountView>('GET', '/api/account'),
  changeEmail: (body: EmailChangeInput) => request<void>('PUT', '/api/account/email', { body }),
  setLanguage: (language: AccountLanguage) => request<void>('PUT', '/api/account/language', { body: { language } }),
};
