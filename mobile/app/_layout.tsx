import '../src/i18n';
import { useEffect } from 'react';
import { restoreLanguage } from '../src/i18n';
import { Stack } from 'expo-router';
import { StatusBar } from 'expo-status-bar';
import { AuthProvider } from '../src/auth/AuthContext';
import { ApiProvider } from '../src/graphql/ApiProvider';
import { ThemeProvider, useTheme } from '../src/theme';
import { PushHost } from '../src/notifications/PushHost';

function Navigator() {
  const theme = useTheme();
  return (
    <>
      <StatusBar style={theme.dark ? 'light' : 'dark'} />
      <Stack
        screenOptions={{
          headerStyle: { backgroundColor: theme.surface },
          headerTintColor: theme.text,
          contentStyle: { backgroundColor: theme.background },
        }}
      >
        <Stack.Screen name="index" options={{ headerShown: false }} />
        <Stack.Screen name="login" options={{ headerShown: false }} />
        <Stack.Screen name="(app)" options={{ headerShown: false }} />
      </Stack>
    </>
  );
}

export default function RootLayout() {
  useEffect(() => {
    void restoreLanguage();
  }, []);
  return (
    <ThemeProvider>
      <AuthProvider>
        <ApiProvider>
          <Navigator />
          <PushHost />
        </ApiProvider>
      </AuthProvider>
    </ThemeProvider>
  );
}
