/**
 * The widget task handler's fetch: GET /widgets/{kind}?size= with the widget token and the last
 * ETag; a 304 reuses the kept payload, a failure shows the kept one marked stale.
 */
import { readPayload, type WidgetKind, type WidgetPayload, type WidgetSize } from './payload';
import type { WidgetState } from './layout';

export interface KeptSnapshot {
  etag: string;
  body: string;
}

/** Where the widget token and the last snapshot of each widget are kept. */
export interface SnapshotStore {
  token(): Promise<string | null>;
  load(kind: WidgetKind, size: WidgetSize): Promise<KeptSnapshot | null>;
  save(kind: WidgetKind, size: WidgetSize, snapshot: KeptSnapshot): Promise<void>;
  clear(kind: WidgetKind, size: WidgetSize): Promise<void>;
}

export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type HttpGet = (url: string, init: { headers: Record<string, string> }) => Promise<HttpResponse>;

export interface SnapshotResult {
  state: WidgetState;
  payload: WidgetPayload | null;
  /** The payload is the kept one because this fetch failed. */
  stale: boolean;
}

function parse(body: string, kind: WidgetKind): WidgetPayload | null {
  try {
    return readPayload(JSON.parse(body), kind);
  } catch {
    return null;
  }
}

export function widgetUrl(baseUrl: string, kind: WidgetKind, size: WidgetSize): string {
  return `${baseUrl.replace(/\/+$/, '')}/widgets/${kind}?size=${size}`;
}

export async function refreshSnapshot(options: {
  baseUrl: string;
  kind: WidgetKind;
  size: WidgetSize;
  store: SnapshotStore;
  get: HttpGet;
}): Promise<SnapshotResult> {
  const { baseUrl, kind, size, store, get } = options;
  const token = await store.token();
  if (!token) return { state: 'signed-out', payload: null, stale: false };
  const kept = await store.load(kind, size);
  const keptPayload = kept ? parse(kept.body, kind) : null;
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
  if (kept && keptPayload) headers['If-None-Match'] = kept.etag;
  let response: HttpResponse;
  try {
    response = await get(widgetUrl(baseUrl, kind, size), { headers });
  } catch {
    return { state: 'error', payload: keptPayload, stale: keptPayload !== null };
  }
  if (response.status === 304 && keptPayload) return { state: 'ok', payload: keptPayload, stale: false };
  if (response.status === 401 || response.status === 403) {
    await store.clear(kind, size); // revoked: never show the old account's numbers again
    return { state: 'signed-out', payload: null, stale: false };
  }
  if (response.status === 200) {
    const body = await response.text();
    const payload = parse(body, kind);
    const etag = response.headers.get('etag');
    if (payload) {
      if (etag) await store.save(kind, size, { etag, body });
      return { state: 'ok', payload, stale: false };
    }
  }
  return { state: 'error', payload: keptPayload, stale: keptPayload !== null };
}
