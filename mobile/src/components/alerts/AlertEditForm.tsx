import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { UpdateAlertMutation } from '../../graphql/alerts';
import type { AlertDirection, AlertFieldsFragment, UpdateAlertInput } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Chip, ChipGroup, fieldError, ui } from '../bots/ui';
import { MAX_EXPIRY_HOURS, WEBHOOK_URL } from './AlertForm';

const DIRECTIONS: AlertDirection[] = ['ABOVE', 'BELOW', 'CROSSES'];
const DECIMAL = /^-?\d+(\.\d+)?$/;
const INT = /^\d+$/;

/** The updateAlert input for what changed (empty: nothing to send), or the i18n keys of what is wrong. */
export function alertChanges(
  alert: AlertFieldsFragment,
  v: { name: string; direction: AlertDirection | null; threshold: string; cooldown: string; webhookUrl: string; expiresHours: string },
  now: number = Date.now(),
): { input: UpdateAlertInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const input: UpdateAlertInput = {};
  const name = v.name.trim();
  if (!name) errors.name = 'alerts.form.required';
  else if (name !== alert.name) input.name = name;
  if (alert.market) {
    const threshold = v.threshold.trim();
    if (!DECIMAL.test(threshold)) errors.threshold = 'alerts.form.number';
    else if (alert.market.metric === 'PRICE' && Number(threshold) <= 0) errors.threshold = 'alerts.form.positive';
    else if (alert.market.metric === 'RSI' && (Number(threshold) <= 0 || Number(threshold) >= 100)) errors.threshold = 'alerts.form.rsiRange';
    else if (Number(threshold) !== Number(alert.market.threshold)) input.threshold = threshold;
    if (v.direction && v.direction !== alert.market.direction) input.direction = v.direction;
  }
  if (alert.mode === 'RECURRING') {
    if (!INT.test(v.cooldown.trim())) errors.cooldown = 'alerts.form.wholeNumber';
    else if (Number(v.cooldown) !== alert.cooldownSeconds) input.cooldownSeconds = Number(v.cooldown);
  }
  const url = v.webhookUrl.trim();
  if (url && (!WEBHOOK_URL.test(url) || url.length > 500)) errors.webhookUrl = 'alerts.form.webhookFormat';
  else if (url && url !== (alert.webhookUrl ?? '')) input.webhookUrl = url;
  else if (!url && alert.webhookUrl) input.clearWebhook = true;
  const hours = v.expiresHours.trim();
  if (hours && (!INT.test(hours) || Number(hours) < 1 || Number(hours) > MAX_EXPIRY_HOURS)) errors.expiresHours = 'alerts.form.expiryRange';
  else if (hours) input.expiresAt = new Date(now + Number(hours) * 3_600_000).toISOString();
  return { input, errors };
}

/**
 * Change an alert in place (updateAlert): name, threshold and direction of a market condition, the
 * pause between fires, the webhook and the expiry. The action and its limits were armed with a
 * step-up and cannot change here (delete and create again).
 */
export function AlertEditForm({ alert, onSaved, onCancel }: { alert: AlertFieldsFragment; onSaved: (next: AlertFieldsFragment) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res, update] = useMutation(UpdateAlertMutation);
  const [name, setName] = useState(alert.name);
  const [direction, setDirection] = useState<AlertDirection | null>(alert.market?.direction ?? null);
  const [threshold, setThreshold] = useState(alert.market?.threshold ?? '');
  const [cooldown, setCooldown] = useState(String(alert.cooldownSeconds ?? 0));
  const [webhookUrl, setWebhookUrl] = useState(alert.webhookUrl ?? '');
  const [expiresHours, setExpiresHours] = useState('');
  const [clearExpiry, setClearExpiry] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const id = alert.id;

  const save = async () => {
    setGeneral(null);
    const { input, errors: local } = alertChanges(alert, { name, direction, threshold, cooldown, webhookUrl, expiresHours });
    setErrors(Object.fromEntries(Object.entries(local).map(([k, key]) => [k, t(key)])));
    if (Object.keys(local).length > 0) return;
    if (clearExpiry && !input.expiresAt) input.clearExpiry = true;
    if (Object.keys(input).length === 0) {
      onCancel();
      return;
    }
    const r = await update({ id, input });
    if (r.error || !r.data) {
      const named = fieldError(r.error);
      const at: Record<string, string> = { cooldownSeconds: 'cooldown', expiresAt: 'expiresHours' };
      if (named) setErrors({ [at[named.field] ?? named.field]: named.message });
      else setGeneral(t(errorKey(r.error) ?? 'errors.generic'));
      return;
    }
    onSaved(r.data.updateAlert);
  };

  return (
    <View style={[ui.card, { borderColor: theme.accent, backgroundColor: theme.surface }]} testID={`alert-${id}-edit`}>
      <Field label={t('alerts.form.name')} value={name} onChangeText={setName} error={errors.name} testID={`alert-${id}-edit-name`} />
      {alert.market ? (
        <>
          <ChipGroup label={t('alerts.form.direction')}>
            {DIRECTIONS.map((d) => (
              <Chip key={d} label={t(`alerts.directions.${d}`)} selected={direction === d} onPress={() => setDirection(d)} testID={`alert-${id}-edit-direction-${d}`} />
            ))}
          </ChipGroup>
          <Field
            label={t('alerts.form.threshold')}
            value={threshold}
            onChangeText={setThreshold}
            error={errors.threshold}
            keyboardType="numbers-and-punctuation"
            testID={`alert-${id}-edit-threshold`}
          />
        </>
      ) : null}
      {alert.mode === 'RECURRING' ? (
        <Field label={t('alerts.form.cooldown')} value={cooldown} onChangeText={setCooldown} error={errors.cooldown} keyboardType="number-pad" testID={`alert-${id}-edit-cooldown`} />
      ) : null}
      <Field
        label={t('alerts.form.webhookUrl')}
        value={webhookUrl}
        onChangeText={setWebhookUrl}
        error={errors.webhookUrl}
        keyboardType="url"
        placeholder="https://example.com/hook"
        testID={`alert-${id}-edit-webhook`}
      />
      <Field
        label={alert.expiresAt ? t('alerts.edit.newExpiry') : t('alerts.form.expiresHours')}
        value={expiresHours}
        onChangeText={setExpiresHours}
        error={errors.expiresHours}
        keyboardType="number-pad"
        testID={`alert-${id}-edit-expiry`}
      />
      {alert.expiresAt ? (
        <View style={ui.chips}>
          <Chip
            label={t('alerts.edit.noExpiry')}
            selected={clearExpiry}
            onPress={() => setClearExpiry((c) => !c)}
            testID={`alert-${id}-edit-clear-expiry`}
          />
        </View>
      ) : null}
      {alert.action ? <Text style={{ color: theme.muted, marginTop: 6 }}>{t('alerts.edit.actionLocked')}</Text> : null}
      {general ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID={`alert-${id}-edit-error`}>
          {general}
        </Text>
      ) : null}
      <View style={ui.actions}>
        <Button label={t('alerts.edit.save')} kind="primary" disabled={res.fetching} onPress={() => void save()} testID={`alert-${id}-edit-save`} />
        <Button label={t('common.cancel')} onPress={onCancel} testID={`alert-${id}-edit-cancel`} />
      </View>
    </View>
  );
}
