import { useEffect, useMemo, useState } from 'react';
import { RefreshControl, ScrollView, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Stack, useRouter } from 'expo-router';
import { useMutation, useQuery, useSubscription } from 'urql';
import {
  AlertTriggeredSubscription,
  AlertTriggersQuery,
  AlertsQuery,
  DeleteAlertMutation,
  SnoozeAlertMutation,
  UpdateAlertMutation,
} from '../graphql/alerts';
import type { AlertFieldsFragment, AlertTriggerFieldsFragment } from '../gql/graphql';
import { errorKey } from '../graphql/errors';
import { useGuardedAction } from '../auth/useGuardedAction';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { ErrorState, Loading } from '../components/States';
import { Button } from '../components/controls';
import { SectionHeader, ui } from '../components/bots/ui';
import { AlertForm } from '../components/alerts/AlertForm';
import { AlertEditForm } from '../components/alerts/AlertEditForm';
import { TriggerList } from '../components/alerts/TriggerList';
import { describeAction, describeCondition } from '../components/alerts/describe';
import { formatDateTime, formatNumber } from '../format';
import { useTheme } from '../theme';

export const SNOOZE_MINUTES = 60;
export const HISTORY_PAGE = 20;

function AlertHistory({ alertId, names }: { alertId: string; names: Record<string, string> }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res] = useQuery({ query: AlertTriggersQuery, variables: { alertId, first: HISTORY_PAGE }, requestPolicy: 'network-only' });
  if (res.fetching && !res.data) return <Text style={{ color: theme.muted }}>{t('common.loading')}</Text>;
  if (res.error && !res.data) {
    return (
      <Text accessibilityRole="alert" style={{ color: theme.danger }}>
        {t(errorKey(res.error) ?? 'errors.generic')}
      </Text>
    );
  }
  return <TriggerList triggers={(res.data?.alertTriggers.edges ?? []).map((e) => e.node)} names={names} testID={`history-${alertId}`} />;
}

function AlertRow({ alert: listed, names, onDeleted }: { alert: AlertFieldsFragment; names: Record<string, string>; onDeleted: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const [showHistory, setShowHistory] = useState(false);
  const [editing, setEditing] = useState(false);
  // updateAlert's answer (the list is not refetched for an edit).
  const [own, setOwn] = useState<AlertFieldsFragment | null>(null);
  // A fresh list (refetched after any Alert mutation) replaces it.
  useEffect(() => setOwn(null), [listed]);
  const [snoozeRes, snooze] = useMutation(SnoozeAlertMutation);
  const [updateRes, update] = useMutation(UpdateAlertMutation);
  const [deleteRes, remove] = useMutation(DeleteAlertMutation);
  const alert = own && own.id === listed.id ? { ...listed, ...own } : listed;
  const snoozed = alert.snoozedUntil !== null && alert.snoozedUntil !== undefined && new Date(alert.snoozedUntil).getTime() > Date.now();
  const action = describeAction(alert, t, locale);
  const error = errorKey(snoozeRes.error ?? updateRes.error ?? deleteRes.error);
  return (
    <View style={[ui.card, { borderColor: theme.border }]} testID={`alert-${alert.id}`}>
      <Text style={{ color: theme.text, fontWeight: '700', fontSize: 16 }}>{alert.name}</Text>
      <Text style={{ color: theme.text }}>{describeCondition(alert, t, locale)}</Text>
      {action ? (
        <Text style={{ color: theme.accent, fontWeight: '600' }} testID={`alert-${alert.id}-action`}>
          {alert.armedWithStepUp ? t('alerts.armed', { action }) : action}
        </Text>
      ) : null}
      <Text style={{ color: theme.muted, fontSize: 13 }} testID={`alert-${alert.id}-status`}>
        {t(`alerts.status.${alert.status}`)} · {t(`alerts.modes.${alert.mode}`)} · {t('alerts.fires', { n: formatNumber(String(alert.fires), locale) })}
        {snoozed && alert.snoozedUntil ? ` · ${t('alerts.snoozedUntil', { time: formatDateTime(alert.snoozedUntil, locale) })}` : ''}
      </Text>
      {alert.expiresAt || alert.webhookUrl ? (
        <Text style={{ color: theme.muted, fontSize: 13 }} testID={`alert-${alert.id}-extras`}>
          {[
            alert.expiresAt ? t('alerts.expiresAt', { time: formatDateTime(alert.expiresAt, locale) }) : null,
            alert.webhookUrl ? t('alerts.webhookTo', { url: alert.webhookUrl }) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      ) : null}
      <View style={ui.actions}>
        {alert.status === 'ACTIVE' || alert.status === 'PAUSED' ? (
          <Button
            label={snoozed ? t('alerts.unsnooze') : t('alerts.snooze')}
            accessibilityLabel={snoozed ? t('alerts.unsnoozeLabel', { name: alert.name }) : t('alerts.snoozeLabel', { name: alert.name })}
            onPress={() => void snooze({ id: alert.id, minutes: snoozed ? 0 : SNOOZE_MINUTES })}
            testID={`alert-${alert.id}-snooze`}
          />
        ) : null}
        {alert.status === 'ACTIVE' || alert.status === 'PAUSED' ? (
          <Button
            label={alert.status === 'ACTIVE' ? t('alerts.pause') : t('alerts.resume')}
            accessibilityLabel={t(alert.status === 'ACTIVE' ? 'alerts.pauseLabel' : 'alerts.resumeLabel', { name: alert.name })}
            onPress={() => void update({ id: alert.id, input: { active: alert.status !== 'ACTIVE' } })}
            testID={`alert-${alert.id}-toggle`}
          />
        ) : null}
        {!editing && (alert.status === 'ACTIVE' || alert.status === 'PAUSED') ? (
          <Button
            label={t('alerts.edit.open')}
            accessibilityLabel={t('alerts.edit.openLabel', { name: alert.name })}
            onPress={() => setEditing(true)}
            testID={`alert-${alert.id}-edit-open`}
          />
        ) : null}
        <Button
          label={showHistory ? t('alerts.hideHistory') : t('alerts.history')}
          accessibilityLabel={t('alerts.historyLabel', { name: alert.name })}
          onPress={() => setShowHistory((s) => !s)}
          testID={`alert-${alert.id}-history`}
        />
        <Button
          label={t('alerts.delete')}
          accessibilityLabel={t('alerts.deleteLabel', { name: alert.name })}
          kind="danger"
          onPress={() => void remove({ id: alert.id }, { additionalTypenames: ['Alert'] }).then((r) => r.data?.deleteAlert && onDeleted())}
          testID={`alert-${alert.id}-delete`}
        />
      </View>
      {error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(error)}
        </Text>
      ) : null}
      {editing ? (
        <AlertEditForm
          alert={alert}
          onSaved={(next) => {
            setOwn(next);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      {showHistory ? <AlertHistory alertId={alert.id} names={names} /> : null}
    </View>
  );
}

/** Alerts: list, create (notify or armed with a step-up), snooze, pause, delete, history, live banner. */
export default function AlertsScreen() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const router = useRouter();
  const [res, refetch] = useQuery({ query: AlertsQuery });
  const [historyRes, refetchHistory] = useQuery({ query: AlertTriggersQuery, variables: { alertId: null, first: HISTORY_PAGE } });
  const [live] = useSubscription({ query: AlertTriggeredSubscription }, (prev: AlertTriggerFieldsFragment[] = [], event): AlertTriggerFieldsFragment[] => [
    event.alertTriggered,
    ...prev.filter((tr) => tr.id !== event.alertTriggered.id),
  ]);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleted, setDeleted] = useState<Set<string>>(new Set());
  const refresh = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchHistory({ requestPolicy: 'network-only' });
  };
  const guarded = useGuardedAction();

  const history = useMemo(() => {
    const seen = new Set<string>();
    const out: AlertTriggerFieldsFragment[] = [];
    for (const tr of [...(live.data ?? []), ...(historyRes.data?.alertTriggers.edges ?? []).map((e) => e.node)]) {
      if (!seen.has(tr.id)) {
        seen.add(tr.id);
        out.push(tr);
      }
    }
    return out;
  }, [live.data, historyRes.data]);

  if (res.fetching && !res.data) return <Loading />;
  if (res.error && !res.data) return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={refresh} />;
  const data = res.data;
  if (!data) return <Loading />;
  const alerts = data.alerts.filter((a) => !deleted.has(a.id));
  const names = Object.fromEntries(data.alerts.map((a) => [a.id, a.name]));
  const latest = live.data?.[0];

  return (
    <ScrollView
      style={{ backgroundColor: theme.background }}
      contentContainerStyle={ui.content}
      refreshControl={<RefreshControl refreshing={false} onRefresh={refresh} />}
      keyboardShouldPersistTaps="handled"
    >
      <Stack.Screen options={{ title: t('bots.alertsLink'), headerBackTitle: t('common.back') }} />
      {latest && latest.id !== dismissed ? (
        <View accessibilityLiveRegion="polite" style={[ui.card, { borderColor: theme.accent, backgroundColor: theme.surface }]} testID="alert-banner">
          <Text accessibilityRole="alert" style={{ color: theme.text, fontWeight: '700' }}>
            {t('alerts.fired', { name: latest.name ?? names[latest.alertId] ?? '', value: formatNumber(latest.value, locale) })}
          </Text>
          {latest.actionResult ? <Text style={{ color: theme.muted }}>{latest.actionResult}</Text> : null}
          <View style={ui.actions}>
            <Button label={t('common.close')} accessibilityLabel={t('alerts.dismissBanner')} onPress={() => setDismissed(latest.id)} testID="alert-banner-close" />
          </View>
        </View>
      ) : null}

      <View style={ui.actions}>
        {!creating ? <Button label={t('alerts.new')} kind="primary" onPress={() => setCreating(true)} testID="alerts-new" /> : null}
      </View>
      {creating ? (
        <AlertForm
          accounts={data.exchangeAccounts}
          bots={data.bots}
          guarded={guarded}
          onCreated={() => {
            setCreating(false);
            refetch({ requestPolicy: 'network-only' });
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}

      <SectionHeader>{t('alerts.yourAlerts')}</SectionHeader>
      {alerts.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="alerts-empty">
          {t('alerts.empty')}
        </Text>
      ) : (
        alerts.map((a) => (
          <AlertRow key={a.id} alert={a} names={names} onDeleted={() => setDeleted((prev) => new Set(prev).add(a.id))} />
        ))
      )}

      <SectionHeader>{t('alerts.recentTriggers')}</SectionHeader>
      {historyRes.error && !historyRes.data ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(errorKey(historyRes.error) ?? 'errors.generic')}
        </Text>
      ) : (
        <TriggerList triggers={history} names={names} testID="triggers" />
      )}
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings')} />
    </ScrollView>
  );
}
