/** The widget token and kept snapshots in expo-secure-store (readable by the headless task). */
import * as SecureStore from 'expo-secure-store';
import type { WidgetKind, WidgetSize } from './payload';
import type { KeptSnapshot, SnapshotStore } from './snapshots';

export const WIDGET_TOKEN_KEY = 'co.widget.token';

function snapshotKey(kind: WidgetKind, size: WidgetSize): string {
  return `co.widget.snapshot.${kind}.${size}`;
}

/** Called by settings after `createWidgetToken`; null removes it (after `revokeWidgetToken`). */
export async function saveWidgetToken(token: string | null): Promise<void> {
  if (token === null) await SecureStore.deleteItemAsync(WIDGET_TOKEN_KEY);
  else await SecureStore.setItemAsync(WIDGET_TOKEN_KEY, token);
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
