// A tag's chip colours (the setup's colour, contracts/setup.ts): the colour as background and black or
// white text, whichever contrasts more with it (WCAG relative luminance), so that the colour is never
// the only carrier of the meaning. Used by every chip: the list's, the bulk panel's, the tags panel's.

/** Relative luminance (WCAG 2) of #RRGGBB. */
function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const [r, g, b] = m!.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The chip's style: its colour (grey when it is not a #RRGGBB colour) and the text that reads on it. */
export function chipStyle(colour: string): { backgroundColor: string; color: string } {
  const bg = /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#dddddd';
  const l = luminance(bg);
  // Contrast with black (L+0.05)/0.05 against white 1.05/(L+0.05): the larger wins.
  return { backgroundColor: bg, color: (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#161616' : '#ffffff' };
}
