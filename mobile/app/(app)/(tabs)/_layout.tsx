import { Redirect, Tabs } from 'expo-router';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../../src/theme';
import { NotificationBell } from '../../../src/notifications/NotificationBell';
import { KillSwitchShortcut } from '../../../src/components/killswitch/KillSwitchShortcut';
import { Loading } from '../../../src/components/States';
import { useNeedsOnboarding } from '../../../src/components/onboarding/onboardingPref';
import { TAB_NAMES, TabIcon, type TabName } from '../../../src/components/nav/TabIcon';

/** Tab-bar label size (pt): six short labels fit a 430 pt phone (nav.tabs.* are sized for it). */
export const TAB_LABEL_SIZE = 11;

/** The full name of each tab: the screen title and what a screen reader says. */
export const TAB_TITLE_KEYS: Record<TabName, string> = {
  home: 'home.tab',
  markets: 'tabs.markets',
  orders: 'tabs.orders',
  bots: 'bots.tab',
  social: 'social.tab',
  settings: 'tabs.settings',
};

/**
 * Six tabs, each an icon over a short label (`nav.tabs.*`). Account lives at the top of Settings;
 * `/account` redirects there (app/(app)/account.tsx).
 */
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
        tabBarItemStyle: { minHeight: 44, paddingHorizontal: 0 },
        headerRight: () => (
          <View style={{ flexDirection: 'row', alignItems: 'center' }}>
            <KillSwitchShortcut />
            <NotificationBell />
          </View>
        ),
      }}
    >
      {TAB_NAMES.map((name) => {
        const title = t(TAB_TITLE_KEYS[name]);
        const label = t(`nav.tabs.${name}`);
        return (
          <Tabs.Screen
            key={name}
            name={name}
            options={{
              title,
              tabBarAccessibilityLabel: title,
              tabBarButtonTestID: `tab-${name}`,
              tabBarIcon: ({ color, size }) => <TabIcon name={name} color={String(color)} size={Math.min(size, 24)} />,
              tabBarLabel: ({ color }) => (
                <Text
                  numberOfLines={1}
                  adjustsFontSizeToFit
                  minimumFontScale={0.8}
                  maxFontSizeMultiplier={1.3}
                  style={{ color, fontSize: TAB_LABEL_SIZE, fontWeight: '600', textAlign: 'center' }}
                  testID={`tab-label-${name}`}
                >
                  {label}
                </Text>
              ),
            }}
          />
        );
      })}
    </Tabs>
  );
}
