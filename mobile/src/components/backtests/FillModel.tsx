import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Field } from '../controls';
import { Toggle } from '../bots/ui';
import { useTheme } from '../../theme';
import type { FillOptions } from './fillInput';

/** "Realistic fills": spread, impact, latency and partial fills of a backtest (collapsed until asked for). */
export function FillModel({
  open,
  onOpen,
  value,
  onChange,
  errors,
}: {
  open: boolean;
  onOpen: (v: boolean) => void;
  value: FillOptions;
  onChange: (v: FillOptions) => void;
  errors: Partial<Record<keyof FillOptions, string>>;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const set = (key: keyof FillOptions) => (text: string) => onChange({ ...value, [key]: text });
  return (
    <View testID="backtest-fills">
      <Toggle label={t('bots.backtestData.fills')} value={open} onChange={onOpen} testID="backtest-fills-toggle" />
      {open ? (
        <>
          <Text style={{ color: theme.muted, marginBottom: 4 }}>{t('bots.backtestData.fillsNote')}</Text>
          <Field label={t('bots.backtestData.spread')} value={value.spreadBps} onChangeText={set('spreadBps')} error={errors.spreadBps} keyboardType="decimal-pad" placeholder="0" testID="backtest-spread" />
          <Field label={t('bots.backtestData.impact')} value={value.impactFactor} onChangeText={set('impactFactor')} error={errors.impactFactor} keyboardType="decimal-pad" placeholder="0" testID="backtest-impact" />
          <Field label={t('bots.backtestData.latency')} value={value.latencyBars} onChangeText={set('latencyBars')} error={errors.latencyBars} keyboardType="number-pad" placeholder="0" testID="backtest-latency" />
          <Field label={t('bots.backtestData.partial')} value={value.partialFillShare} onChangeText={set('partialFillShare')} error={errors.partialFillShare} keyboardType="decimal-pad" testID="backtest-partial" />
        </>
      ) : null}
    </View>
  );
}
