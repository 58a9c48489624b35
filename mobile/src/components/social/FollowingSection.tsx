import { useState } from 'react';
import { Switch, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { stepUpProblem } from '../../graphql/stepUpErrors';
import { useRouter } from 'expo-router';
import { useGuardedAction } from '../../auth/useGuardedAction';
import { ConfirmSheet } from '../ConfirmSheet';
import { Empty, ErrorState, Loading } from '../States';
import { formatMoney } from '../../format';
import type { CopySkippedLiveSubscription, FollowFieldsFragment } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { FollowingQuery, UnfollowTraderMutation, UpdateFollowMutation } from '../../graphql/social';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Alert, isPositiveDecimal, socialStyles } from './ui';

type Skipped = CopySkippedLiveSubscription['copySkipped'];

/** A guarded mutation's outcome for useGuardedAction: STEP_UP_* stay errors (retry/enrol), others say what went wrong. */
export function guardedResult(error: CombinedError | undefined): { error?: CombinedError; messageKey?: string } {
  if (!error) return {};
  if (stepUpProblem(error)) return { error };
  return { messageKey: errorKey(error, FOLLOW_ERRORS) ?? 'errors.generic' };
}

/** Server codes of the follow mutations → i18n keys. */
export const FOLLOW_ERRORS: Record<string, string> = {
  CANNOT_FOLLOW_SELF: 'social.errors.CANNOT_FOLLOW_SELF',
  UNKNOWN_TRADER: 'social.errors.UNKNOWN_TRADER',
  ALLOCATION_ABOVE_FREE_BALANCE: 'social.errors.ALLOCATION_ABOVE_FREE_BALANCE',
  ALREADY_FOLLOWING: 'social.errors.ALREADY_FOLLOWING',
  NOT_FOLLOWING: 'social.errors.NOT_FOLLOWING',
  ALREADY_SUBSCRIBED: 'social.errors.ALREADY_SUBSCRIBED',
  CANNOT_SUBSCRIBE_OWN: 'social.errors.CANNOT_SUBSCRIBE_OWN',
};

function FollowRow({ follow, onChanged }: { follow: FollowFieldsFragment; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const locale = i18n.language;
  const [mode, setMode] = useState<'idle' | 'edit' | 'unfollow'>('idle');
  const [allocation, setAllocation] = useState(follow.allocation);
  const [closePositions, setClosePositions] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [unfollowRes, unfollow] = useMutation(UnfollowTraderMutation);
  const [updateRes, update] = useMutation(UpdateFollowMutation);
  const guarded = useGuardedAction(() => {
    setMode('idle');
    setNotice(t('social.following.updated'));
    onChanged();
  });
  const pnl = Number(follow.copyPnl);

  const saveAllocation = async () => {
    if (!isPositiveDecimal(allocation)) return;
    const input = { traderId: follow.traderId, allocation: allocation.trim() };
    if (Number(allocation) > Number(follow.allocation)) {
      // A higher allocation puts more money behind the trader: step-up.
      await guarded.prepare({ kind: 'increaseAllocation', traderId: follow.traderId, amount: input.allocation }, async (stepUp) => {
        const r = await update({ input, stepUp });
        return guardedResult(r.error);
      });
      return;
    }
    const r = await update({ input, stepUp: null });
    if (!r.error) {
      setMode('idle');
      setNotice(t('social.following.updated'));
      onChanged();
    }
  };

  const doUnfollow = async () => {
    const r = await unfollow({ traderId: follow.traderId, closePositions });
    if (!r.error && r.data) {
      setMode('idle');
      setNotice(t('social.following.unfollowed', { count: r.data.unfollowTrader.closingOrders.length }));
      onChanged();
    }
  };

  const error = errorKey(unfollowRes.error ?? updateRes.error, FOLLOW_ERRORS);
  return (
    <View style={[socialStyles.card, { borderColor: theme.border }]} testID={`follow-${follow.traderId}`}>
      <Text style={{ color: theme.text, fontWeight: '600', fontSize: 15 }}>
        {t('social.following.trader', { id: follow.traderId })} · {t(follow.active ? 'social.following.active' : 'social.following.stopped')}
      </Text>
      <Text style={{ color: theme.muted }}>
        {t('social.following.allocation', { amount: formatMoney(follow.allocation, 'USDT', locale) })} ·{' '}
        {t(`social.sizing.${follow.sizing}`)}
      </Text>
      <Text style={{ color: pnl > 0 ? theme.up : pnl < 0 ? theme.down : theme.text, fontWeight: '600' }} testID={`copy-pnl-${follow.traderId}`}>
        {t('social.following.copyPnl', { pnl: formatMoney(follow.copyPnl, 'USDT', locale, 2) })}
      </Text>
      <Alert text={notice} tone="muted" />
      <Alert text={error ? t(error) : null} />
      {mode === 'edit' ? (
        <View style={{ gap: 8 }}>
          <Field
            label={t('social.follow.allocation')}
            value={allocation}
            onChangeText={setAllocation}
            inputMode="decimal"
            error={isPositiveDecimal(allocation) ? null : t('social.follow.badAmount')}
            testID={`allocation-${follow.traderId}`}
          />
          <View style={socialStyles.actions}>
            <Button label={t('social.save')} kind="primary" onPress={() => void saveAllocation()} busy={updateRes.fetching} testID={`save-allocation-${follow.traderId}`} />
            <Button label={t('common.cancel')} onPress={() => setMode('idle')} />
          </View>
        </View>
      ) : mode === 'unfollow' ? (
        <View style={{ gap: 8 }}>
          <View style={[socialStyles.row, { borderColor: theme.border }]}>
            <Text style={{ color: theme.text, flex: 1 }}>{t('social.following.closePositions')}</Text>
            <Switch
              accessibilityLabel={t('social.following.closePositions')}
              value={closePositions}
              onValueChange={setClosePositions}
              style={{ minHeight: 44, minWidth: 44 }}
              testID={`close-positions-${follow.traderId}`}
            />
          </View>
          <View style={socialStyles.actions}>
            <Button label={t('social.following.confirmUnfollow')} kind="danger" onPress={() => void doUnfollow()} busy={unfollowRes.fetching} testID={`confirm-unfollow-${follow.traderId}`} />
            <Button label={t('common.cancel')} onPress={() => setMode('idle')} />
          </View>
        </View>
      ) : follow.active ? (
        <View style={socialStyles.actions}>
          <Button label={t('social.following.edit')} onPress={() => setMode('edit')} testID={`edit-${follow.traderId}`} />
          <Button label={t('social.following.unfollow')} kind="danger" onPress={() => setMode('unfollow')} testID={`unfollow-${follow.traderId}`} />
        </View>
      ) : null}
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings' as never)} />
    </View>
  );
}

/** The traders you copy with copy P&L, change allocation (step-up when higher), unfollow; skipped copies live. */
export function FollowingSection({ skipped = [] }: { skipped?: Skipped[] }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res, refetch] = useQuery({ query: FollowingQuery, requestPolicy: 'cache-and-network' });

  if (res.fetching && !res.data) return <Loading />;
  if (!res.data) return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  const follows = res.data.following;
  return (
    <View style={{ gap: 10 }}>
      {follows.length === 0 ? <Empty message={t('social.following.empty')} /> : null}
      {follows.map((f) => (
        <FollowRow key={f.id} follow={f} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
      ))}
      {skipped.map((s) => (
        <Text key={s.leaderFillId} style={{ color: theme.muted }} testID={`skipped-${s.leaderFillId}`}>
          {t('social.following.skipped', { side: s.side, symbol: s.symbol, reason: t(`social.skipReasons.${s.skipReason}`, { defaultValue: s.skipReason }) })}
        </Text>
      ))}
    </View>
  );
}
