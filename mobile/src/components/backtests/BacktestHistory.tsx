import { useState } from 'react';
import { Pressable, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { BacktestsQuery } from '../../graphql/bots';
import { errorKey } from '../../graphql/errors';
import { Button } from '../controls';
import { SectionHeader, ui } from '../bots/ui';
import { formatFraction, pnlColor } from '../bots/format';
import { formatDateTime } from '../../format';
import { useTheme } from '../../theme';

export const BACKTESTS_PAGE = 10;

/** What a job ran on, from its validated input (symbol, strategy or template, days). */
export function backtestSubject(input: unknown): { symbol: string; what: string; days: number | null } {
  const i = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const what = typeof i.templateId === 'string' && i.templateId ? i.templateId : typeof i.kind === 'string' ? i.kind : '';
  return { symbol: typeof i.symbol === 'string' ? i.symbol : '', what, days: typeof i.days === 'number' ? i.days : null };
}

/** Your past backtests, newest first, a page at a time; a row opens its results (`/backtests/{id}`). */
export function BacktestHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const theme = useTheme();
  const [after, setAfter] = useState<string | null>(null);
  const [res, refetch] = useQuery({ query: BacktestsQuery, variables: { first: BACKTESTS_PAGE, after } });
  // Earlier pages stay on screen while the next one loads.
  const [earlier, setEarlier] = useState<NonNullable<typeof res.data>['backtests']['edges']>([]);
  const edges = [...earlier, ...(res.data?.backtests.edges ?? [])].filter((e, i, all) => all.findIndex((x) => x.node.id === e.node.id) === i);
  const pageInfo = res.data?.backtests.pageInfo;

  const more = () => {
    if (!pageInfo?.endCursor) return;
    setEarlier(edges);
    setAfter(pageInfo.endCursor);
  };

  return (
    <View testID="backtest-history">
      <SectionHeader>{t('bots.history.title')}</SectionHeader>
      {res.fetching && edges.length === 0 ? <Text style={{ color: theme.muted }}>{t('common.loading')}</Text> : null}
      {res.error && !res.data ? (
        <View>
          <Text accessibilityRole="alert" style={{ color: theme.danger }}>
            {t(errorKey(res.error) ?? 'errors.generic')}
          </Text>
          <View style={ui.actions}>
            <Button label={t('common.retry')} onPress={() => refetch({ requestPolicy: 'network-only' })} testID="backtest-history-retry" />
          </View>
        </View>
      ) : null}
      {res.data && edges.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="backtest-history-empty">
          {t('bots.history.empty')}
        </Text>
      ) : null}
      {edges.map(({ node }) => {
        const { symbol, what, days } = backtestSubject(node.input);
        const status = t(`bots.history.status.${node.status}`);
        const ret = node.metrics ? formatFraction(node.metrics.totalReturn, locale, true) : null;
        const when = formatDateTime(node.createdAt, locale);
        const label = t('bots.history.rowLabel', {
          subject: what ? `${t(`bots.kinds.${what}`, { defaultValue: what })} ${symbol}` : symbol,
          status,
          result: ret ?? '—',
          when,
        });
        return (
          <Pressable
            key={node.id}
            accessibilityRole="button"
            accessibilityLabel={label}
            onPress={() => onOpen(node.id)}
            style={[ui.row, { borderColor: theme.border }]}
            testID={`backtest-row-${node.id}`}
          >
            <View style={{ flex: 1 }}>
              <Text style={{ color: theme.text, fontWeight: '600' }}>
                {what ? `${t(`bots.kinds.${what}`, { defaultValue: what })} · ` : ''}
                {symbol}
                {days !== null ? ` · ${t('bots.history.days', { n: days })}` : ''}
              </Text>
              <Text style={{ color: theme.muted, fontSize: 12 }}>{when}</Text>
            </View>
            <View style={{ alignItems: 'flex-end' }}>
              <Text style={{ color: node.status === 'FAILED' ? theme.danger : theme.muted, fontSize: 13 }}>{status}</Text>
              {ret ? <Text style={{ color: pnlColor(String(node.metrics?.totalReturn ?? 0), theme), fontWeight: '600' }}>{ret}</Text> : null}
            </View>
          </Pressable>
        );
      })}
      {pageInfo?.hasNextPage ? (
        <View style={ui.actions}>
          <Button label={t('bots.history.more')} onPress={more} disabled={res.fetching} testID="backtest-history-more" />
        </View>
      ) : null}
    </View>
  );
}
