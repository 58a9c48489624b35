import { clipText, layoutWidget, PALETTES, sizeForDimensions, visibleTexts, type LayoutOptions } from '../../src/widgets/layout';
import { WIDGET_KINDS, WIDGET_SIZES } from '../../src/widgets/payload';
import { ENGLISH, widgetStrings } from '../../src/widgets/strings';
import { bots, EMPTY, LONG, NORMAL, portfolio, signal, T, watchlist } from './samples';

const light: LayoutOptions = { theme: 'light', strings: ENGLISH };
const dark: LayoutOptions = { theme: 'dark', strings: ENGLISH };

describe('every kind and size', () => {
  for (const kind of WIDGET_KINDS) {
    for (const size of WIDGET_SIZES) {
      it(`${kind}/${size}: normal, empty and both themes`, () => {
        const normal = layoutWidget(kind, size, NORMAL[kind](size), 'ok', light);
        expect(normal.state).toBe('ok');
        expect(normal.rows.length).toBeGreaterThan(0);
        expect(normal.title.text).toBe(ENGLISH[kind]);
        expect(normal.link.startsWith('cryptoorchestrator://')).toBe(true);
        const empty = layoutWidget(kind, size, EMPTY[kind](size), 'ok', dark);
        expect(empty.background).toBe(PALETTES.dark.background);
        expect(visibleTexts(empty).join(' ')).not.toContain('undefined');
        expect(empty.rows.every((row) => row.cells.every((cell) => /^#[0-9a-f]{6}$/.test(cell.color)))).toBe(true);
      });
    }
  }
});

it('portfolio shows value, signed day change in trend colours and a sparkline', () => {
  const up = layoutWidget('portfolio', 'medium', portfolio('medium'), 'ok', light);
  expect(visibleTexts(up)).toEqual(['Portfolio', '10123.45 USDT', '24 h', '+123.45 (+1.23%)']);
  expect(up.rows[1].cells[1].color).toBe(PALETTES.light.up);
  expect(up.rows[2].spark?.levels).toHaveLength(17);
  const down = layoutWidget('portfolio', 'large', portfolio('large', '-50.00'), 'ok', dark);
  expect(down.rows[1].cells[1]).toMatchObject({ text: '-50.00 (-1.23%)', color: PALETTES.dark.down });
  expect(visibleTexts(down)).toEqual(expect.arrayContaining(['BTC', '60.00%', 'USDT', '40.00%']));
  expect(layoutWidget('portfolio', 'small', portfolio('small'), 'ok', light).rows.some((r) => r.spark)).toBe(false);
});

it('watchlist rows deep-link each symbol to its market screen', () => {
  const model = layoutWidget('watchlist', 'large', watchlist('large'), 'ok', light);
  expect(model.rows).toHaveLength(6);
  expect(model.rows.map((row) => row.link)).toEqual([
    'cryptoorchestrator://market/BTC-USDT',
    'cryptoorchestrator://market/ETH-USDT',
    'cryptoorchestrator://market/SOL-USDT',
    'cryptoorchestrator://market/BNB-USDT',
    'cryptoorchestrator://market/XRP-USDT',
    'cryptoorchestrator://market/ADA-USDT',
  ]);
  expect(model.rows[0].cells.map((c) => c.text)).toEqual(['BTC/USDT', '100.5000', '+3.10%']);
  expect(model.rows[1].cells[2]).toMatchObject({ text: '-2.50%', color: PALETTES.light.down });
  expect(layoutWidget('watchlist', 'small', watchlist('small'), 'ok', light).rows).toHaveLength(2);
});

it('long names are clipped for display but the deep link keeps the whole symbol', () => {
  const model = layoutWidget('watchlist', 'small', watchlist('small', [LONG, 'BTC/USDT']), 'ok', light);
  expect(model.rows[0].cells[0].text).toBe(clipText(LONG, 10));
  expect(model.rows[0].cells[0].text.endsWith('…')).toBe(true);
  expect(model.rows[0].link).toBe(`cryptoorchestrator://market/${encodeURIComponent(LONG.replace('/', '-'))}`);
  expect(clipText('🚀🚀🚀🚀', 3)).toBe('🚀🚀…'); // by character, not UTF-16 unit
});

it('bots: running count, an error banner and each bot linked to its detail', () => {
  const model = layoutWidget('bots', 'large', bots('large', 1), 'ok', dark);
  const texts = visibleTexts(model);
  expect(texts).toEqual(expect.arrayContaining(['2 running', '⚠ 1 in error', 'Grid BTC', '+12.50', '–']));
  expect(model.rows[1].cells[0].color).toBe(PALETTES.dark.danger);
  const botRows = model.rows.filter((row) => row.link);
  expect(botRows.map((row) => row.link)).toEqual(['cryptoorchestrator://bots/b1', 'cryptoorchestrator://bots/b2', 'cryptoorchestrator://bots/b3']);
  expect(botRows[1].cells[1]).toMatchObject({ text: 'error', color: PALETTES.dark.danger });
  expect(visibleTexts(layoutWidget('bots', 'medium', EMPTY.bots('medium'), 'ok', light))).toContain('No bots yet');
});

it('alerts and signal say "none yet" when the server has nothing', () => {
  expect(visibleTexts(layoutWidget('alerts', 'medium', EMPTY.alerts('medium'), 'ok', light))).toContain('No alert triggered yet');
  expect(visibleTexts(layoutWidget('signal', 'small', EMPTY.signal('small'), 'ok', light))).toContain('No signal yet');
  const strongest = layoutWidget('signal', 'medium', signal('medium'), 'ok', light);
  expect(strongest.rows[0].cells.map((c) => c.text)).toEqual(['ETH/USDT', 'Sell 87%']);
  expect(strongest.rows[0].cells[1].color).toBe(PALETTES.light.down);
});

it('error and signed-out states', () => {
  const offline = layoutWidget('portfolio', 'medium', null, 'error', light);
  expect(visibleTexts(offline)).toEqual(['Portfolio', 'Offline: showing the last update']);
  const stale = layoutWidget('watchlist', 'medium', watchlist('medium'), 'error', { ...light, stale: true });
  expect(stale.footer).toMatchObject({ text: 'Offline: showing the last update', color: PALETTES.light.danger });
  expect(stale.rows).toHaveLength(4);
  const signedOut = layoutWidget('bots', 'small', null, 'signed-out', dark);
  expect(visibleTexts(signedOut)).toEqual(['Bots', 'Open the app to connect this widget']);
  expect(layoutWidget('bots', 'small', null, 'ok', dark).state).toBe('empty');
});

it('right-to-left mirrors every row and the title', () => {
  const ltr = layoutWidget('watchlist', 'medium', watchlist('medium'), 'ok', light);
  const rtl = layoutWidget('watchlist', 'medium', watchlist('medium'), 'ok', { ...light, rtl: true });
  expect(rtl.rtl).toBe(true);
  expect(rtl.title.align).toBe('right');
  expect(rtl.rows[0].cells.map((c) => c.text)).toEqual([...ltr.rows[0].cells.map((c) => c.text)].reverse());
  expect(rtl.rows[0].cells.map((c) => c.align)).toEqual(['left', 'left', 'right']);
});

it('strings are passed in: a translation replaces every label', () => {
  const german: Record<string, string> = { 'widgets.portfolio': 'Depot', 'widgets.dayChange': '24 Std.', 'widgets.updatedAt': 'Stand {{time}}' };
  const t = (key: string, options?: Record<string, unknown>) =>
    (german[key] ?? key).replace('{{time}}', String(options?.time ?? ''));
  const model = layoutWidget('portfolio', 'medium', portfolio('medium'), 'ok', {
    theme: 'light',
    strings: widgetStrings(t),
    formatTime: (unix) => (unix === T ? '15:00' : '?'),
  });
  expect(visibleTexts(model)).toEqual(['Depot', '10123.45 USDT', '24 Std.', '+123.45 (+1.23%)', 'Stand 15:00']);
});

it('widget size follows the placed dimensions', () => {
  expect(sizeForDimensions(110, 110)).toBe('small');
  expect(sizeForDimensions(320, 110)).toBe('medium');
  expect(sizeForDimensions(320, 320)).toBe('large');
});

it('an alert about no single symbol has no market link', () => {
  const payload = { v: 1 as const, k: 'alerts' as const, s: 'm' as const, t: T, a: { i: 'a1', at: T, m: 'Portfolio down 5%' } };
  const model = layoutWidget('alerts', 'medium', payload, 'ok', { ...light, formatTime: () => '14:59' });
  expect(visibleTexts(model)).toEqual(['Alerts', 'Alerts', '14:59', 'Portfolio down 5%', 'Updated 14:59']);
  expect(model.rows.every((row) => row.link === undefined)).toBe(true);
});
