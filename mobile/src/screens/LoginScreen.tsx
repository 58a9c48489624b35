import { useState } from 'react';
import { ActivityIndicator, KeyboardAvoidingView, Platform, Pressable, StyleSheet, Text, TextInput, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useRouter } from 'expo-router';
import { LoginMutation, RegisterMutation } from '../graphql/documents';
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
  const [displayName, setDisplayName] = useState('');
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [loginResult, login] = useMutation(LoginMutation);
  const [registerResult, register] = useMutation(RegisterMutation);
  const registering = mode === 'register';
  const result = registering ? registerResult : loginResult;

  const submit = async () => {
    setLocalError(null);
    if (!email.trim() || !password || (registering && !displayName.trim())) {
      setLocalError(t('login.missingFields'));
      return;
    }
    const token = registering
      ? (await register({ input: { email: email.trim(), password, displayName: displayName.trim() } })).data?.register.token
      : (await login({ email: email.trim(), password })).data?.login.token;
    if (token) {
      await signIn(token);
      router.replace('/home');
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
          {registering ? t('login.registerTitle') : t('login.title')}
        </Text>
        <Text style={{ color: theme.muted, marginBottom: 24 }}>{t('login.subtitle')}</Text>
        {registering ? (
          <>
            <Text style={[styles.label, { color: theme.text }]}>{t('login.displayName')}</Text>
            <TextInput
              accessibilityLabel={t('login.displayName')}
              autoComplete="name"
              onChangeText={setDisplayName}
              style={input}
              testID="login-name"
              textContentType="name"
              value={displayName}
            />
          </>
        ) : null}
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
          autoComplete={registering ? 'new-password' : 'current-password'}
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
          accessibilityLabel={registering ? t('login.submitRegister') : t('login.submit')}
          accessibilityState={{ disabled: result.fetching, busy: result.fetching }}
          disabled={result.fetching}
          onPress={submit}
          style={[styles.button, { backgroundColor: theme.accent, opacity: result.fetching ? 0.7 : 1 }]}
        >
          {result.fetching ? (
            <ActivityIndicator accessibilityLabel={t('login.submitting')} color={theme.onAccent} />
          ) : (
            <Text style={[styles.buttonText, { color: theme.onAccent }]}>{registering ? t('login.submitRegister') : t('login.submit')}</Text>
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
        <Pressable
          accessibilityRole="button"
          accessibilityLabel={registering ? t('login.haveAccount') : t('login.createAccount')}
          onPress={() => {
            setMode(registering ? 'login' : 'register');
            setLocalError(null);
          }}
          style={styles.link}
          testID="login-toggle-mode"
        >
          <Text style={[styles.buttonText, { color: theme.accent }]}>{registering ? t('login.haveAccount') : t('login.createAccount')}</Text>
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
  link: { minHeight: 44, alignItems: 'center', justifyContent: 'center', marginTop: 8 },
  secondary: { borderWidth: 1, backgroundColor: 'transparent' },
  buttonText: { fontSize: 16, fontWeight: '600' },
});
