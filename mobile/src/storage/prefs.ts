import { Platform } from 'react-native';
import * as SecureStore from 'expo-secure-store';

/** Small app preferences (theme, accent, language): localStorage on web, the secure store on native. */
export async function loadPref(key: string): Promise<string | null> {
  try {
    if (Platform.OS === 'web') return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
    return await SecureStore.getItemAsync(key);
  } catch {
    return null;
  }
}

export async function savePref(key: string, value: string): Promise<void> {
  try {
    if (Platform.OS === 'web') {
      if (typeof localStorage !== 'undefined') localStorage.setItem(key, value);
      return;
    }
    await SecureStore.setItemAsync(key, value);
  } catch {
    // A preference that cannot be stored only means it is not remembered next time.
  }
}

export const PREF_THEME = 'co.pref.theme';
export const PREF_ACCENT = 'co.pref.accent';
export const PREF_LANGUAGE = 'co.pref.language';
/** The multi-chart grid: layout (1/2/4) and each pane's symbol and timeframe (JSON). */
export const PREF_CHART_GRID = 'co.pref.chartGrid';
