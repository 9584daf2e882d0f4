// Who receives a candidature mail (reference §3.3, §4.2, §4.3): pure rules over the settings.
// - A commission alert goes where the commission's alert mode says — N nobody, M its alert address
//   (else its own address), L each of its members — and only for the events whose flag is on.
// - Every mail to a candidate is copied, blind, per the centre's copy mode — N none, M its contact
//   address, L each of its managers.
// A mail nobody receives is recorded as skipped with the reason (what admins read in the mail log).

// The modes' code lists are contracts/setup.ts ALERT_MODES and SEND_MAIL_MODES.

/** The commission's flag that turns each alert on (tem_alert_*_comm). */
export const COMMISSION_ALERT_FLAGS = {
  COMMISSION_ALERT_PROPOSITION: 'alertOnProposition',
  COMMISSION_ALERT_ANNULATION: 'alertOnCancellation',
  COMMISSION_ALERT_TRANSMISSION: 'alertOnTransmission',
  COMMISSION_ALERT_DESISTEMENT: 'alertOnWithdrawal',
  COMMISSION_ALERT_LISTE_PRINC: 'alertOnMainList',
} as const;
export type CommissionAlertCode = keyof typeof COMMISSION_ALERT_FLAGS;
export type CommissionAlertFlag = (typeof COMMISSION_ALERT_FLAGS)[CommissionAlertCode];

export const isCommissionAlert = (code: string): code is CommissionAlertCode => Object.hasOwn(COMMISSION_ALERT_FLAGS, code);

/** What the alert rules read of a commission. */
export type CommissionAlertSettings = {
  code: string;
  alertMode: string;
  alertEmail: string | null;
  email: string | null;
  /** The addresses of its members (staff users still active). */
  memberEmails: readonly string[];
} & Record<CommissionAlertFlag, boolean>;

/** What the copy rule reads of a centre. */
export interface CentreCopySettings {
  sendMailMode: string;
  contactEmail: string | null;
  /** The addresses of its managers (staff users still active). */
  managerEmails: readonly string[];
}

export type Recipients = { ok: true; to: string[] } | { ok: false; reason: string };

/** Distinct, trimmed, non-empty addresses, in the order given (case-insensitively distinct). */
export function distinctAddresses(addresses: readonly (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of addresses) {
    const address = a?.trim();
    if (!address || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    out.push(address);
  }
  return out;
}

/**
 * How the reason of a mail skipped on purpose starts (the commission's settings say nobody gets it):
 * admins are not asked to do anything about those (api/admin-console.ts lists the other skips).
 */
export const SETTINGS_SKIP_PREFIXES = ['alert off:', 'alerts off:'] as const;

/** Who receives a commission alert `code`, or why nobody does. */
export function commissionAlertRecipients(code: string, c: CommissionAlertSettings): Recipients {
  const flag = isCommissionAlert(code) ? COMMISSION_ALERT_FLAGS[code] : null;
  if (flag && !c[flag]) return { ok: false, reason: `${SETTINGS_SKIP_PREFIXES[0]} commission ${c.code} does not alert on this event (${flag} is off)` };
  switch (c.alertMode) {
    case 'N':
      return { ok: false, reason: `${SETTINGS_SKIP_PREFIXES[1]} commission ${c.code} sends no alert (alert mode N)` };
    case 'L': {
      const to = distinctAddresses(c.memberEmails);
      return to.length
        ? { ok: true, to }
        : { ok: false, reason: `no recipient: commission ${c.code} alerts its members (alert mode L) and has no member with an address` };
    }
    default: {
      const to = distinctAddresses([c.alertEmail?.trim() || c.email]);
      return to.length ? { ok: true, to } : { ok: false, reason: `no recipient: commission ${c.code} has neither an alert address nor an address` };
    }
  }
}

/** The blind copies of a mail to a candidate, per the centre's copy mode (never the candidate's own address). */
export function centreCopyRecipients(centre: CentreCopySettings, candidateEmail: string): string[] {
  const copies = centre.sendMailMode === 'M' ? [centre.contactEmail] : centre.sendMailMode === 'L' ? centre.managerEmails : [];
  return distinctAddresses(copies).filter((a) => a.toLowerCase() !== candidateEmail.trim().toLowerCase());
}

/** The recipients as the mail log records them (one column of 255 characters). */
export function recipientText(to: readonly string[], max = 255): string {
  const text = to.join(', ');
  if (text.length <= max) return text;
  const more = (n: number) => ` (+${n})`;
  let kept = to.length;
  while (kept > 1 && `${to.slice(0, kept).join(', ')}${more(to.length - kept)}`.length > max) kept--;
  return `${to.slice(0, kept).join(', ')}${more(to.length - kept)}`.slice(0, max);
}
