import { StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../../theme';

/** "Step 2 of 4" with a bar; exposed to assistive tech as a progress bar. */
export function StepProgress({ step, total }: { step: number; total: number }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const label = t('onboarding.progress', { step: step + 1, total });
  return (
    <View
      accessible
      accessibilityRole="progressbar"
      accessibilityLabel={label}
      accessibilityValue={{ min: 1, max: total, now: step + 1 }}
      testID="onboarding-progress"
    >
      <Text style={{ color: theme.muted, marginBottom: 6 }}>{label}</Text>
      <View style={[styles.track, { backgroundColor: theme.border }]}>
        <View style={[styles.fill, { backgroundColor: theme.accent, width: `${((step + 1) / total) * 100}%` }]} />
      </View>
    </View>
  );
}

const styles = StyleSheet.create({
  track: { height: 6, borderRadius: 3, overflow: 'hidden' },
  fill: { height: 6, borderRadius: 3 },
});
