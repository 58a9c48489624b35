import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { AlertTriggerFieldsFragment } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../format';
import { useTheme } from '../../theme';
import { ui } from '../bots/ui';

/** Trigger history rows: when, the value that fired, and what the action did. */
export function TriggerList({ triggers, names, testID }: { triggers: AlertTriggerFieldsFragment[]; names: Record<string, string>; testID: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  if (triggers.length === 0) {
    return (
      <Text style={{ color: theme.muted }} testID={`${testID}-empty`}>
        {t('alerts.noTriggers')}
      </Text>
    );
  }
  return (
    <View testID={testID}>
      {triggers.map((tr) => (
        <View key={tr.id} style={[ui.row, { borderColor: theme.border }]} testID={`trigger-${tr.id}`}>
          <View style={{ flex: 1 }}>
            <Text style={{ color: theme.text, fontWeight: '600' }}>
              {t('alerts.fired', { name: tr.name ?? names[tr.alertId] ?? '', value: formatNumber(tr.value, locale) })}
            </Text>
            <Text style={{ color: theme.muted, fontSize: 12 }}>
              {formatDateTime(tr.firedAt, locale)}
              {tr.actionStatus !== 'none' ? ` · ${t(`alerts.actionStatus.${tr.actionStatus}`, { defaultValue: tr.actionStatus })}` : ''}
              {tr.actionResult ? ` · ${tr.actionResult}` : ''}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}
