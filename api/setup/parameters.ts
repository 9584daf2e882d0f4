// The global parameters (reference §4.5: typed, validated against domain/parameters.ts; technical
// ones for the admin profile only) and the site's messages (home, maintenance). A change takes effect
// at once in this process (the maintenance state is read again) and within MAINTENANCE_TTL_MS in others.
import type { z } from 'zod';
import type { ParameterUpdate, ParameterView, SiteMessageUpdate, SiteMessageView } from '../../contracts/setup.ts';
import { PARAMETER_CODES, PARAMETERS, parameterInput, parameterValue, type ParameterCode, type ParameterDefinition } from '../../domain/parameters.ts';
import { forbidden } from '../problem.ts';
import { forgetMaintenance } from '../maintenance.ts';
import { audit, fieldProblem, missing, type SetupContext } from './context.ts';

function parameterView(code: ParameterCode, stored: string | undefined): ParameterView {
  const def: ParameterDefinition = PARAMETERS[code];
  return {
    code,
    label: def.label,
    type: def.type,
    value: parameterValue(code, stored),
    default: parameterValue(code, def.default),
    values: def.values ? [...def.values] : null,
    min: def.type === 'I' ? (def.min ?? 0) : null,
    max: def.type === 'I' ? (def.max ?? 100_000) : null,
    editableByScol: !def.adminOnly,
  };
}

export async function listParameters(ctx: SetupContext): Promise<ParameterView[]> {
  const rows = new Map((await ctx.app.db.parameter.findMany()).map((r) => [r.code, r.value]));
  return PARAMETER_CODES.map((code) => parameterView(code, rows.get(code)));
}

export async function updateParameter(ctx: SetupContext, code: string, input: z.infer<typeof ParameterUpdate>): Promise<ParameterView> {
  if (!(PARAMETER_CODES as string[]).includes(code)) throw missing(ctx, { fr: `Aucun paramètre ${code}.`, en: `No parameter ${code}.` });
  const known = code as ParameterCode;
  const def: ParameterDefinition = PARAMETERS[known];
  if (def.adminOnly && !ctx.isAdminProfile)
    throw forbidden(
      { fr: 'Ce paramètre technique est réservé au profil administrateur.', en: 'Only the administrator profile changes this technical parameter.' }[ctx.lang],
    );
  const parsed = parameterInput(known, input.value);
  if (!parsed.ok) {
    // Named by the parameter itself (its label in French, its code in English), under the field `value`.
    const text = ctx.lang === 'fr' ? `${def.label} : ${parsed.message.fr}` : `${code}: ${parsed.message.en}`;
    throw fieldProblem(ctx, 'value', text);
  }
  return ctx.app.db.$transaction(async (tx) => {
    const before = await tx.parameter.findUnique({ where: { code } });
    await tx.parameter.upsert({
      where: { code },
      create: { code, label: def.label, type: def.type, value: parsed.stored, editableByScol: !def.adminOnly },
      update: { value: parsed.stored },
    });
    if (before?.value !== parsed.stored)
      await audit(tx, ctx, 'parameter.update', `parameter:${code}`, parameterValue(known, before?.value), parameterValue(known, parsed.stored));
    if (known === 'TECH_IS_MAINTENANCE') forgetMaintenance(ctx.app);
    // Candidate manager profiles derive from these (api/plugins/auth.ts staffProfiles).
    if (known === 'SCOL_GESTION_CANDIDAT_CTR_CAND' || known === 'SCOL_GESTION_CANDIDAT_COMM') ctx.app.forgetUsers();
    return parameterView(known, parsed.stored);
  });
}

const messageView = (m: { code: string; label: string; valueFr: string; valueEn: string | null; active: boolean }): SiteMessageView => ({
  code: m.code,
  label: m.label,
  valueFr: m.valueFr,
  valueEn: m.valueEn,
  active: m.active,
});

export async function listSiteMessages(ctx: SetupContext): Promise<SiteMessageView[]> {
  return (await ctx.app.db.siteMessage.findMany({ orderBy: { code: 'asc' } })).map(messageView);
}

export async function updateSiteMessage(ctx: SetupContext, code: string, input: z.infer<typeof SiteMessageUpdate>): Promise<SiteMessageView> {
  const before = await ctx.app.db.siteMessage.findUnique({ where: { code } });
  if (!before) throw missing(ctx, { fr: `Aucun message ${code}.`, en: `No message ${code}.` });
  return ctx.app.db.$transaction(async (tx) => {
    const row = await tx.siteMessage.update({ where: { code }, data: { valueFr: input.valueFr, valueEn: input.valueEn, active: input.active } });
    await audit(tx, ctx, 'siteMessage.update', `siteMessage:${code}`, messageView(before), messageView(row));
    forgetMaintenance(ctx.app);
    return messageView(row);
  });
}
