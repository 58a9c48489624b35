/** The widget token and kept snapshots in expo-secure-store (readable by the headless task). */
import * as SecureStore from 'expo-secure-store';
import { WIDGET_KINDS, WIDGET_SIZES, type WidgetKind, type WidgetSize } from './payload';
import type { KeptSnapshot, SnapshotStore } from './snapshots';

export const WIDGET_TOKEN_KEY = 'co.widget.token';
/** The id of the stored token (as `widgetTokens` lists it): settings marks it "this phone". */
export const WIDGET_TOKEN_ID_KEY = 'co.widget.tokenId';

function snapshotKey(kind: WidgetKind, size: WidgetSize): string {
  return `co.widget.snapshot.${kind}.${size}`;
}

/**
 * Called by settings after `createWidgetToken` with the secret and its id; null removes the token
 * and every kept snapshot (after `revokeWidgetToken` or at sign-out: the widgets must never show
 * the old account's numbers again).
 */
export async function saveWidgetToken(token: string | null, id: string | null = null): Promise<void> {
  if (token !== null) {
    // A new token may belong to another account than the kept snapshots: start clean.
    await clearSnapshots();
    await SecureStore.setItemAsync(WIDGET_TOKEN_KEY, token);
    if (id !== null) await SecureStore.setItemAsync(WIDGET_TOKEN_ID_KEY, id);
    else await SecureStore.deleteItemAsync(WIDGET_TOKEN_ID_KEY);
    return;
  }
  await SecureStore.deleteItemAsync(WIDGET_TOKEN_KEY);
  await SecureStore.deleteItemAsync(WIDGET_TOKEN_ID_KEY);
  await clearSnapshots();
}

/** The id of the token this phone's widgets use, or null when none is stored. */
export async function savedWidgetTokenId(): Promise<string | null> {
  if (!(await SecureStore.getItemAsync(WIDGET_TOKEN_KEY))) return null;
  return SecureStore.getItemAsync(WIDGET_TOKEN_ID_KEY);
}

async function clearSnapshots(): Promise<void> {
  for (const kind of WIDGET_KINDS) {
    for (const size of WIDGET_SIZES) await SecureStore.deleteItemAsync(snapshotKey(kind, size));
  }
}

export const secureSnapshotStore: SnapshotStore = {
  token: () => SecureStore.getItemAsync(WIDGET_TOKEN_KEY),
  async load(kind, size) {
    const text = await SecureStore.getItemAsync(snapshotKey(kind, size));
    if (!text) return null;
    try {
      const kept = JSON.parse(text) as KeptSnapshot;
      return typeof kept.etag === 'string' && typeof kept.body === 'string' ? kept : null;
    } catch {
      return null;
    }
  },
  save: (kind, size, snapshot) => SecureStore.setItemAsync(snapshotKey(kind, size), JSON.stringify(snapshot)),
  clear: (kind, size) => SecureStore.deleteItemAsync(snapshotKey(kind, size)),
};
