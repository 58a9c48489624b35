import type { ReactNode } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import type { CombinedError } from 'urql';
import { useTheme } from '../../theme';
import { fieldStyles } from '../controls';

/** Building blocks of the bots, backtest and alerts screens (44 pt targets, roles and labels);
 * buttons and text fields are the app's own (../controls). */

/** One choice of a radio group. */
export function Chip({ label, selected, onPress, testID }: { label: string; selected: boolean; onPress: () => void; testID?: string }) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityLabel={label}
      accessibilityState={{ selected, checked: selected }}
      onPress={onPress}
      style={[ui.chip, { borderColor: selected ? theme.accent : theme.border, backgroundColor: selected ? theme.accent : 'transparent' }]}
      testID={testID}
    >
      <Text style={{ color: selected ? theme.onAccent : theme.text, fontWeight: selected ? '700' : '400' }}>{label}</Text>
    </Pressable>
  );
}

export function ChipGroup({ label, children }: { label: string; children: ReactNode }) {
  const theme = useTheme();
  return (
    <View style={fieldStyles.field}>
      <Text style={{ color: theme.muted, marginBottom: 4 }}>{label}</Text>
      <View accessibilityRole="radiogroup" accessibilityLabel={label} style={ui.chips}>
        {children}
      </View>
    </View>
  );
}

export function SectionHeader({ children }: { children: string }) {
  const theme = useTheme();
  return (
    <Text accessibilityRole="header" style={[ui.section, { color: theme.text }]}>
      {children}
    </Text>
  );
}

/** A label / value line. */
export function Stat({ label, value, color, testID }: { label: string; value: string; color?: string; testID?: string }) {
  const theme = useTheme();
  return (
    <View style={ui.stat} testID={testID}>
      <Text style={{ color: theme.muted, fontSize: 13 }}>{label}</Text>
      <Text style={{ color: color ?? theme.text, fontSize: 15, fontWeight: '600' }}>{value}</Text>
    </View>
  );
}

/** The field a BAD_USER_INPUT names (`extensions.field`, e.g. "params.levels") and the server's message. */
export function fieldError(error: CombinedError | undefined | null): { field: string; message: string } | null {
  const gql = error?.graphQLErrors.find((e) => e.extensions?.code === 'BAD_USER_INPUT' && typeof e.extensions?.field === 'string');
  if (!gql) return null;
  return { field: String(gql.extensions.field), message: gql.message };
}

/** The server's error code (extensions.code), if any. */
export function errorCode(error: CombinedError | undefined | null): string | null {
  const code = error?.graphQLErrors.find((e) => e.extensions?.code)?.extensions?.code;
  return typeof code === 'string' ? code : null;
}

export const ui = StyleSheet.create({
  content: { padding: 16, paddingBottom: 48 },
  chip: { minHeight: 44, minWidth: 44, borderWidth: 1, borderRadius: 22, paddingHorizontal: 14, alignItems: 'center', justifyContent: 'center' },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  section: { fontSize: 18, fontWeight: '600', marginTop: 16, marginBottom: 8 },
  row: { flexDirection: 'row', alignItems: 'center', paddingVertical: 10, borderBottomWidth: StyleSheet.hairlineWidth, minHeight: 56, gap: 8 },
  actions: { flexDirection: 'row', flexWrap: 'wrap', gap: 8, marginVertical: 8 },
  stat: { minWidth: '45%', flexGrow: 1, paddingVertical: 6 },
  stats: { flexDirection: 'row', flexWrap: 'wrap', gap: 8 },
  card: { borderWidth: StyleSheet.hairlineWidth, borderRadius: 12, padding: 12, marginBottom: 10 },
  toggle: { minHeight: 44, flexDirection: 'row', alignItems: 'center', gap: 10, alignSelf: 'stretch', marginVertical: 4 },
  box: { width: 24, height: 24, borderWidth: 2, borderRadius: 4, alignItems: 'center', justifyContent: 'center' },
});

/** An on/off option (checkbox role, 44 pt). */
export function Toggle({ label, value, onChange, testID }: { label: string; value: boolean; onChange: (v: boolean) => void; testID?: string }) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="checkbox"
      accessibilityLabel={label}
      accessibilityState={{ checked: value }}
      aria-checked={value}
      onPress={() => onChange(!value)}
      style={[ui.toggle, { borderColor: theme.border }]}
      testID={testID}
    >
      <View style={[ui.box, { borderColor: theme.accent, backgroundColor: value ? theme.accent : 'transparent' }]}>
        {value ? <Text style={{ color: theme.onAccent, fontWeight: '700' }}>✓</Text> : null}
      </View>
      <Text style={{ color: theme.text, flexShrink: 1 }}>{label}</Text>
    </Pressable>
  );
}
