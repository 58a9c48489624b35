import { ACCENT_NAMES, dark, light, themeFor, type Theme } from '../src/theme';

/** WCAG 2.1 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Every color text is drawn in, on every background it is drawn on.
const TEXT_ON_BACKGROUND: [keyof Theme, keyof Theme][] = [
  ['text', 'background'],
  ['text', 'surface'],
  ['muted', 'background'],
  ['muted', 'surface'],
  ['accent', 'background'],
  ['accent', 'surface'],
  ['up', 'background'],
  ['up', 'surface'],
  ['down', 'background'],
  ['down', 'surface'],
  ['danger', 'background'],
  ['danger', 'surface'],
  // Labels on filled buttons: accent buttons, buy (up) and sell (down) buttons.
  ['onAccent', 'accent'],
  ['onAccent', 'up'],
  ['onAccent', 'down'],
];

const themes = ACCENT_NAMES.flatMap((accent) => [
  [`light/${accent}`, themeFor('light', accent)] as const,
  [`dark/${accent}`, themeFor('dark', accent)] as const,
]);

describe.each(themes)('%s theme', (_name, theme) => {
  test.each(TEXT_ON_BACKGROUND)('%s on %s has contrast ≥ 4.5:1', (fg, bg) => {
    expect(contrast(theme[fg] as string, theme[bg] as string)).toBeGreaterThanOrEqual(4.5);
  });
});

test('the contrast formula matches known WCAG values', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});

test('light and dark differ and the default accent is blue', () => {
  expect(themeFor('light')).toEqual(light);
  expect(themeFor('dark')).toEqual(dark);
  expect(light.background).not.toBe(dark.background);
});
