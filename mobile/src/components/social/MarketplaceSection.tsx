import { useEffect, useState } from 'react';
import { Text, View } from 'react-native';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { useGuardedAction } from '../../auth/useGuardedAction';
import { ConfirmSheet } from '../ConfirmSheet';
import { Empty, ErrorState, Loading } from '../States';
import { formatMoney } from '../../format';
import type { ListingFieldsFragment, StrategyPricing } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { CancelSubscriptionMutation, CopyAccountsQuery, MarketplaceQuery, SubscribeToStrategyMutation } from '../../graphql/social';
import { useTheme } from '../../theme';
import { FOLLOW_ERRORS, guardedResult } from './FollowingSection';
import { PublishForm, ReviewForm } from './PublishForm';
import { Button, Field } from '../controls';
import { Alert, Chips, isPositiveDecimal, socialStyles } from './ui';

type Filter = 'ALL' | StrategyPricing;
type Subscription = { id: string; listingId: string; accountId: string; allocation: string; active: boolean };

export const MARKET_PAGE = 20;

export function priceLabel(listing: ListingFieldsFragment, t: (k: string, o?: Record<string, unknown>) => string, locale: string): string {
  if (listing.pricing === 'MONTHLY') return t('social.market.monthly', { price: formatMoney(listing.monthlyPrice, 'USDT', locale, 2) });
  if (listing.pricing === 'PERFORMANCE') return t('social.market.performance', { pct: listing.performanceFeePct ?? '0' });
  return t('social.market.free');
}

function ListingDetail({ listing, subscription, onChanged }: { listing: ListingFieldsFragment; subscription: Subscription | undefined; onChanged(): void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [accountsRes] = useQuery({ query: CopyAccountsQuery });
  const accounts = accountsRes.data?.exchangeAccounts ?? [];
  const [accountId, setAccountId] = useState<string | null>(null);
  const [allocation, setAllocation] = useState('');
  const [touched, setTouched] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [subRes, subscribe] = useMutation(SubscribeToStrategyMutation);
  const [cancelRes, cancel] = useMutation(CancelSubscriptionMutation);
  const done = () => {
    setNotice(t('social.market.subscribed'));
    onChanged();
  };
  const guarded = useGuardedAction(done);
  const account = accountId ?? accounts[0]?.id ?? null;

  const submit = async () => {
    setTouched(true);
    if (!account || !isPositiveDecimal(allocation)) return;
    const variables = { listingId: listing.id, accountId: account, allocation: allocation.trim() };
    // Subscribing starts a copy of the bot (and paid listings charge fees): always a step-up
    // bound to this listing. Without one the server would leave a free listing's copy stopped.
    await guarded.prepare({ kind: 'subscribeStrategy', strategyId: listing.id }, async (stepUp) => {
      const r = await subscribe({ ...variables, stepUp });
      return guardedResult(r.error);
    });
  };

  // Subscribe errors are shown by the confirmation sheet (every subscribe goes through it).
  const error = errorKey(cancelRes.error, FOLLOW_ERRORS);
  return (
    <View style={{ gap: 8 }} testID={`listing-detail-${listing.id}`}>
      <Text style={{ color: theme.text }}>{listing.description}</Text>
      <Alert text={notice} tone="muted" testID="listing-notice" />
      <Alert text={error ? t(error) : null} />
      {subscription?.active ? (
        <Button
          label={t('social.market.cancel')}
          kind="danger"
          busy={cancelRes.fetching}
          onPress={() =>
            void cancel({ id: subscription.id }).then((r) => {
              if (!r.error) {
                setNotice(t('social.market.canceled'));
                onChanged();
              }
            })
          }
          testID={`cancel-sub-${listing.id}`}
        />
      ) : accountsRes.fetching && accounts.length === 0 ? (
        <Loading />
      ) : accounts.length === 0 ? (
        <Empty message={t('social.noAccounts')} />
      ) : (
        <>
          <Chips
            label={t('social.account')}
            options={accounts.map((a) => ({ value: a.id, label: `${a.label} (${a.venue})` }))}
            value={account ?? ''}
            onChange={setAccountId}
            testID="sub-account"
          />
          <Field
            label={t('social.follow.allocation')}
            value={allocation}
            onChangeText={setAllocation}
            inputMode="decimal"
            placeholder="500"
            error={touched && !isPositiveDecimal(allocation) ? t('social.follow.badAmount') : null}
            testID={`sub-allocation-${listing.id}`}
          />
          <Button label={t('social.market.subscribe')} kind="primary" busy={subRes.fetching} onPress={() => void submit()} testID={`subscribe-${listing.id}`} />
        </>
      )}
      {subscription ? <ReviewForm listingId={listing.id} onReviewed={onChanged} /> : null}
      <ConfirmSheet guarded={guarded} onEnroll={() => router.push('/settings' as never)} />
    </View>
  );
}

/**
 * Strategy listings (filter by pricing, cursor pages), detail with subscribe (step-up when paid),
 * cancel and review; publishing one of your bots or templates.
 */
export function MarketplaceSection() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const client = useClient();
  const [filter, setFilter] = useState<Filter>('ALL');
  const [open, setOpen] = useState<string | null>(null);
  const pricing = filter === 'ALL' ? null : filter;
  const [res, refetch] = useQuery({ query: MarketplaceQuery, variables: { pricing, first: MARKET_PAGE, after: null } });
  const filters: Filter[] = ['ALL', 'FREE', 'MONTHLY', 'PERFORMANCE'];
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Later pages (after the first page's cursor), appended; a new filter or first page starts over.
  const [more, setMore] = useState<{ listings: ListingFieldsFragment[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState<string | null>(null);
  useEffect(() => setMore(null), [res.data]);
  const first = res.data?.marketplace;
  const hasNext = more ? more.hasNextPage : Boolean(first?.hasNextPage);
  const loadMore = async () => {
    const after = more ? more.endCursor : first?.endCursor ?? null;
    setLoadingMore(true);
    const page = await client.query(MarketplaceQuery, { pricing, first: MARKET_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
    setLoadingMore(false);
    if (page.error || !page.data) {
      setMoreError(errorKey(page.error) ?? 'errors.generic');
      return;
    }
    setMoreError(null);
    const next = page.data.marketplace;
    setMore((prev) => ({ listings: [...(prev?.listings ?? []), ...next.listings], hasNextPage: next.hasNextPage, endCursor: next.endCursor ?? null }));
  };
  const seen = new Set<string>();
  const listings = [...(first?.listings ?? []), ...(more?.listings ?? [])].filter((l) => !seen.has(l.id) && Boolean(seen.add(l.id)));

  return (
    <View style={{ gap: 10 }}>
      <Button
        label={publishing ? t('social.publish.close') : t('social.publish.open')}
        onPress={() => setPublishing(!publishing)}
        testID="publish-toggle"
      />
      {publishing ? (
        <PublishForm
          onPublished={(title) => {
            setPublishing(false);
            setPublished(title);
            reload();
          }}
        />
      ) : null}
      <Alert text={published ? t('social.publish.done', { title: published }) : null} tone="muted" testID="publish-done" />
      <Chips
        label={t('social.market.pricing')}
        options={filters.map((f) => ({ value: f, label: t(`social.market.filters.${f}`) }))}
        value={filter}
        onChange={setFilter}
        testID="pricing"
      />
      {res.fetching && !res.data ? (
        <Loading />
      ) : !res.data ? (
        <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={reload} />
      ) : listings.length === 0 ? (
        <Empty message={t('social.market.empty')} />
      ) : (
        listings.map((l) => {
          const sub = res.data?.strategySubscriptions.find((s) => s.listingId === l.id && s.active);
          return (
            <View key={l.id} style={[socialStyles.card, { borderColor: theme.border }]} testID={`listing-${l.id}`}>
              <Text style={{ color: theme.text, fontWeight: '700', fontSize: 16 }}>{l.title}</Text>
              <Text style={{ color: theme.muted }}>
                {priceLabel(l, t, i18n.language)}
                {l.rating !== null && l.rating !== undefined
                  ? ` · ${t('social.market.rating', { rating: l.rating.toFixed(1), count: l.reviewCount })}`
                  : ''}
                {sub ? ` · ${t('social.market.subscribedBadge')}` : ''}
              </Text>
              <Button
                label={open === l.id ? t('social.market.hide') : t('social.market.details')}
                accessibilityLabel={t('social.market.detailsLabel', { title: l.title })}
                onPress={() => setOpen(open === l.id ? null : l.id)}
                testID={`details-${l.id}`}
              />
              {open === l.id ? <ListingDetail listing={l} subscription={sub} onChanged={reload} /> : null}
            </View>
          );
        })
      )}
      <Alert text={moreError ? t(moreError) : null} />
      {res.data && hasNext ? <Button label={t('social.more')} onPress={() => void loadMore()} busy={loadingMore} testID="market-more" /> : null}
    </View>
  );
}
