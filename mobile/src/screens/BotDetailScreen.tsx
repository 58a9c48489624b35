import { useState } from 'react';
import { RefreshControl, ScrollView, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Stack, useLocalSearchParams, useRouter } from 'expo-router';
import { useMutation, useQuery, useSubscription, type CombinedError } from 'urql';
import { BotDetailQuery, BotUpdatesSubscription, DeleteBotMutation, PauseBotMutation, StartBotMutation, StopBotMutation } from '../graphql/bots';
import type { BotFieldsFragment } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { ErrorState, Loading } from '../components/States';
import { Button } from '../components/controls';
import { SectionHeader, Stat, errorCode, ui } from '../components/bots/ui';
import { pnlColor, quoteOf, totalPnl } from '../components/bots/format';
import { BotStateBadge } from './BotsScreen';
import { BotEditForm } from '../components/bots/BotEditForm';
import { BotProfileSwitch } from '../components/social/BotProfileSwitch';
import { formatDateTime, formatMoney, formatNumber } from '../format';
import { useTheme } from '../theme';

/** i18n key for a failed bot action: the codes the bot API documents, else the shared ones. */
export function botErrorKey(error: CombinedError | undefined | null): string | null {
  const code = errorCode(error);
  if (code === 'ACCOUNT_NOT_RECONCILED' || code === 'CONFLICT') return `bots.errors.${code}`;
  return errorKey(error);
}

function paramText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export default function BotDetailScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const router = useRouter();
  const [res, refetch] = useQuery({ query: BotDetailQuery, variables: { id } });
  const [live] = useSubscription(
    { query: BotUpdatesSubscription },
    (prev: BotFieldsFragment | null = null, event): BotFieldsFragment | null => (event.botUpdates.id === id ? event.botUpdates : prev),
  );
  const [, startBot] = useMutation(StartBotMutation);
  const [, stopBot] = useMutation(StopBotMutation);
  const [pauseRes, pauseBot] = useMutation(PauseBotMutation);
  const [deleteRes, deleteBot] = useMutation(DeleteBotMutation);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editing, setEditing] = useState(false);
  const [own, setOwn] = useState<BotFieldsFragment | null>(null);
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const guarded = useGuardedAction(refresh);

  if (res.fetching && !res.data) return <Loading />;
  if (res.error && !res.data) return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={refresh} />;
  if (!res.data) return <Loading />;

  const detail = res.data.bot;
  // The newest of the query, the live update and our own mutations' answers.
  const fresh = [live.data, own].reduce<BotFieldsFragment>(
    (best, candidate) => (candidate && candidate.id === detail.id && candidate.updatedAt >= best.updatedAt ? candidate : best),
    detail,
  );
  const bot = { ...detail, ...fresh };
  const quote = quoteOf(bot.symbol);
  const money = (v: string | null | undefined) => formatMoney(v, quote, locale, 2);
  const pnl = totalPnl(bot.realisedPnl, bot.unrealisedPnl);
  const account = res.data.risk.accounts.find((a) => a.accountId === bot.accountId);

  const guard = (kind: 'startBot' | 'stopBot') =>
    void guarded.prepare({ kind, botId: bot.id, venue: bot.venue }, async (stepUp) => {
      const r = kind === 'startBot' ? await startBot({ id: bot.id, stepUp }) : await stopBot({ id: bot.id, stepUp });
      const next = r.data ? ('startBot' in r.data ? r.data.startBot : r.data.stopBot) : null;
      if (next) setOwn(next);
      // STEP_UP_* errors say what to do next in the sheet; others by their code (ACCOUNT_NOT_RECONCILED ...).
      if (r.error && !errorCode(r.error)?.startsWith('STEP_UP_')) return { messageKey: botErrorKey(r.error) ?? 'errors.generic' };
      return { error: r.error };
    });

  const pause = async () => {
    const r = await pauseBot({ id: bot.id });
    if (r.data) setOwn(r.data.pauseBot);
  };
  const remove = async () => {
    const r = await deleteBot({ id: bot.id }, { additionalTypenames: ['Bot'] });
    if (r.data?.deleteBot) router.replace('/bots');
  };

  const actionError = botErrorKey(pauseRes.error ?? deleteRes.error);
  const stateError = guarded.state.phase === 'failed' && guarded.state.messageKey ? guarded.state.messageKey : null;
  const running = bot.state === 'RUNNING';
  const paused = bot.state === 'PAUSED';
  const stopped = bot.state === 'STOPPED' || bot.state === 'ERROR';
  const limits = detail.limits;
  const params = (detail.params ?? {}) as Record<string, unknown>;

  return (
    <ScrollView
      style={{ backgroundColor: theme.background }}
      contentContainerStyle={ui.content}
      refreshControl={<RefreshControl refreshing={false} onRefresh={refresh} />}
      testID="bot-detail"
    >
      <Stack.Screen options={{ title: bot.name, headerBackTitle: t('common.back') }} />
      <Text accessibilityRole="header" style={{ color: theme.text, fontSize: 22, fontWeight: '700' }}>
        {bot.name}
      </Text>
      <Text style={{ color: theme.muted }}>
        {t(`bots.kinds.${bot.kind}`, { defaultValue: bot.kind })} · {bot.symbol} · {bot.venue}
      </Text>
      <View style={{ marginVertical: 6 }} testID="bot-state">
        <BotStateBadge state={bot.state} />
      </View>
      {bot.error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {bot.error}
        </Text>
      ) : null}

      <View style={ui.stats} testID="bot-pnl">
        <Stat label={t('bots.pnl')} value={money(pnl)} color={pnlColor(pnl, theme)} />
        <Stat label={t('bots.realised')} value={money(bot.realisedPnl)} color={pnlColor(bot.realisedPnl, theme)} />
        <Stat label={t('bots.unrealised')} value={money(bot.unrealisedPnl)} color={pnlColor(bot.unrealisedPnl, theme)} />
        <Stat label={t('bots.position')} value={formatNumber(bot.position, locale)} />
        <Stat label={t('bots.avgCost')} value={money(detail.avgCost)} />
        <Stat label={t('bots.fees')} value={money(detail.feesPaid)} />
      </View>

      <View style={ui.actions}>
        {stopped || paused ? (
          <Button label={paused ? t('bots.resume') : t('bots.start')} kind="primary" onPress={() => guard('startBot')} testID="bot-start" />
        ) : null}
        {running ? <Button label={t('bots.pause')} onPress={() => void pause()} testID="bot-pause" /> : null}
        {running || paused ? <Button label={t('bots.stop')} kind="danger" onPress={() => guard('stopBot')} testID="bot-stop" /> : null}
        <Button
          label={t('bots.backtest.run')}
          onPress={() => router.push({ pathname: '/backtests/new', params: { botId: bot.id } })}
          testID="bot-backtest"
        />
        {!editing ? <Button label={t('bots.edit.open')} onPress={() => setEditing(true)} testID="bot-edit-open" /> : null}
        {stopped && !confirmDelete ? <Button label={t('bots.delete')} kind="danger" onPress={() => setConfirmDelete(true)} testID="bot-delete" /> : null}
      </View>
      {confirmDelete ? (
        <View style={[ui.card, { borderColor: theme.danger }]} testID="bot-delete-confirm">
          <Text style={{ color: theme.text }}>{t('bots.deleteConfirm', { name: bot.name })}</Text>
          <View style={ui.actions}>
            <Button label={t('bots.deleteYes')} kind="danger" onPress={() => void remove()} testID="bot-delete-yes" />
            <Button label={t('common.cancel')} onPress={() => setConfirmDelete(false)} testID="bot-delete-no" />
          </View>
        </View>
      ) : null}
      {editing ? (
        <BotEditForm
          bot={{ id: bot.id, name: bot.name, state: bot.state, params: detail.params, limits }}
          onSaved={() => {
            setEditing(false);
            refresh();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      {actionError || stateError ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="bot-action-error">
          {t(actionError ?? stateError ?? 'errors.generic')}
        </Text>
      ) : null}

      <BotProfileSwitch botId={bot.id} />

      <SectionHeader>{t('bots.params')}</SectionHeader>
      {Object.entries(params).map(([name, value]) => (
        <View key={name} style={[ui.row, { borderColor: theme.border, minHeight: 44 }]} testID={`param-${name}`}>
          <Text style={{ color: theme.muted, flex: 1 }}>{name}</Text>
          <Text style={{ color: theme.text }}>{paramText(value)}</Text>
        </View>
      ))}

      <SectionHeader>{t('bots.riskTitle')}</SectionHeader>
      <View style={ui.stats} testID="bot-risk">
        <Stat label={t('bots.limits.maxPositionNotional')} value={limits.maxPositionNotional ? money(limits.maxPositionNotional) : t('bots.noLimit')} />
        <Stat label={t('bots.limits.maxOrderNotional')} value={limits.maxOrderNotional ? money(limits.maxOrderNotional) : t('bots.noLimit')} />
        <Stat label={t('bots.limits.maxOpenOrders')} value={limits.maxOpenOrders != null ? formatNumber(String(limits.maxOpenOrders), locale) : t('bots.noLimit')} />
        <Stat label={t('bots.limits.dailyLossLimit')} value={limits.dailyLossLimit ? money(limits.dailyLossLimit) : t('bots.noLimit')} />
        {account ? (
          <>
            <Stat label={t('bots.accountExposure')} value={money(account.exposure)} />
            <Stat label={t('bots.accountDailyPnl')} value={money(account.dailyPnl)} color={pnlColor(account.dailyPnl, theme)} />
          </>
        ) : null}
      </View>

      <SectionHeader>{t('bots.orders')}</SectionHeader>
      {detail.openOrders.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="bot-orders-empty">
          {t('bots.noOrders')}
        </Text>
      ) : (
        detail.openOrders.map((o) => (
          <View key={o.id} style={[ui.row, { borderColor: theme.border }]} testID={`bot-order-${o.id}`}>
            <Text style={{ color: o.side === 'BUY' ? theme.up : theme.down, fontWeight: '600', flex: 1 }}>
              {t('bots.order', { side: t(`orders.side.${o.side}`), qty: formatNumber(o.qty, locale), price: formatNumber(o.price, locale) })}
            </Text>
            <Text style={{ color: theme.muted }}>{t(`orders.status.${o.status}`)}</Text>
          </View>
        ))
      )}

      <SectionHeader>{t('bots.events')}</SectionHeader>
      {detail.events.length === 0 ? <Text style={{ color: theme.muted }}>{t('bots.noEvents')}</Text> : null}
      {detail.events.map((e) => (
        <View key={e.id} style={[ui.row, { borderColor: theme.border }]} testID={`bot-event-${e.id}`}>
          <View style={{ flex: 1 }}>
            <Text style={{ color: theme.text }}>{e.message}</Text>
            <Text style={{ color: theme.muted, fontSize: 12 }}>
              {formatDateTime(e.at, locale)} · {e.kind}
            </Text>
          </View>
        </View>
      ))}
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings')} />
    </ScrollView>
  );
}
