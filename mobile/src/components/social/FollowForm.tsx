import { useState } from 'react';
import { Switch, Text, View } from 'react-native';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useGuardedAction } from '../../auth/useGuardedAction';
import { ConfirmSheet } from '../ConfirmSheet';
import { Empty, Loading } from '../States';
import type { CopySizing, FollowTraderInput } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { CopyAccountsQuery, FollowTraderMutation } from '../../graphql/social';
import { useTheme } from '../../theme';
import { FOLLOW_ERRORS, guardedResult } from './FollowingSection';
import { Button, Field } from '../controls';
import { Alert, Chips, isPositiveDecimal, socialStyles } from './ui';

export interface FollowDraft {
  accountId: string | null;
  allocation: string;
  sizing: CopySizing;
  ratio: string;
  fixedAmount: string;
  maxPerTrade: string;
  slippageGuardPct: string;
  stopLossPct: string;
  copyOpenPositions: boolean;
}

/** Field → i18n key of what is wrong, or an empty object when the draft can be sent. */
export function validateFollow(d: FollowDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.accountId) errors.accountId = 'social.follow.pickAccount';
  if (!isPositiveDecimal(d.allocation)) errors.allocation = 'social.follow.badAmount';
  if (d.sizing === 'PROPORTIONAL' && (!isPositiveDecimal(d.ratio) || Number(d.ratio) > 10)) errors.ratio = 'social.follow.badRatio';
  if (d.sizing === 'FIXED' && !isPositiveDecimal(d.fixedAmount)) errors.fixedAmount = 'social.follow.badAmount';
  if (d.maxPerTrade.trim() && !isPositiveDecimal(d.maxPerTrade)) errors.maxPerTrade = 'social.follow.badAmount';
  if (!isPositiveDecimal(d.slippageGuardPct) || Number(d.slippageGuardPct) > 100) errors.slippageGuardPct = 'social.follow.badPct';
  if (d.stopLossPct.trim() && (!isPositiveDecimal(d.stopLossPct) || Number(d.stopLossPct) > 100)) errors.stopLossPct = 'social.follow.badPct';
  return errors;
}

export function followInput(traderId: string, d: FollowDraft): FollowTraderInput {
  return {
    traderId,
    accountId: d.accountId ?? '',
    allocation: d.allocation.trim(),
    sizing: d.sizing,
    ratio: d.sizing === 'PROPORTIONAL' ? d.ratio.trim() : '1',
    fixedAmount: d.sizing === 'FIXED' ? d.fixedAmount.trim() : null,
    maxPerTrade: d.maxPerTrade.trim() || null,
    slippageGuardPct: d.slippageGuardPct.trim(),
    copyOpenPositions: d.copyOpenPositions,
    stopLossPct: d.stopLossPct.trim() || null,
  };
}

/** Copy a trader: account, allocation and sizing; sent with a step-up bound to trader and allocation. */
export function FollowForm({ traderId, onFollowed }: { traderId: string; onFollowed(): void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [accountsRes] = useQuery({ query: CopyAccountsQuery });
  const accounts = accountsRes.data?.exchangeAccounts ?? [];
  const [draft, setDraft] = useState<FollowDraft>({
    accountId: null,
    allocation: '',
    sizing: 'PROPORTIONAL',
    ratio: '1',
    fixedAmount: '',
    maxPerTrade: '',
    slippageGuardPct: '1',
    stopLossPct: '',
    copyOpenPositions: false,
  });
  const [touched, setTouched] = useState(false);
  const [followRes, follow] = useMutation(FollowTraderMutation);
  const guarded = useGuardedAction(onFollowed);
  const current = { ...draft, accountId: draft.accountId ?? accounts[0]?.id ?? null };
  const errors = touched ? validateFollow(current) : {};
  const set = (patch: Partial<FollowDraft>) => setDraft((d) => ({ ...d, ...patch }));

  if (accountsRes.fetching && accounts.length === 0) return <Loading />;
  if (accounts.length === 0) return <Empty message={t('social.noAccounts')} />;

  const submit = async () => {
    setTouched(true);
    if (Object.keys(validateFollow(current)).length > 0) return;
    const input = followInput(traderId, current);
    await guarded.prepare({ kind: 'followTrader', traderId, amount: input.allocation }, async (stepUp) => {
      const r = await follow({ input, stepUp });
      return guardedResult(r.error);
    });
  };

  const err = (key: string) => (errors[key] ? t(errors[key]) : null);
  const serverError = errorKey(followRes.error, FOLLOW_ERRORS);
  return (
    <View style={{ gap: 10 }} testID="follow-form">
      <Chips
        label={t('social.account')}
        options={accounts.map((a) => ({ value: a.id, label: `${a.label} (${a.venue})` }))}
        value={current.accountId ?? ''}
        onChange={(accountId) => set({ accountId })}
        testID="follow-account"
      />
      <Field label={t('social.follow.allocation')} value={draft.allocation} onChangeText={(allocation) => set({ allocation })} inputMode="decimal" placeholder="1000" error={err('allocation')} testID="follow-allocation" />
      <Chips
        label={t('social.follow.sizing')}
        options={(['PROPORTIONAL', 'FIXED'] as CopySizing[]).map((s) => ({ value: s, label: t(`social.sizing.${s}`) }))}
        value={draft.sizing}
        onChange={(sizing) => set({ sizing })}
        testID="follow-sizing"
      />
      {draft.sizing === 'PROPORTIONAL' ? (
        <Field label={t('social.follow.ratio')} value={draft.ratio} onChangeText={(ratio) => set({ ratio })} inputMode="decimal" error={err('ratio')} testID="follow-ratio" />
      ) : (
        <Field label={t('social.follow.fixedAmount')} value={draft.fixedAmount} onChangeText={(fixedAmount) => set({ fixedAmount })} inputMode="decimal" error={err('fixedAmount')} testID="follow-fixed" />
      )}
      <Field label={t('social.follow.maxPerTrade')} value={draft.maxPerTrade} onChangeText={(maxPerTrade) => set({ maxPerTrade })} inputMode="decimal" error={err('maxPerTrade')} testID="follow-max" />
      <Field label={t('social.follow.slippage')} value={draft.slippageGuardPct} onChangeText={(slippageGuardPct) => set({ slippageGuardPct })} inputMode="decimal" error={err('slippageGuardPct')} testID="follow-slippage" />
      <Field label={t('social.follow.stopLoss')} value={draft.stopLossPct} onChangeText={(stopLossPct) => set({ stopLossPct })} inputMode="decimal" error={err('stopLossPct')} testID="follow-stoploss" />
      <View style={[socialStyles.row, { borderColor: theme.border }]}>
        <Text style={{ color: theme.text, flex: 1 }}>{t('social.follow.copyOpen')}</Text>
        <Switch
          accessibilityLabel={t('social.follow.copyOpen')}
          value={draft.copyOpenPositions}
          onValueChange={(copyOpenPositions) => set({ copyOpenPositions })}
          style={{ minHeight: 44, minWidth: 44 }}
          testID="follow-copy-open"
        />
      </View>
      <Alert text={serverError ? t(serverError) : null} />
      <Button label={t('social.follow.review')} kind="primary" onPress={() => void submit()} busy={guarded.state.phase === 'preparing'} testID="follow-submit" />
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings' as never)} />
    </View>
  );
}
