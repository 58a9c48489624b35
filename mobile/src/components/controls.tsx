import { ActivityIndicator, Pressable, StyleSheet, Text, TextInput, View, type StyleProp, type TextInputProps, type ViewStyle } from 'react-native';
import { useTheme } from '../theme';

/** The app's one button: 44 pt target, role, label and state announced; `busy` shows a spinner and blocks presses.
 * `style` is for the caller's layout (margins), not its look. */
export function Button({
  label,
  onPress,
  kind = 'secondary',
  busy = false,
  disabled = false,
  testID,
  accessibilityLabel,
  style,
}: {
  label: string;
  onPress(): void;
  kind?: 'primary' | 'secondary' | 'danger';
  busy?: boolean;
  disabled?: boolean;
  testID?: string;
  accessibilityLabel?: string;
  style?: StyleProp<ViewStyle>;
}) {
  const theme = useTheme();
  const primary = kind === 'primary';
  const color = primary ? theme.onAccent : kind === 'danger' ? theme.danger : theme.text;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={accessibilityLabel ?? label}
      accessibilityState={{ busy, disabled }}
      disabled={disabled || busy}
      onPress={onPress}
      style={[
        styles.button,
        primary ? { backgroundColor: theme.accent } : { borderWidth: 1, borderColor: kind === 'danger' ? theme.danger : theme.border },
        disabled ? { opacity: 0.5 } : null,
        style,
      ]}
      testID={testID}
    >
      {busy ? <ActivityIndicator color={color} /> : <Text style={{ color, fontWeight: '600', fontSize: 15 }}>{label}</Text>}
    </Pressable>
  );
}

/** The app's one labelled text input, with its error under it (announced; `${testID}-error`). */
export function Field({ label, error, testID, ...input }: TextInputProps & { label: string; error?: string | null }) {
  const theme = useTheme();
  return (
    <View style={fieldStyles.field}>
      <Text style={{ color: theme.muted, marginBottom: 4 }}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        placeholderTextColor={theme.muted}
        style={[fieldStyles.input, { color: theme.text, borderColor: error ? theme.danger : theme.border, backgroundColor: theme.surface }]}
        testID={testID}
        {...input}
      />
      {error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger, marginTop: 2 }} testID={testID ? `${testID}-error` : undefined}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  button: { minHeight: 44, minWidth: 44, borderRadius: 8, paddingHorizontal: 14, alignItems: 'center', justifyContent: 'center' },
});

/** A field's block and its input box, for the few inputs that are more than a Field (a CSV box with a file picker). */
export const fieldStyles = StyleSheet.create({
  field: { marginVertical: 6 },
  input: { minHeight: 44, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 16 },
});
