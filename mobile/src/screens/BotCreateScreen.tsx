import { useEffect, useState } from 'react';
import { ScrollView, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { Stack, useLocalSearchParams, useRouter } from 'expo-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { BotTemplatesQuery, CreateBotFromTemplateMutation, CreateBotMutation } from '../graphql/bots';
import { errorKey } from '../graphql/errors';
import { ErrorState, Loading } from '../components/States';
import { TemplateCard } from '../components/bots/TemplateCard';
import { Button, Field } from '../components/controls';
import { Chip, ChipGroup, SectionHeader, fieldError, ui } from '../components/bots/ui';
import { CUSTOM_KINDS, PARAM_SPECS, formField, paramsJson, validateParams } from '../components/bots/params';
import { useTheme } from '../theme';

const DECIMAL = /^\d+(\.\d+)?$/;

/** Create a bot: from a template with a capital (`?templateId=`), or a custom one with validated params. */
export default function BotCreateScreen() {
  const { templateId } = useLocalSearchParams<{ templateId?: string }>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const router = useRouter();
  const [res, refetch] = useQuery({ query: BotTemplatesQuery });
  const [fromTemplateRes, createFromTemplate] = useMutation(CreateBotFromTemplateMutation);
  const [customRes, createCustom] = useMutation(CreateBotMutation);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [capital, setCapital] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState(CUSTOM_KINDS[0]);
  const [symbol, setSymbol] = useState('BTC/USDT');
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);

  const template = res.data?.botTemplates.find((tpl) => tpl.id === templateId) ?? null;
  const accounts = res.data?.exchangeAccounts ?? [];

  useEffect(() => {
    if (!res.data) return;
    const venue = template?.venue ?? 'sim';
    setAccountId((current) => current ?? (accounts.find((a) => a.venue === venue) ?? accounts[0])?.id ?? null);
    if (template) setCapital((current) => current || template.suggestedCapital);
  }, [res.data, template?.id]);

  if (res.fetching && !res.data) return <Loading />;
  if (res.error && !res.data) {
    return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  }
  if (templateId && !template) return <ErrorState message={t('bots.create.templateMissing')} />;

  /** A server error at its field when it names one (params.levels → levels), else above the button. */
  const showServerError = (error: CombinedError) => {
    const named = fieldError(error);
    if (named) {
      setErrors({ [formField(named.field)]: named.message });
      setGeneral(null);
    } else {
      setGeneral(t(errorKey(error) ?? 'errors.generic'));
    }
  };

  const submit = async () => {
    setGeneral(null);
    const local: Record<string, string> = {};
    if (!accountId) local.accountId = 'bots.create.noAccount';
    if (template) {
      if (!DECIMAL.test(capital.trim()) || Number(capital) <= 0) local.capital = 'bots.create.positive';
    } else {
      Object.assign(local, validateParams(kind, values));
      if (!/^[A-Z0-9]+\/[A-Z0-9]+$/.test(symbol.trim())) local.symbol = 'bots.create.symbolFormat';
    }
    setErrors(Object.fromEntries(Object.entries(local).map(([k, v]) => [k, t(v)])));
    if (Object.keys(local).length > 0 || !accountId) return;
    const botName = name.trim() || null;
    const r = template
      ? await createFromTemplate({ input: { templateId: template.id, accountId, capital: capital.trim(), name: botName } })
      : await createCustom({ input: { accountId, kind, symbol: symbol.trim(), params: paramsJson(kind, values), name: botName } });
    if (r.error) {
      showServerError(r.error);
      return;
    }
    const bot = r.data && ('createBotFromTemplate' in r.data ? r.data.createBotFromTemplate : r.data.createBot);
    if (bot) router.replace(`/bots/${bot.id}`);
  };

  const busy = fromTemplateRes.fetching || customRes.fetching;

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={ui.content} keyboardShouldPersistTaps="handled">
      <Stack.Screen options={{ title: t('bots.newBot'), headerBackTitle: t('common.back') }} />
      <Text accessibilityRole="header" style={{ color: theme.text, fontSize: 22, fontWeight: '700', marginBottom: 8 }}>
        {template ? t('bots.create.fromTemplate') : t('bots.create.custom')}
      </Text>
      {template ? <TemplateCard template={template} locale={locale} /> : null}

      {accounts.length > 1 ? (
        <ChipGroup label={t('bots.create.account')}>
          {accounts.map((a) => (
            <Chip key={a.id} label={`${a.label} (${a.venue})`} selected={a.id === accountId} onPress={() => setAccountId(a.id)} testID={`account-${a.id}`} />
          ))}
        </ChipGroup>
      ) : null}
      {errors.accountId ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {errors.accountId}
        </Text>
      ) : null}

      {template ? (
        <Field label={t('bots.create.capital')} value={capital} onChangeText={setCapital} error={errors.capital} keyboardType="decimal-pad" testID="create-capital" />
      ) : (
        <>
          <ChipGroup label={t('bots.create.kind')}>
            {CUSTOM_KINDS.map((k) => (
              <Chip
                key={k}
                label={t(`bots.kinds.${k}`)}
                selected={k === kind}
                onPress={() => {
                  setKind(k);
                  setErrors({});
                }}
                testID={`kind-${k}`}
              />
            ))}
          </ChipGroup>
          <Field label={t('bots.create.symbol')} value={symbol} onChangeText={setSymbol} error={errors.symbol} autoCapitalize="none" autoCorrect={false} testID="create-symbol" />
          <SectionHeader>{t('bots.params')}</SectionHeader>
          {PARAM_SPECS[kind].map((spec) => (
            <Field
              key={spec.name}
              label={t(`bots.paramNames.${spec.name}`)}
              value={values[spec.name] ?? ''}
              onChangeText={(v) => setValues((prev) => ({ ...prev, [spec.name]: v }))}
              error={errors[spec.name]}
              keyboardType={spec.type === 'int' ? 'number-pad' : 'decimal-pad'}
              placeholder={spec.example}
              testID={`param-${spec.name}`}
            />
          ))}
        </>
      )}
      <Field label={t('bots.create.name')} value={name} onChangeText={setName} error={errors.name} testID="create-name" />
      {general ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="create-error">
          {general}
        </Text>
      ) : null}
      <View style={ui.actions}>
        <Button label={busy ? t('bots.create.creating') : t('bots.create.submit')} kind="primary" disabled={busy} onPress={() => void submit()} testID="create-submit" />
      </View>
      <Text style={{ color: theme.muted }}>{t('bots.create.stoppedNote')}</Text>
    </ScrollView>
  );
}
