import type { ReactNode } from 'react';
import { Pressable, StyleSheet, Text, TextInput, View, type TextInputProps } from 'react-native';
import { useTheme } from '../../theme';

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

export function Button({ label, onPress, kind = 'primary', disabled, testID, accessibilityLabel }: { label: string; onPress(): void; kind?: 'primary' | 'secondary' | 'danger'; disabled?: boolean; testID?: string; accessibilityLabel?: string }) {
  const theme = useTheme();
  const color = kind === 'danger' ? theme.danger : theme.accent;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityState={{ disabled: Boolean(disabled) }}
      disabled={disabled}
      onPress={onPress}
      style={[
        styles.button,
        kind === 'primary' ? { backgroundColor: color } : { borderColor: color, borderWidth: 1 },
        { opacity: disabled ? 0.5 : 1 },
      ]}
      testID={testID}
    >
      <Text style={{ color: kind === 'primary' ? theme.onAccent : color, fontWeight: '600', fontSize: 15 }}>{label}</Text>
    </Pressable>
  );
}

export function Field({ label, ...props }: { label: string } & TextInputProps) {
  const theme = useTheme();
  return (
    <View style={{ marginTop: 8 }}>
      <Text style={{ color: theme.text, fontWeight: '600', marginBottom: 4 }}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        style={[styles.input, { color: theme.text, borderColor: theme.border, backgroundColor: theme.surface }]}
        {...props}
      />
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
  button: { minHeight: 44, minWidth: 44, borderRadius: 8, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 14, marginTop: 8 },
  input: { minHeight: 48, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 16 },
  choice: { minHeight: 44, minWidth: 44, borderWidth: 2, borderRadius: 8, paddingHorizontal: 12, flexDirection: 'row', alignItems: 'center', gap: 8 },
  swatch: { width: 18, height: 18, borderRadius: 9 },
});
