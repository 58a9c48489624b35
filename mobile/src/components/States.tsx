import { ActivityIndicator, Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../theme';

export function Loading({ testID = 'loading' }: { testID?: string }) {
  const { t } = useTranslation();
  const theme = useTheme();
  return (
    <View style={[styles.center, { backgroundColor: theme.background }]} testID={testID}>
      <ActivityIndicator accessibilityLabel={t('common.loading')} color={theme.accent} />
      <Text style={{ color: theme.muted, marginTop: 8 }}>{t('common.loading')}</Text>
    </View>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  return (
    <View style={[styles.center, { backgroundColor: theme.background }]} testID="error">
      <Text accessibilityRole="alert" style={[styles.text, { color: theme.danger }]}>
        {message}
      </Text>
      {onRetry ? (
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={t('common.retry')}
          onPress={onRetry}
          style={[styles.button, { backgroundColor: theme.accent }]}
        >
          <Text style={{ color: theme.onAccent, fontWeight: '600' }}>{t('common.retry')}</Text>
        </Pressable>
      ) : null}
    </View>
  );
}

export function Empty({ message }: { message: string }) {
  const theme = useTheme();
  return (
    <View style={[styles.center, { backgroundColor: theme.background }]} testID="empty">
      <Text style={[styles.text, { color: theme.muted }]}>{message}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  center: { flex: 1, alignItems: 'center', justifyContent: 'center', padding: 24 },
  text: { fontSize: 16, textAlign: 'center' },
  button: { marginTop: 16, minHeight: 44, minWidth: 44, paddingHorizontal: 20, borderRadius: 8, justifyContent: 'center' },
});
