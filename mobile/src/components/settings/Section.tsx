import type { ReactNode } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useTheme } from '../../theme';

/** Stacked controls in settings sit 8 pt under what is above them (a Button's `style`). */
export const spaced = { marginTop: 8 } as const;

export function Section({ title, hint, children, testID }: { title: string; hint?: string; children: ReactNode; testID?: string }) {
  const theme = useTheme();
  return (
    <View style={[styles.section, { borderColor: theme.border }]} testID={testID}>
      <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
        {title}
      </Text>
      {hint ? <Text style={{ color: theme.muted, marginBottom: 8 }}>{hint}</Text> : null}
      {children}
    </View>
  );
}

export function Choice({ label, selected, onPress, testID, swatch }: { label: string; selected: boolean; onPress(): void; testID?: string; swatch?: string }) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="radio"
      accessibilityLabel={label}
      accessibilityState={{ selected, checked: selected }}
      aria-checked={selected}
      onPress={onPress}
      style={[styles.choice, { borderColor: selected ? theme.accent : theme.border, backgroundColor: selected ? theme.surface : 'transparent' }]}
      testID={testID}
    >
      {swatch ? <View style={[styles.swatch, { backgroundColor: swatch }]} /> : null}
      <Text style={{ color: theme.text, fontWeight: selected ? '700' : '400' }}>{label}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  section: { paddingVertical: 16, borderBottomWidth: StyleSheet.hairlineWidth },
  title: { fontSize: 18, fontWeight: '700', marginBottom: 8 },
  choice: { minHeight: 44, minWidth: 44, borderWidth: 2, borderRadius: 8, paddingHorizontal: 12, flexDirection: 'row', alignItems: 'center', gap: 8 },
  swatch: { width: 18, height: 18, borderRadius: 9 },
});
