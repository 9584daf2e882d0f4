import { describe, expect, it } from 'vitest';
import { renderMailTemplate } from '../../domain/mail-template.ts';

describe('mail templates', () => {
  it('replaces variables and drops unknown ones', () => {
    expect(renderMailTemplate('Bonjour ${candidat.prenom} ${x}!', { 'candidat.prenom': 'Léa' })).toBe('Bonjour Léa !');
  });
  it('keeps an if-block only when its variable has a value', () => {
    const t = 'Avis.{if($motif)} Motif : ${motif}.{endif($motif)} Fin';
    expect(renderMailTemplate(t, { motif: 'Capacité atteinte' })).toBe('Avis. Motif : Capacité atteinte. Fin');
    expect(renderMailTemplate(t, { motif: null })).toBe('Avis. Fin');
    expect(renderMailTemplate(t, {})).toBe('Avis. Fin');
  });
  it('does not execute anything', () => {
    expect(renderMailTemplate('${constructor} ${__proto__}', {})).toBe(' ');
  });
});
