/** Home-screen widgets are Android-only in this app: no preview elsewhere (web, iOS). */
import type { LayoutOptions } from './layout';

export function WidgetPreviews(_props: { options: LayoutOptions }) {
  return null;
}
