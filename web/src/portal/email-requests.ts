// The requests that ask for an e-mail address only (reference §5): the dossier number(s) of an
// address (forgotten login), a link to choose a new password, a new validation link. Each: its
// texts (portal.<request>.title/intro/submit/done), the call, the other ways in linked under its
// page's form. Whatever the address, the answer is the same.
import { portalApi } from '../portal-api.ts';

export interface EmailRequest {
  idPrefix: string;
  send: (email: string) => Promise<void>;
  /** Route names and the i18n keys of their links. */
  links: { route: string; text: string }[];
}

export const EMAIL_REQUESTS = {
  forgottenLogin: {
    idPrefix: 'forgotten-login',
    send: portalApi.loginReminder,
    links: [
      { route: 'forgotten-password', text: 'portal.login.forgottenPassword' },
      { route: 'login', text: 'portal.request.backToLogin' },
    ],
  },
  forgottenPassword: {
    idPrefix: 'forgotten-password',
    send: portalApi.passwordReset,
    links: [
      { route: 'forgotten-login', text: 'portal.login.forgottenLogin' },
      { route: 'login', text: 'portal.request.backToLogin' },
    ],
  },
  resend: {
    idPrefix: 'resend',
    send: portalApi.resendValidation,
    links: [{ route: 'login', text: 'portal.request.backToLogin' }],
  },
} satisfies Record<string, EmailRequest>;

export type EmailRequestKind = keyof typeof EMAIL_REQUESTS;
