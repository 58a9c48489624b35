import { Redirect, Tabs } from 'expo-router';
import { View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../../src/theme';
import { NotificationBell } from '../../../src/notifications/NotificationBell';
import { KillSwitchShortcut } from '../../../src/components/killswitch/KillSwitchShortcut';
import { Loading } from '../../../src/components/States';
import { useNeedsOnboarding } from '../../../src/components/onboarding/onboardingPref';

export default function TabsLayout() {
  const { t } = useTranslation();
  const theme = useTheme();
  // First run on this device: the onboarding wizard (skippable, remembered in prefs).
  const needsOnboarding = useNeedsOnboarding();
  if (needsOnboarding === null) return <Loading />;
  if (needsOnboarding) return <Redirect href="/onboarding" />;
  return (
    <Tabs
      screenOptions={{
        headerStyle: { backgroundColor: theme.surface },
        headerTintColor: theme.text,
        tabBarStyle: { backgroundColor: theme.surface, borderTopColor: theme.border },
        tabBarActiveTintColor: theme.accent,
        tabBarInactiveTintColor: theme.muted,
        tabBarIcon: () => null,
        tabBarIconStyle: { display: 'none' },
        tabBarLabelStyle: { fontSize: 14, fontWeight: '600' },
        headerRight: () => (
          <View style={{ flexDirection: 'row', alignItems: 'center' }}>
            <KillSwitchShortcut />
            <NotificationBell />
          </View>
        ),
      }}
    >
      <Tabs.Screen name="home" options={{ title: t('home.tab'), tabBarAccessibilityLabel: t('home.tab') }} />
      <Tabs.Screen name="markets" options={{ title: t('tabs.markets'), tabBarAccessibilityLabel: t('tabs.markets') }} />
      <Tabs.Screen name="orders" options={{ title: t('tabs.orders'), tabBarAccessibilityLabel: t('tabs.orders') }} />
      <Tabs.Screen name="bots" options={{ title: t('bots.tab'), tabBarAccessibilityLabel: t('bots.tab') }} />
      <Tabs.Screen name="social" options={{ title: t('social.tab'), tabBarAccessibilityLabel: t('social.tab') }} />
      <Tabs.Screen name="account" options={{ title: t('tabs.account'), tabBarAccessibilityLabel: t('tabs.account') }} />
      <Tabs.Screen name="settings" options={{ title: t('tabs.settings'), tabBarAccessibilityLabel: t('tabs.settings') }} />
    </Tabs>
  );
}
