import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import Svg, { Path } from 'react-native-svg';
import { UnreadCountQuery } from '../graphql/notifications';
import { useTheme } from '../theme';

/** The header bell: opens the inbox; the badge shows the unread count. */
export function NotificationBell() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [res] = useQuery({ query: UnreadCountQuery, requestPolicy: 'cache-and-network' });
  const unread = res.data?.notifications.unreadCount ?? 0;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={unread > 0 ? t('notifications.bell.unread', { count: unread }) : t('notifications.bell.label')}
      onPress={() => router.push('/notifications' as never)}
      style={styles.bell}
      testID="notification-bell"
    >
      <Svg width={22} height={22} viewBox="0 0 24 24" accessibilityElementsHidden importantForAccessibility="no-hide-descendants">
        <Path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
          stroke={theme.text}
          strokeWidth={1.8}
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </Svg>
      {unread > 0 ? (
        <View style={[styles.badge, { backgroundColor: theme.danger }]} testID="notification-badge">
          <Text style={{ color: theme.dark ? theme.background : '#ffffff', fontSize: 11, fontWeight: '700' }}>{unread > 99 ? '99+' : unread}</Text>
        </View>
      ) : null}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  bell: { minWidth: 44, minHeight: 44, alignItems: 'center', justifyContent: 'center', marginHorizontal: 8 },
  badge: { position: 'absolute', top: 4, right: 2, minWidth: 18, height: 18, borderRadius: 9, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 4 },
});
