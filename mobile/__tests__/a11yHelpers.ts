import { screen } from '@testing-library/react-native';
import { StyleSheet } from 'react-native';

const INTERACTIVE = ['button', 'radio', 'link', 'checkbox', 'switch', 'tab'] as const;

/** Every control has a label and a touch target of at least 44 × 44 pt (as in a11y.test.tsx). */
export function expectAccessibleControls() {
  const controls = INTERACTIVE.flatMap((role) => screen.queryAllByRole(role));
  expect(controls.length).toBeGreaterThan(0);
  for (const node of controls) {
    const label = node.props.accessibilityLabel;
    const style = StyleSheet.flatten(node.props.style) ?? {};
    const height = Math.max(Number(style.minHeight ?? 0), Number(style.height ?? 0));
    const width = Math.max(Number(style.minWidth ?? 0), Number(style.width ?? 0));
    const wideEnough = width >= 44 || style.flex === 1 || style.alignSelf === 'stretch' || width === 0;
    expect([label, typeof label === 'string' && label.length > 0]).toEqual([label, true]);
    expect([label, height >= 44, wideEnough]).toEqual([label, true, true]);
  }
}
