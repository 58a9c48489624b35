import { useState } from 'react';
import { ActivityIndicator, KeyboardAvoidingView, Platform, Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useRouter } from 'expo-router';
import { LoginMutation } from '../graphql/documents';
import { errorKey } from '../graphql/errors';
import { useAuth } from '../auth/AuthContext';
import { useTheme } from '../theme';

export const DEMO_EMAIL = 'demo@cryptoorchestrator.dev';
export const DEMO_PASSWORD = 'demo-trader-2026';

export default function LoginScreen() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const { signIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [result, login] = useMutation(LoginMutation);

  const submit = async () => {
    setLocalError(null);
    if (!email.trim() || !password) {
      setLocalError(t('login.missingFields'));
      return;
    }
    const res = await login({ email: email.trim(), password });
    if (res.data?.login.token) {
      await signIn(res.data.login.token);
      router.replace('/markets');
    }
  };

  const useDemo = () => {
    setEmail(DEMO_EMAIL);
    setPassword(DEMO_PASSWORD);
    setLocalError(null);
  };

  const serverKey = errorKey(result.error, { UNAUTHENTICATED: 'login.wrongCredentials' });
  const message = localError ?? (serverKey ? t(serverKey) : null);
  const input = [styles.input, { color: theme.text, borderColor: theme.border, backgroundColor: theme.surface }];

  return (
    <KeyboardAvoidingView
      behavior={Platform.OS === 'ios' ? 'padding' : undefined}
      style={[styles.container, { backgroundColor: theme.background }]}
    >
      <View style={styles.form}>
        <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
          {t('login.title')}
        </Text>
        <Text style={{ color: theme.muted, marginBottom: 24 }}>{t('login.subtitle')}</Text>
        <Text style={[styles.label, { color: theme.text }]}>{t('login.email')}</Text>
        <TextInput
          accessibilityLabel={t('login.email')}
          autoCapitalize="none"
          autoComplete="email"
          inputMode="email"
          keyboardType="email-address"
          onChangeText={setEmail}
          style={input}
          testID="login-email"
          textContentType="username"
          value={email}
        />
        <Text style={[styles.label, { color: theme.text }]}>{t('login.password')}</Text>
        <TextInput
          accessibilityLabel={t('login.password')}
          autoCapitalize="none"
          autoComplete="password"
          onChangeText={setPassword}
          onSubmitEditing={submit}
          secureTextEntry
          style={input}
          testID="login-password"
          textContentType="password"
          value={password}
        />
        {message ? (
          <Text accessibilityRole="alert" style={[styles.error, { color: theme.danger }]} testID="login-error">
            {message}
          </Text>
        ) : null}
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={t('login.submit')}
          accessibilityState={{ disabled: result.fetching, busy: result.fetching }}
          disabled={result.fetching}
          onPress={submit}
          style={[styles.button, { backgroundColor: theme.accent, opacity: result.fetching ? 0.7 : 1 }]}
        >
          {result.fetching ? (
            <ActivityIndicator accessibilityLabel={t('login.submitting')} color={theme.onAccent} />
          ) : (
            <Text style={[styles.buttonText, { color: theme.onAccent }]}>{t('login.submit')}</Text>
          )}
        </Pressable>
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={t('login.useDemo')}
          accessibilityHint={t('login.useDemoHint')}
          onPress={useDemo}
          style={[styles.button, styles.secondary, { borderColor: theme.accent }]}
        >
          <Text style={[styles.buttonText, { color: theme.accent }]}>{t('login.useDemo')}</Text>
        </Pressable>
      </View>
    </KeyboardAvoidingView>
  );
}

const styles = StyleSheet.create({
  container: { flex: 1, justifyContent: 'center' },
  form: { width: '100%', maxWidth: 420, alignSelf: 'center', padding: 24 },
  title: { fontSize: 28, fontWeight: '700', marginBottom: 4 },
  label: { fontSize: 14, fontWeight: '600', marginTop: 12, marginBottom: 6 },
  input: { minHeight: 48, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 16 },
  error: { marginTop: 12, fontSize: 14 },
  button: { minHeight: 48, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 16 },
  secondary: { borderWidth: 1, backgroundColor: 'transparent' },
  buttonText: { fontSize: 16, fontWeight: '600' },
});
