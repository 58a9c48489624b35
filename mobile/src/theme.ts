import { useColorScheme } from 'react-native';

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
};

/** Light or dark, following the system setting. */
export function useTheme(): Theme {
  return useColorScheme() === 'dark' ? dark : light;
}
