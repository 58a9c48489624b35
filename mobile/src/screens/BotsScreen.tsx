import { useMemo } from 'react';
import { Pressable, RefreshControl, ScrollView, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useRouter } from 'expo-router';
import { useQuery, useSubscription } from 'urql';
import { BotTemplatesQuery, BotUpdatesSubscription, BotsQuery } from '../graphql/bots';
import type { BotFieldsFragment } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { ErrorState, Loading } from '../components/States';
import { Button } from '../components/controls';
import { SectionHeader, ui } from '../components/bots/ui';
import { TemplateCard } from '../components/bots/TemplateCard';
import { BacktestHistory } from '../components/backtests/BacktestHistory';
import { pnlColor, quoteOf, totalPnl } from '../components/bots/format';
import { formatMoney } from '../format';
import { useTheme } from '../theme';

/** The user's bots kept live by botUpdates (the latest state of each bot wins). */
export function useLiveBots() {
  const [res, refetch] = useQuery({ query: BotsQuery });
  const [updates] = useSubscription(
    { query: BotUpdatesSubscription },
    (prev: Record<string, BotFieldsFragment> = {}, event): Record<string, BotFieldsFragment> => {
      const known = prev[event.botUpdates.id];
      return known && known.updatedAt > event.botUpdates.updatedAt ? prev : { ...prev, [event.botUpdates.id]: event.botUpdates };
    },
  );
  const bots = useMemo(() => {
    const byId = new Map<string, BotFieldsFragment>();
    for (const bot of res.data?.bots ?? []) byId.set(bot.id, bot);
    for (const bot of Object.values(updates.data ?? {})) {
      const known = byId.get(bot.id);
      // The newest state of each bot wins; a bot created elsewhere (another device) joins the list.
      if (known && bot.updatedAt >= known.updatedAt) byId.set(bot.id, bot);
      else if (!known && res.data) byId.set(bot.id, bot);
    }
    return [...byId.values()];
  }, [res.data, updates.data]);
  return { res, refetch, bots };
}

export function BotStateBadge({ state }: { state: BotFieldsFragment['state'] }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const color = state === 'RUNNING' ? theme.up : state === 'ERROR' ? theme.danger : theme.muted;
  return <Text style={{ color, fontWeight: '700', fontSize: 13 }}>{t(`bots.state.${state}`)}</Text>;
}

export default function BotsScreen() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const router = useRouter();
  const { res, refetch, bots } = useLiveBots();
  const [templatesRes, refetchTemplates] = useQuery({ query: BotTemplatesQuery });

  if (res.fetching && !res.data) return <Loading />;
  if (res.error && !res.data) {
    return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchTemplates({ requestPolicy: 'network-only' });
  };
  const templates = templatesRes.data?.botTemplates ?? [];

  return (
    <ScrollView
      style={{ backgroundColor: theme.background }}
      contentContainerStyle={ui.content}
      refreshControl={<RefreshControl refreshing={false} onRefresh={refresh} />}
    >
      <View style={ui.actions}>
        <Button label={t('bots.newBot')} kind="primary" onPress={() => router.push('/bots/new')} testID="bots-new" />
        <Button label={t('bots.alertsLink')} onPress={() => router.push('/alerts')} testID="bots-alerts" />
      </View>

      <SectionHeader>{t('bots.yourBots')}</SectionHeader>
      {bots.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="bots-empty">
          {t('bots.empty')}
        </Text>
      ) : (
        bots.map((bot) => {
          const pnl = totalPnl(bot.realisedPnl, bot.unrealisedPnl);
          const pnlText = formatMoney(pnl, quoteOf(bot.symbol), locale, 2);
          return (
            <Pressable
              key={bot.id}
              accessibilityRole="button"
              accessibilityLabel={t('bots.rowLabel', { name: bot.name, state: t(`bots.state.${bot.state}`), pnl: pnlText })}
              onPress={() => router.push(`/bots/${bot.id}`)}
              style={[ui.row, { borderColor: theme.border }]}
              testID={`bot-${bot.id}`}
            >
              <View style={{ flex: 1 }}>
                <Text style={{ color: theme.text, fontWeight: '600', fontSize: 16 }}>{bot.name}</Text>
                <Text style={{ color: theme.muted, fontSize: 13 }}>
                  {t(`bots.kinds.${bot.kind}`, { defaultValue: bot.kind })} · {bot.symbol}
                </Text>
              </View>
              <View style={{ alignItems: 'flex-end' }}>
                <BotStateBadge state={bot.state} />
                <Text style={{ color: pnlColor(pnl, theme), fontWeight: '600' }}>{pnlText}</Text>
              </View>
            </Pressable>
          );
        })
      )}

      <SectionHeader>{t('bots.templates')}</SectionHeader>
      {templatesRes.fetching && !templatesRes.data ? <Text style={{ color: theme.muted }}>{t('common.loading')}</Text> : null}
      {templatesRes.error && !templatesRes.data ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(errorKey(templatesRes.error) ?? 'errors.generic')}
        </Text>
      ) : null}
      {templates.map((tpl) => (
        <TemplateCard
          key={tpl.id}
          template={tpl}
          locale={locale}
          onUse={() => router.push({ pathname: '/bots/new', params: { templateId: tpl.id } })}
          onBacktest={() => router.push({ pathname: '/backtests/new', params: { templateId: tpl.id } })}
        />
      ))}
      {templatesRes.data && templates.length === 0 ? <Text style={{ color: theme.muted }}>{t('bots.noTemplates')}</Text> : null}
      <Text style={{ color: theme.muted, fontSize: 12, marginTop: 8 }}>{t('bots.backtestNote')}</Text>

      <BacktestHistory onOpen={(id) => router.push(`/backtests/${id}`)} />
    </ScrollView>
  );
}
