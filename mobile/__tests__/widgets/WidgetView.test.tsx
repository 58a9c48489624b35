/**
 * The Android components themselves: the library turns the JSX into the tree its native side
 * draws (buildWidgetTree); only the native module, which jest has no device for, is stubbed.
 */
import { buildWidgetTree, type WidgetTree } from 'react-native-android-widget/src/api/build-widget-tree';
import { layoutWidget, type LayoutOptions } from '../../src/widgets/layout';
import { WIDGET_KINDS, WIDGET_SIZES } from '../../src/widgets/payload';
import { ENGLISH } from '../../src/widgets/strings';
import { WidgetView } from '../../src/widgets/WidgetView.android';
import { bots, NORMAL, watchlist } from './samples';

jest.mock('react-native-android-widget/src/NativeAndroidWidget', () => ({ __esModule: true, default: {} }));

interface Node {
  type: string;
  props: Record<string, unknown>;
  children?: Node[];
}

function walk(tree: WidgetTree): Node[] {
  const node = tree as unknown as Node;
  return [node, ...(node.children ?? []).flatMap((child) => walk(child as unknown as WidgetTree))];
}

const options: LayoutOptions = { theme: 'dark', strings: ENGLISH };

it('every kind and size builds a valid native widget tree', () => {
  for (const kind of WIDGET_KINDS) {
    for (const size of WIDGET_SIZES) {
      const model = layoutWidget(kind, size, NORMAL[kind](size), 'ok', options);
      const nodes = walk(buildWidgetTree(<WidgetView model={model} />));
      const texts = nodes.filter((n) => n.type === 'TextWidget').map((n) => n.props.text);
      expect(texts[0]).toBe(ENGLISH[kind]);
      expect(texts.length).toBeGreaterThan(1);
    }
  }
});

it('watchlist rows open the market deep link and draw sparklines', () => {
  const model = layoutWidget('watchlist', 'large', watchlist('large'), 'ok', options);
  const nodes = walk(buildWidgetTree(<WidgetView model={model} />));
  const uris = nodes.filter((n) => n.props.clickAction === 'OPEN_URI').map((n) => (n.props.clickActionData as { uri: string }).uri);
  expect(uris).toEqual(['cryptoorchestrator://markets', ...watchlist('large').w.map((r) => `cryptoorchestrator://market/${r.y.replace('/', '-')}`)]);
  expect(nodes.filter((n) => n.type === 'SvgWidget')).toHaveLength(6);
});

it('bot rows open the bot detail', () => {
  const model = layoutWidget('bots', 'large', bots('large', 1), 'ok', options);
  const nodes = walk(buildWidgetTree(<WidgetView model={model} />));
  const uris = nodes.filter((n) => n.props.clickAction === 'OPEN_URI').map((n) => (n.props.clickActionData as { uri: string }).uri);
  expect(uris).toContain('cryptoorchestrator://bots/b2');
  expect(nodes.find((n) => n.props.text === '⚠ 1 in error')).toBeDefined();
});
