import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { Loading } from '../States';
import type { StrategyPricing } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { PublishSourcesQuery, PublishStrategyMutation, ReviewStrategyMutation } from '../../graphql/social';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Alert, Chips, isPositiveDecimal } from './ui';

type SourceKind = 'bot' | 'template';
const PRICINGS: StrategyPricing[] = ['FREE', 'MONTHLY', 'PERFORMANCE'];

/**
 * A refusal as a sentence naming the server's code: known codes have their own sentence, others
 * ("CONFLICT", …) the generic one with the code, so the user can quote it.
 */
export function refusal(error: CombinedError | undefined | null, known: Record<string, string>, t: (k: string, o?: Record<string, unknown>) => string): string | null {
  if (!error) return null;
  const code = error.graphQLErrors.find((e) => e.extensions?.code)?.extensions?.code;
  if (typeof code === 'string' && known[code]) return `${t(known[code])} (${code})`;
  const key = errorKey(error);
  if (typeof code === 'string') return `${t(key ?? 'errors.generic')} (${code})`;
  return t(key ?? 'errors.generic');
}

export const PUBLISH_ERRORS: Record<string, string> = {
  INVALID_FEE: 'social.publish.errors.INVALID_FEE',
  NOT_FOUND: 'social.publish.errors.NOT_FOUND',
};

export const REVIEW_ERRORS: Record<string, string> = {
  REVIEW_NOT_ALLOWED: 'social.review.errors.REVIEW_NOT_ALLOWED',
};

/** Offer one of your bots (with its verified live record) or a template on the marketplace. */
export function PublishForm({ onPublished }: { onPublished(title: string): void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [sources] = useQuery({ query: PublishSourcesQuery });
  const [res, publish] = useMutation(PublishStrategyMutation);
  const [kind, setKind] = useState<SourceKind>('bot');
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [pricing, setPricing] = useState<StrategyPricing>('FREE');
  const [amount, setAmount] = useState('');
  const [touched, setTouched] = useState(false);

  const options = (kind === 'bot' ? sources.data?.bots : sources.data?.botTemplates) ?? [];
  const source = sourceId && options.some((o) => o.id === sourceId) ? sourceId : options[0]?.id ?? null;
  const amountOk = pricing === 'FREE' || isPositiveDecimal(amount);
  const submit = async () => {
    setTouched(true);
    if (!source || !title.trim() || !amountOk) return;
    const r = await publish({
      input: {
        sourceKind: kind,
        sourceId: source,
        title: title.trim(),
        description: description.trim(),
        pricing,
        monthlyPrice: pricing === 'MONTHLY' ? amount.trim() : null,
        performanceFeePct: pricing === 'PERFORMANCE' ? amount.trim() : null,
      },
    });
    if (r.data) onPublished(r.data.publishStrategy.title);
  };

  return (
    <View style={{ gap: 8 }} testID="publish-form">
      <Chips
        label={t('social.publish.source')}
        options={(['bot', 'template'] as SourceKind[]).map((k) => ({ value: k, label: t(`social.publish.kinds.${k}`) }))}
        value={kind}
        onChange={(k) => {
          setKind(k);
          setSourceId(null);
        }}
        testID="publish-kind"
      />
      {sources.fetching && !sources.data ? (
        <Loading />
      ) : options.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="publish-no-source">
          {t(kind === 'bot' ? 'social.publish.noBots' : 'social.publish.noTemplates')}
        </Text>
      ) : (
        <Chips
          label={t('social.publish.pick')}
          options={options.map((o) => ({ value: o.id, label: `${o.name} · ${o.symbol}` }))}
          value={source ?? ''}
          onChange={setSourceId}
          testID="publish-source"
        />
      )}
      <Field
        label={t('social.publish.title')}
        value={title}
        onChangeText={setTitle}
        maxLength={80}
        error={touched && !title.trim() ? t('social.publish.titleRequired') : null}
        testID="publish-title"
      />
      <Field label={t('social.publish.description')} value={description} onChangeText={setDescription} multiline maxLength={2000} testID="publish-description" />
      <Chips
        label={t('social.market.pricing')}
        options={PRICINGS.map((p) => ({ value: p, label: t(`social.market.filters.${p}`) }))}
        value={pricing}
        onChange={setPricing}
        testID="publish-pricing"
      />
      {pricing !== 'FREE' ? (
        <Field
          label={t(pricing === 'MONTHLY' ? 'social.publish.monthlyPrice' : 'social.publish.feePct')}
          value={amount}
          onChangeText={setAmount}
          inputMode="decimal"
          error={touched && !amountOk ? t('social.follow.badAmount') : null}
          testID="publish-amount"
        />
      ) : null}
      <Alert text={refusal(res.error, PUBLISH_ERRORS, t)} testID="publish-error" />
      <Button label={t('social.publish.submit')} kind="primary" busy={res.fetching} disabled={!source} onPress={() => void submit()} testID="publish-submit" />
    </View>
  );
}

/** Rate (1–5) and review a strategy; the server allows it after 7 days of an active subscription. */
export function ReviewForm({ listingId, onReviewed }: { listingId: string; onReviewed(): void }) {
  const { t } = useTranslation();
  const [res, review] = useMutation(ReviewStrategyMutation);
  const [rating, setRating] = useState<string>('5');
  const [text, setText] = useState('');
  const [done, setDone] = useState(false);
  const submit = async () => {
    setDone(false);
    const r = await review({ listingId, rating: Number(rating), text: text.trim() });
    if (r.data) {
      setDone(true);
      onReviewed();
    }
  };
  return (
    <View style={{ gap: 8 }} testID={`review-form-${listingId}`}>
      <Chips
        label={t('social.review.rating')}
        options={['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: `${n}★` }))}
        value={rating}
        onChange={setRating}
        testID={`review-rating-${listingId}`}
      />
      <Field label={t('social.review.text')} value={text} onChangeText={setText} multiline maxLength={1000} testID={`review-text-${listingId}`} />
      <Alert text={refusal(res.error, REVIEW_ERRORS, t)} testID={`review-error-${listingId}`} />
      <Alert text={done ? t('social.review.saved') : null} tone="muted" testID={`review-saved-${listingId}`} />
      <Button label={t('social.review.submit')} busy={res.fetching} onPress={() => void submit()} testID={`review-submit-${listingId}`} />
    </View>
  );
}
