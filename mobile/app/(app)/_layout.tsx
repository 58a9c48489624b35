import { Redirect, Stack } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../src/auth/AuthContext';
import { Loading } from '../../src/components/States';
import { useTheme } from '../../src/theme';
import { ConnectionBanner } from '../../src/graphql/connection';
import { WatchlistProvider } from '../../src/components/watchlist/WatchlistStar';

/** Everything under (app) needs a session. */
export default function AppLayout() {
  const { restoring, token } = useAuth();
  const { t } = useTranslation();
  const theme = useTheme();
  if (restoring) return <Loading />;
  if (!token) return <Redirect href="/login" />;
  return (
    <WatchlistProvider>
      <ConnectionBanner />
      <Stack
        screenOptions={{
          headerStyle: { backgroundColor: theme.surface },
          headerTintColor: theme.text,
          contentStyle: { backgroundColor: theme.background },
        }}
      >
        <Stack.Screen name="(tabs)" options={{ headerShown: false }} />
        <Stack.Screen name="market/[symbol]" options={{ title: '', headerBackTitle: t('common.back') }} />
      </Stack>
    </WatchlistProvider>
  );
}
