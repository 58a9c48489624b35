import { useEffect, useRef } from 'react';
import { Platform } from 'react-native';

export type Shortcut = 'buy' | 'sell' | 'close' | 'search' | 'help';

/** The shortcut list (shown by "?"): key label and what it does. */
export const SHORTCUTS: { key: string; action: Shortcut }[] = [
  { key: 'B', action: 'buy' },
  { key: 'S', action: 'sell' },
  { key: 'Esc', action: 'close' },
  { key: '/', action: 'search' },
  { key: '?', action: 'help' },
];

interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  target?: unknown;
  preventDefault?: () => void;
}

function isTyping(target: unknown): boolean {
  const t = target as { tagName?: string; isContentEditable?: boolean } | null | undefined;
  const tag = t?.tagName?.toUpperCase();
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || Boolean(t?.isContentEditable);
}

/** The shortcut a key press means; letters are ignored while typing in a field (Esc never is). */
export function shortcutFor(event: KeyLike): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'close';
  if (isTyping(event.target)) return null;
  switch (event.key) {
    case 'b':
    case 'B':
      return 'buy';
    case 's':
    case 'S':
      return 'sell';
    case '/':
      return 'search';
    case '?':
      return 'help';
    default:
      return null;
  }
}

interface KeyTarget {
  addEventListener(type: 'keydown', listener: (e: KeyLike) => void): void;
  removeEventListener(type: 'keydown', listener: (e: KeyLike) => void): void;
}

/**
 * Keyboard shortcuts on web (and tablets with a keyboard running the web build): B buy, S sell,
 * Esc close, / search, ? help. Handlers not given are left to the browser.
 */
export function useKeyboardShortcuts(
  handlers: Partial<Record<Shortcut, () => void>>,
  target: KeyTarget | undefined = Platform.OS === 'web' ? (globalThis as { document?: KeyTarget }).document : undefined,
): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!target) return;
    const listener = (event: KeyLike) => {
      const shortcut = shortcutFor(event);
      const handler = shortcut ? latest.current[shortcut] : undefined;
      if (handler) {
        event.preventDefault?.();
        handler();
      }
    };
    target.addEventListener('keydown', listener);
    return () => target.removeEventListener('keydown', listener);
  }, [target]);
}
