import { Pressable, StyleSheet, Text } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useRouter } from 'expo-router';
import { useTheme } from '../../theme';

/** "Chart grid" — opens the multi-chart grid (1/2/4 live charts); shown in the markets list's header. */
export function ChartsGridLink() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  return (
    <Pressable
      accessibilityRole="link"
      accessibilityLabel={t('charts.openLabel')}
      onPress={() => router.push('/charts')}
      style={[styles.link, { borderColor: theme.accent }]}
      testID="open-charts-grid"
    >
      <Text style={{ color: theme.accent, fontWeight: '600' }}>{t('charts.open')}</Text>
    </Pressable>
  );
}

const styles = StyleSheet.create({
  link: { minHeight: 44, minWidth: 44, marginTop: 8, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, alignItems: 'center', justifyContent: 'center', alignSelf: 'flex-start' },
});
