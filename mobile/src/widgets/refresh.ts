/** Home-screen widgets are Android-only here (see refresh.android.ts): nothing to redraw. */
import type { WidgetKind } from './payload';

export async function refreshWidgets(_kinds?: readonly WidgetKind[]): Promise<void> {}

export async function refreshAllWidgets(): Promise<void> {}
