import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useColorScheme } from 'react-native';
import { loadPref, PREF_ACCENT, PREF_THEME, savePref } from './storage/prefs';

export interface Theme {
  dark: boolean;
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  accent: string;
  onAccent: string;
  up: string;
  down: string;
  danger: string;
  /** Depth bars behind the order book's bids and asks (decorative, text stays on background). */
  bidBar: string;
  askBar: string;
}

export const light: Theme = {
  dark: false,
  background: '#ffffff',
  surface: '#f3f5f8',
  text: '#111827',
  muted: '#4b5563',
  border: '#d1d5db',
  accent: '#1d4ed8',
  onAccent: '#ffffff',
  up: '#047857',
  down: '#b91c1c',
  danger: '#b91c1c',
  bidBar: 'rgba(4, 120, 87, 0.10)',
  askBar: 'rgba(185, 28, 28, 0.10)',
};

export const dark: Theme = {
  dark: true,
  background: '#0b0f17',
  surface: '#161b26',
  text: '#f3f4f6',
  muted: '#9ca3af',
  border: '#2d3443',
  accent: '#60a5fa',
  onAccent: '#0b0f17',
  up: '#34d399',
  down: '#f87171',
  danger: '#f87171',
  bidBar: 'rgba(52, 211, 153, 0.12)',
  askBar: 'rgba(248, 113, 113, 0.12)',
};

/** Custom accents: each has a light and a dark shade that keeps ≥ 4.5:1 contrast (tested). */
export const ACCENTS = {
  blue: { light: '#1d4ed8', dark: '#60a5fa' },
  violet: { light: '#6d28d9', dark: '#a78bfa' },
  teal: { light: '#0f766e', dark: '#2dd4bf' },
  orange: { light: '#b23c0a', dark: '#fb923c' },
  pink: { light: '#be185d', dark: '#f472b6' },
} as const;
export type AccentName = keyof typeof ACCENTS;
export const ACCENT_NAMES = Object.keys(ACCENTS) as AccentName[];

export type ThemeMode = 'system' | 'light' | 'dark';
export const THEME_MODES: ThemeMode[] = ['system', 'light', 'dark'];

/** The theme for a resolved scheme and accent. */
export function themeFor(scheme: 'light' | 'dark', accent: AccentName = 'blue'): Theme {
  const base = scheme === 'dark' ? dark : light;
  return { ...base, accent: ACCENTS[accent][scheme] };
}

interface ThemeSettings {
  mode: ThemeMode;
  accent: AccentName;
  setMode(mode: ThemeMode): void;
  setAccent(accent: AccentName): void;
}

const ThemeContext = createContext<ThemeSettings | null>(null);

/** Holds the theme preference (system/light/dark + accent), persisted on the device. */
export function ThemeProvider({ children, initialMode, initialAccent }: { children: ReactNode; initialMode?: ThemeMode; initialAccent?: AccentName }) {
  const [mode, setModeState] = useState<ThemeMode>(initialMode ?? 'system');
  const [accent, setAccentState] = useState<AccentName>(initialAccent ?? 'blue');
  useEffect(() => {
    if (initialMode !== undefined) return;
    let alive = true;
    void Promise.all([loadPref(PREF_THEME), loadPref(PREF_ACCENT)]).then(([m, a]) => {
      if (!alive) return;
      if (m && (THEME_MODES as string[]).includes(m)) setModeState(m as ThemeMode);
      if (a && a in ACCENTS) setAccentState(a as AccentName);
    });
    return () => {
      alive = false;
    };
  }, [initialMode]);
  const setMode = useCallback((next: ThemeMode) => {
    setModeState(next);
    void savePref(PREF_THEME, next);
  }, []);
  const setAccent = useCallback((next: AccentName) => {
    setAccentState(next);
    void savePref(PREF_ACCENT, next);
  }, []);
  const value = useMemo(() => ({ mode, accent, setMode, setAccent }), [mode, accent, setMode, setAccent]);
  return createElement(ThemeContext.Provider, { value }, children);
}

const DEFAULT_SETTINGS: ThemeSettings = { mode: 'system', accent: 'blue', setMode: () => undefined, setAccent: () => undefined };

export function useThemeSettings(): ThemeSettings {
  return useContext(ThemeContext) ?? DEFAULT_SETTINGS;
}

/** The current theme: the chosen mode (or the system's) with the chosen accent. */
export function useTheme(): Theme {
  const system = useColorScheme();
  const { mode, accent } = useThemeSettings();
  const scheme = mode === 'system' ? (system === 'dark' ? 'dark' : 'light') : mode;
  return useMemo(() => themeFor(scheme, accent), [scheme, accent]);
}
