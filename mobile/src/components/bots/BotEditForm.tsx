import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { UpdateBotMutation } from '../../graphql/bots';
import type { UpdateBotInput } from '../../gql/graphql';
import { Button, Field } from '../controls';
import { SectionHeader, errorCode, fieldError, ui } from './ui';
import { formField } from './params';
import { errorKey } from '../../graphql/errors';
import { useTheme } from '../../theme';

export const LIMIT_NAMES = ['maxPositionNotional', 'maxOrderNotional', 'maxOpenOrders', 'dailyLossLimit'] as const;
type LimitName = (typeof LIMIT_NAMES)[number];
export type Limits = Record<LimitName, string | number | null | undefined>;

const DECIMAL = /^\d+(\.\d+)?$/;
const INT = /^\d+$/;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A param's edited text back to JSON like the original: numbers stay numbers, decimals stay strings. */
export function paramValue(original: unknown, raw: string): unknown {
  const v = raw.trim();
  if (typeof original === 'number') return Number(v);
  if (typeof original === 'boolean') return v === 'true';
  if (typeof original === 'object' && original !== null) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

/**
 * Edit a bot (updateBot): name and risk limits any time, params only while it is stopped (the server
 * says CONFLICT otherwise). Only changed params are sent (they are merged); limits are sent whole
 * (an empty field is "no limit").
 */
export function BotEditForm({
  bot,
  onSaved,
  onCancel,
}: {
  bot: { id: string; name: string; state: string; params: unknown; limits: Limits };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res, update] = useMutation(UpdateBotMutation);
  const params = (typeof bot.params === 'object' && bot.params !== null ? bot.params : {}) as Record<string, unknown>;
  const stopped = bot.state === 'STOPPED' || bot.state === 'ERROR';
  const [name, setName] = useState(bot.name);
  const [limits, setLimits] = useState<Record<LimitName, string>>(
    Object.fromEntries(LIMIT_NAMES.map((n) => [n, text(bot.limits[n])])) as Record<LimitName, string>,
  );
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, text(v)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const save = async () => {
    setGeneral(null);
    const local: Record<string, string> = {};
    if (name.trim().length < 1 || name.trim().length > 80) local.name = t('bots.edit.nameLength');
    for (const n of LIMIT_NAMES) {
      const raw = limits[n].trim();
      if (raw !== '' && !(n === 'maxOpenOrders' ? INT : DECIMAL).test(raw)) local[n] = t(n === 'maxOpenOrders' ? 'bots.create.wholeNumber' : 'bots.create.number');
    }
    const changed: Record<string, unknown> = {};
    if (stopped) {
      for (const [k, original] of Object.entries(params)) {
        if (values[k] === undefined || values[k].trim() === text(original)) continue;
        if (values[k].trim() === '') local[k] = t('bots.create.required');
        else changed[k] = paramValue(original, values[k]);
      }
    }
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    const input: UpdateBotInput = {
      limits: {
        maxPositionNotional: limits.maxPositionNotional.trim() || null,
        maxOrderNotional: limits.maxOrderNotional.trim() || null,
        maxOpenOrders: limits.maxOpenOrders.trim() ? Number(limits.maxOpenOrders) : null,
        dailyLossLimit: limits.dailyLossLimit.trim() || null,
      },
    };
    if (name.trim() !== bot.name) input.name = name.trim();
    if (Object.keys(changed).length > 0) input.params = changed;
    const r = await update({ id: bot.id, input });
    if (r.error || !r.data) {
      const named = fieldError(r.error);
      if (named) {
        const at = named.field.startsWith('limits.') ? named.field.slice('limits.'.length) : formField(named.field);
        setErrors({ [at]: named.message });
      } else if (errorCode(r.error) === 'CONFLICT') setGeneral(t('bots.edit.stopFirst'));
      else setGeneral(t(errorKey(r.error) ?? 'errors.generic'));
      return;
    }
    onSaved();
  };

  return (
    <View style={[ui.card, { borderColor: theme.accent }]} testID="bot-edit">
      <SectionHeader>{t('bots.edit.title')}</SectionHeader>
      <Field label={t('bots.edit.name')} value={name} onChangeText={setName} error={errors.name} testID="edit-name" />
      {LIMIT_NAMES.map((n) => (
        <Field
          key={n}
          label={t(`bots.limits.${n}`)}
          value={limits[n]}
          onChangeText={(v) => setLimits({ ...limits, [n]: v })}
          error={errors[n]}
          placeholder={t('bots.noLimit')}
          keyboardType={n === 'maxOpenOrders' ? 'number-pad' : 'decimal-pad'}
          testID={`edit-limit-${n}`}
        />
      ))}
      <Text style={{ color: theme.muted, marginTop: 8 }}>{t(stopped ? 'bots.edit.paramsHint' : 'bots.edit.paramsLocked')}</Text>
      {stopped
        ? Object.keys(params).map((k) => (
            <Field key={k} label={k} value={values[k] ?? ''} onChangeText={(v) => setValues({ ...values, [k]: v })} error={errors[k]} autoCapitalize="none" autoCorrect={false} testID={`edit-param-${k}`} />
          ))
        : null}
      {general ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="bot-edit-error">
          {general}
        </Text>
      ) : null}
      <View style={ui.actions}>
        <Button label={t('bots.edit.save')} kind="primary" disabled={res.fetching} onPress={() => void save()} testID="bot-edit-save" />
        <Button label={t('common.cancel')} onPress={onCancel} testID="bot-edit-cancel" />
      </View>
    </View>
  );
}
