import { ActivityIndicator, StyleSheet, Switch, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { errorKey } from '../../graphql/errors';
import { BotProfileVisibilityQuery, SetBotProfileVisibilityMutation } from '../../graphql/social';
import { useTheme } from '../../theme';

/**
 * "Show on my public profile" for one bot. Off by default; disabled, with the reason, until the
 * user has a public trader profile. Only kind, market, state and % return are shown to others.
 */
export function BotProfileSwitch({ botId }: { botId: string }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res] = useQuery({ query: BotProfileVisibilityQuery, variables: { id: botId } });
  const [setRes, setVisible] = useMutation(SetBotProfileVisibilityMutation);
  if (res.fetching && !res.data) return <ActivityIndicator accessibilityLabel={t('bots.profile.loading')} testID="bot-profile-loading" />;
  const hasProfile = Boolean(res.data?.myTraderProfile);
  const shown = setRes.data?.setBotProfileVisibility.showOnProfile ?? res.data?.bot.showOnProfile ?? false;
  const error = errorKey(res.data ? setRes.error : res.error);
  return (
    <View style={{ gap: 4 }} testID="bot-profile">
      <View style={[styles.row, { borderColor: theme.border }]}>
        <Text style={{ color: theme.text, flex: 1 }}>{t('bots.profile.show')}</Text>
        <Switch
          accessibilityLabel={t('bots.profile.show')}
          accessibilityHint={hasProfile ? t('bots.profile.hint') : t('bots.profile.noProfile')}
          accessibilityState={{ checked: shown, disabled: !hasProfile || setRes.fetching }}
          value={shown}
          disabled={!hasProfile || setRes.fetching || !res.data}
          onValueChange={(visible) => void setVisible({ botId, visible })}
          style={{ minHeight: 44, minWidth: 44 }}
          testID="bot-profile-switch"
        />
      </View>
      <Text style={{ color: theme.muted }} testID="bot-profile-note">
        {hasProfile ? t('bots.profile.hint') : t('bots.profile.noProfile')}
      </Text>
      {error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="bot-profile-error">
          {t(error)}
        </Text>
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({ row: { flexDirection: 'row', alignItems: 'center', gap: 10, minHeight: 44 } });
