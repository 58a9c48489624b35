import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { BotTemplatesQuery } from '../../gql/graphql';
import { formatMoney } from '../../format';
import { useTheme } from '../../theme';
import { formatFraction, formatRatio, pnlColor, quoteOf } from './format';
import { Button } from '../controls';
import { Stat, ui } from './ui';

export type Template = BotTemplatesQuery['botTemplates'][number];

/** A one-tap template: what it does, its risk and its cached backtest figures. */
export function TemplateCard({
  template,
  locale,
  onUse,
  onBacktest,
}: {
  template: Template;
  locale: string;
  onUse?: () => void;
  onBacktest?: () => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const bt = template.backtest;
  return (
    <View style={[ui.card, { borderColor: theme.border, backgroundColor: theme.surface }]} testID={`template-${template.id}`}>
      <Text accessibilityRole="header" style={{ color: theme.text, fontWeight: '700', fontSize: 16 }}>
        {template.name}
      </Text>
      <Text style={{ color: theme.muted, marginVertical: 4 }}>{template.description}</Text>
      <Text style={{ color: theme.text }}>
        {template.symbol} · {t(`bots.risk.${template.riskLevel}`)} · {t('bots.suggested', { amount: formatMoney(template.suggestedCapital, quoteOf(template.symbol), locale, 2) })}
      </Text>
      {bt ? (
        <View style={ui.stats} testID={`template-${template.id}-backtest`}>
          <Stat label={t('bots.metrics.totalReturn')} value={formatFraction(bt.totalReturn, locale, true)} color={pnlColor(String(bt.totalReturn), theme)} />
          <Stat label={t('bots.metrics.maxDrawdown')} value={formatFraction(bt.maxDrawdown, locale)} />
          <Stat label={t('bots.metrics.sharpe')} value={formatRatio(bt.sharpe, locale)} />
          <Stat label={t('bots.metrics.winRate')} value={formatFraction(bt.winRate, locale)} />
        </View>
      ) : null}
      {!template.available ? (
        <Text style={{ color: theme.danger }}>{template.unavailableReason ?? t('bots.unavailable')}</Text>
      ) : (
        <View style={ui.actions}>
          {onUse ? (
            <Button
              label={t('bots.useTemplate')}
              accessibilityLabel={t('bots.useTemplateLabel', { name: template.name })}
              kind="primary"
              onPress={onUse}
              testID={`template-${template.id}-use`}
            />
          ) : null}
          {onBacktest ? (
            <Button
              label={t('bots.backtest.run')}
              accessibilityLabel={t('bots.backtest.runLabel', { name: template.name })}
              onPress={onBacktest}
              testID={`template-${template.id}-backtest-run`}
            />
          ) : null}
        </View>
      )}
    </View>
  );
}
