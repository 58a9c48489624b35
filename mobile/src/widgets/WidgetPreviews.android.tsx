/** In-app previews of the home-screen widgets (Android settings), from the kept snapshots. */
import { useEffect, useState } from 'react';
import { View } from 'react-native';
import { WidgetPreview } from 'react-native-android-widget';
import { ANDROID_WIDGETS } from './config';
import { layoutWidget, type LayoutOptions } from './layout';
import { readPayload, type WidgetPayload } from './payload';
import { secureSnapshotStore } from './store';
import { WidgetView } from './WidgetView.android';

export function WidgetPreviews({ options }: { options: LayoutOptions }) {
  const [payloads, setPayloads] = useState<Record<string, WidgetPayload | null>>({});
  useEffect(() => {
    let live = true;
    (async () => {
      const found: Record<string, WidgetPayload | null> = {};
      for (const widget of ANDROID_WIDGETS) {
        const kept = await secureSnapshotStore.load(widget.kind, 'medium');
        found[widget.kind] = kept ? readPayload(JSON.parse(kept.body), widget.kind) : null;
      }
      if (live) setPayloads(found);
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <View style={{ gap: 12 }}>
      {ANDROID_WIDGETS.map((widget) => (
        <WidgetPreview
          key={widget.name}
          width={320}
          height={160}
          renderWidget={() => (
            <WidgetView model={layoutWidget(widget.kind, 'medium', payloads[widget.kind] ?? null, 'ok', options)} />
          )}
        />
      ))}
    </View>
  );
}
