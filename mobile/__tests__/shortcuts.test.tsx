import { render } from '@testing-library/react-native';
import { shortcutFor, useKeyboardShortcuts, type Shortcut } from '../src/hooks/useKeyboardShortcuts';

test('keys map to shortcuts; letters are ignored while typing, Esc never is', () => {
  expect(shortcutFor({ key: 'b' })).toBe('buy');
  expect(shortcutFor({ key: 'B' })).toBe('buy');
  expect(shortcutFor({ key: 's' })).toBe('sell');
  expect(shortcutFor({ key: 'Escape' })).toBe('close');
  expect(shortcutFor({ key: '/' })).toBe('search');
  expect(shortcutFor({ key: '?' })).toBe('help');
  expect(shortcutFor({ key: 'x' })).toBeNull();
  expect(shortcutFor({ key: 'b', target: { tagName: 'input' } })).toBeNull();
  expect(shortcutFor({ key: 'Escape', target: { tagName: 'INPUT' } })).toBe('close');
  expect(shortcutFor({ key: 's', ctrlKey: true })).toBeNull();
});

function Harness({ target, onShortcut }: { target: EventTarget; onShortcut(s: Shortcut): void }) {
  useKeyboardShortcuts(
    { buy: () => onShortcut('buy'), sell: () => onShortcut('sell'), close: () => onShortcut('close'), help: () => onShortcut('help') },
    target as never,
  );
  return null;
}

test('the hook runs handlers for key presses on its target and stops listening on unmount', async () => {
  const target = new EventTarget();
  const seen: Shortcut[] = [];
  const press = (key: string) => {
    const event = new Event('keydown', { cancelable: true });
    Object.assign(event, { key });
    target.dispatchEvent(event);
    return event;
  };
  const view = await render(<Harness target={target} onShortcut={(s) => seen.push(s)} />);
  press('b');
  press('s');
  const esc = press('Escape');
  press('?');
  press('/'); // no search handler given: left to the browser
  expect(seen).toEqual(['buy', 'sell', 'close', 'help']);
  expect(esc.defaultPrevented).toBe(true);
  await view.unmount();
  press('b');
  expect(seen).toHaveLength(4);
});
