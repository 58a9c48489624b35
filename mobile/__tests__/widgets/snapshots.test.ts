import { readPayload, sparkLevels } from '../../src/widgets/payload';
import { refreshSnapshot, widgetUrl, type HttpGet, type KeptSnapshot, type SnapshotStore } from '../../src/widgets/snapshots';
import { sparklineSvg } from '../../src/widgets/sparkline';
import { widgetKindFor } from '../../src/widgets/config';
import { portfolio } from './samples';

function memoryStore(token: string | null): SnapshotStore & { kept: Map<string, KeptSnapshot> } {
  const kept = new Map<string, KeptSnapshot>();
  return {
    kept,
    token: async () => token,
    load: async (kind, size) => kept.get(`${kind}.${size}`) ?? null,
    save: async (kind, size, snapshot) => void kept.set(`${kind}.${size}`, snapshot),
    clear: async (kind, size) => void kept.delete(`${kind}.${size}`),
  };
}

function server(answers: { status: number; body?: string; etag?: string }[]) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const get: HttpGet = async (url, init) => {
    calls.push({ url, headers: init.headers });
    const answer = answers.shift();
    if (!answer) throw new Error('network down');
    return {
      status: answer.status,
      headers: { get: (name: string) => (name.toLowerCase() === 'etag' ? (answer.etag ?? null) : null) },
      text: async () => answer.body ?? '',
    };
  };
  return { get, calls };
}

const BODY = JSON.stringify(portfolio('medium'));
const base = { baseUrl: 'http://api.test/', kind: 'portfolio' as const, size: 'medium' as const };

it('fetches with the widget token, keeps the ETag and sends it next time (304 reuses)', async () => {
  const store = memoryStore('co_widget');
  const { get, calls } = server([{ status: 200, body: BODY, etag: '"e1"' }, { status: 304, etag: '"e1"' }]);
  const first = await refreshSnapshot({ ...base, store, get });
  expect(first).toEqual({ state: 'ok', payload: JSON.parse(BODY), stale: false });
  expect(calls[0].url).toBe('http://api.test/widgets/portfolio?size=medium');
  expect(calls[0].headers.Authorization).toBe('Bearer co_widget');
  expect(calls[0].headers['If-None-Match']).toBeUndefined();
  const second = await refreshSnapshot({ ...base, store, get });
  expect(calls[1].headers['If-None-Match']).toBe('"e1"');
  expect(second.payload).toEqual(first.payload);
});

it('a failed fetch shows the kept payload marked stale; none kept shows offline', async () => {
  const store = memoryStore('co_widget');
  store.kept.set('portfolio.medium', { etag: '"e1"', body: BODY });
  const down = await refreshSnapshot({ ...base, store, get: server([]).get });
  expect(down).toEqual({ state: 'error', payload: JSON.parse(BODY), stale: true });
  const empty = await refreshSnapshot({ ...base, store: memoryStore('co_widget'), get: server([{ status: 500 }]).get });
  expect(empty).toEqual({ state: 'error', payload: null, stale: false });
});

it('no token or a revoked one is signed-out and forgets the kept numbers', async () => {
  expect((await refreshSnapshot({ ...base, store: memoryStore(null), get: server([]).get })).state).toBe('signed-out');
  const store = memoryStore('co_revoked');
  store.kept.set('portfolio.medium', { etag: '"e1"', body: BODY });
  const revoked = await refreshSnapshot({ ...base, store, get: server([{ status: 401 }]).get });
  expect(revoked).toEqual({ state: 'signed-out', payload: null, stale: false });
  expect(store.kept.size).toBe(0);
});

it('a payload of another version or kind is not shown', async () => {
  expect(readPayload({ ...portfolio('small'), v: 2 }, 'portfolio')).toBeNull();
  expect(readPayload(portfolio('small'), 'bots')).toBeNull();
  const store = memoryStore('co_widget');
  const odd = await refreshSnapshot({ ...base, store, get: server([{ status: 200, body: '{"v":2}', etag: '"x"' }]).get });
  expect(odd.state).toBe('error');
  expect(store.kept.size).toBe(0);
});

it('sparklines decode to levels and draw as an SVG polyline', () => {
  expect(sparkLevels('09AZaz-_')).toEqual([0, 9, 10, 35, 36, 61, 62, 63]);
  expect(sparkLevels(undefined)).toEqual([]);
  const svg = sparklineSvg([0, 63], 100, 20, '#047857');
  expect(svg).toContain('points="0.0,19.0 100.0,1.0"');
  expect(svg).toContain('stroke="#047857"');
  expect(widgetUrl('http://x', 'bots', 'small')).toBe('http://x/widgets/bots?size=small');
  expect(widgetKindFor('Watchlist')).toBe('watchlist');
  expect(widgetKindFor('Nope')).toBeNull();
});
