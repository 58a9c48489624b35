import { Tabs } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../../src/theme';

export default function TabsLayout() {
  const { t } = useTranslation();
  const theme = useTheme();
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
      }}
    >
      <Tabs.Screen name="markets" options={{ title: t('tabs.markets'), tabBarAccessibilityLabel: t('tabs.markets') }} />
      <Tabs.Screen name="orders" options={{ title: t('tabs.orders'), tabBarAccessibilityLabel: t('tabs.orders') }} />
      <Tabs.Screen name="account" options={{ title: t('tabs.account'), tabBarAccessibilityLabel: t('tabs.account') }} />
      <Tabs.Screen name="settings" options={{ title: t('tabs.settings'), tabBarAccessibilityLabel: t('tabs.settings') }} />
    </Tabs>
  );
}
