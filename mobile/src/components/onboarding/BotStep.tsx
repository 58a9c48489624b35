import { useEffect, useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { BotTemplatesQuery, CreateBotFromTemplateMutation, StartBotMutation } from '../../graphql/bots';
import type { BotFieldsFragment } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import type { GuardedAction } from '../../auth/useGuardedAction';
import { Loading } from '../States';
import type { Template } from '../bots/TemplateCard';
import { Button, Field } from '../controls';
import { errorCode, fieldError, ui } from '../bots/ui';
import { useTheme } from '../../theme';

const DECIMAL = /^\d+(\.\d+)?$/;

export type OnboardingBot = BotFieldsFragment;

/** What went wrong creating or starting the first bot, as an i18n key (null: nothing). */
export function firstBotErrorKey(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  const named = fieldError(error);
  if (named?.field === 'templateId') return 'onboarding.bot.unavailable';
  if (named?.field === 'capital') return 'bots.create.positive';
  const code = errorCode(error);
  if (code === 'ACCOUNT_NOT_RECONCILED' || code === 'CONFLICT') return `bots.errors.${code}`;
  return errorKey(error) ?? 'errors.generic';
}

/**
 * The last step: the picked template with a capital (its suggestion by default) on the account of
 * its venue → createBotFromTemplate (once; a retry reuses the created bot) → startBot behind the
 * step-up: the server's summary in the confirmation sheet, then the passkey prompt. Shows the bot
 * running at the end.
 */
export function BotStep({
  template,
  bot,
  onBot,
  guarded,
  onChooseTemplate,
  onOpenBot,
}: {
  template: Template | null;
  bot: OnboardingBot | null;
  onBot: (bot: OnboardingBot) => void;
  guarded: GuardedAction;
  onChooseTemplate: () => void;
  onOpenBot: (id: string) => void;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res] = useQuery({ query: BotTemplatesQuery });
  const [createRes, createFromTemplate] = useMutation(CreateBotFromTemplateMutation);
  const [, startBot] = useMutation(StartBotMutation);
  const [capital, setCapital] = useState(template?.suggestedCapital ?? '');
  const [capitalError, setCapitalError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null); // an i18n key

  useEffect(() => {
    setCapital(template?.suggestedCapital ?? '');
    setProblem(null);
    setCapitalError(null);
  }, [template?.id]);

  if (!template) {
    return (
      <View testID="onboarding-bot-no-template">
        <Text style={{ color: theme.muted, marginBottom: 8 }}>{t('onboarding.bot.pickFirst')}</Text>
        <Button label={t('onboarding.bot.chooseTemplate')} kind="primary" onPress={onChooseTemplate} testID="onboarding-choose-template" />
      </View>
    );
  }
  if (res.fetching && !res.data) return <Loading testID="onboarding-bot-loading" />;
  const accounts = res.data?.exchangeAccounts ?? [];
  const account = accounts.find((a) => a.venue === template.venue) ?? null;
  const ours = bot && bot.templateId === template.id ? bot : null;

  if (ours?.state === 'RUNNING') {
    return (
      <View style={[ui.card, { borderColor: theme.border, backgroundColor: theme.surface }]} testID="onboarding-bot-running">
        <Text accessibilityRole="alert" style={{ color: theme.up, fontSize: 18, fontWeight: '700', marginBottom: 8 }}>
          {t('onboarding.bot.running', { name: ours.name })}
        </Text>
        <Text style={{ color: theme.muted, marginBottom: 8 }}>{t('onboarding.bot.runningNote')}</Text>
        <Button label={t('onboarding.bot.open')} onPress={() => onOpenBot(ours.id)} testID="onboarding-open-bot" />
      </View>
    );
  }

  const start = async () => {
    setProblem(null);
    if (!DECIMAL.test(capital.trim()) || Number(capital) <= 0) {
      setCapitalError(t('bots.create.positive'));
      return;
    }
    setCapitalError(null);
    if (!account) {
      setProblem('bots.create.noAccount');
      return;
    }
    let created = ours;
    if (!created) {
      const r = await createFromTemplate({ input: { templateId: template.id, accountId: account.id, capital: capital.trim(), name: null } });
      if (r.error || !r.data) {
        const key = firstBotErrorKey(r.error);
        if (key === 'bots.create.positive') setCapitalError(t(key));
        else setProblem(key ?? 'errors.generic');
        return;
      }
      created = r.data.createBotFromTemplate;
      onBot(created);
    }
    const id = created.id;
    await guarded.prepare({ kind: 'startBot', botId: id, venue: created.venue }, async (stepUp) => {
      const r = await startBot({ id, stepUp });
      if (r.data) onBot(r.data.startBot);
      // STEP_UP_* errors say what to do next in the sheet; others by their code.
      if (r.error && !errorCode(r.error)?.startsWith('STEP_UP_')) return { messageKey: firstBotErrorKey(r.error) ?? 'errors.generic' };
      return { error: r.error };
    });
  };

  const busy = createRes.fetching || guarded.state.phase === 'preparing' || guarded.state.phase === 'submitting';
  return (
    <View testID="onboarding-bot-form">
      <View style={[ui.card, { borderColor: theme.border, backgroundColor: theme.surface }]}>
        <Text style={{ color: theme.text, fontSize: 16, fontWeight: '700' }} testID="onboarding-bot-template">
          {template.name}
        </Text>
        <Text style={{ color: theme.muted }}>
          {t('onboarding.bot.where', { symbol: template.symbol, account: account ? account.label : '—' })}
        </Text>
        {ours ? (
          <Text style={{ color: theme.muted, marginTop: 4 }} testID="onboarding-bot-created">
            {t('onboarding.bot.created', { name: ours.name })}
          </Text>
        ) : null}
      </View>
      {ours ? null : (
        <Field label={t('bots.create.capital')} value={capital} onChangeText={setCapital} error={capitalError ?? undefined} keyboardType="decimal-pad" testID="onboarding-capital" />
      )}
      {problem ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger, marginVertical: 8 }} testID="onboarding-bot-error">
          {t(problem)}
        </Text>
      ) : null}
      {problem === 'onboarding.bot.unavailable' ? (
        <Button label={t('onboarding.bot.chooseTemplate')} onPress={onChooseTemplate} testID="onboarding-choose-template" />
      ) : null}
      <View style={ui.actions}>
        <Button
          label={busy ? t('onboarding.bot.starting') : t('onboarding.bot.start')}
          kind="primary"
          disabled={busy}
          onPress={() => void start()}
          testID="onboarding-bot-start"
        />
      </View>
      <Text style={{ color: theme.muted }}>{t('onboarding.bot.stepUpNote')}</Text>
    </View>
  );
}
