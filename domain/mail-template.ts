// Mail templates as eCandidat writes them (reference §3.3): `${name}` variables and
// `{if($name)}…{endif($name)}` blocks kept only when the variable has a value. Plain substitution,
// no code execution, so admins can edit templates safely.
export type MailVariables = Record<string, string | number | null | undefined>;

export function renderMailTemplate(template: string, vars: MailVariables): string {
  const present = (name: string) => Object.hasOwn(vars, name) && vars[name] !== undefined && vars[name] !== null && vars[name] !== '';
  const withBlocks = template.replace(/\{if\(\$([\w.]+)\)\}([\s\S]*?)\{endif\(\$\1\)\}/g, (_m, name: string, body: string) => (present(name) ? body : ''));
  return withBlocks.replace(/\$\{([\w.]+)\}/g, (_m, name: string) => (present(name) ? String(vars[name]) : ''));
}
