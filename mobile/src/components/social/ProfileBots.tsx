import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { TraderProfileQuery } from '../../gql/graphql';
import { formatMoney } from '../../format';
import { useTheme } from '../../theme';
import { Empty } from '../States';
import { Heading, socialStyles } from './ui';

type ProfileBot = TraderProfileQuery['traderProfile']['bots'][number];

/** "+5.25 %" (sign always shown except for zero), or "—" when the return is not known. */
export function formatReturn(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(value)} %`;
}

/** The bots a trader chose to show on their profile: kind, market, state and realised return. */
export function ProfileBots({ bots }: { bots: ProfileBot[] }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  return (
    <View style={{ gap: 8 }} testID="profile-bots">
      <Heading>{t('social.trader.bots')}</Heading>
      {bots.length === 0 ? <Empty message={t('social.trader.noBots')} /> : null}
      {bots.map((b) => {
        const quote = b.symbol.split('/')[1] ?? '';
        const ret = formatReturn(b.returnPct, locale);
        return (
          <View
            key={b.id}
            accessible
            accessibilityLabel={t('social.trader.botLabel', {
              name: b.name,
              kind: t(`bots.kinds.${b.kind}`, { defaultValue: b.kind }),
              symbol: b.symbol,
              state: t(`bots.state.${b.state}`),
              ret,
            })}
            style={[socialStyles.card, { borderColor: theme.border }]}
            testID={`profile-bot-${b.id}`}
          >
            <Text style={{ color: theme.text, fontWeight: '700' }}>{b.name}</Text>
            <Text style={{ color: theme.muted }}>
              {t(`bots.kinds.${b.kind}`, { defaultValue: b.kind })} · {b.symbol} · {t(`bots.state.${b.state}`)}
            </Text>
            <View style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
              <Text style={{ color: theme.muted }}>{t('social.trader.botReturn')}</Text>
              <Text style={{ color: (b.returnPct ?? 0) < 0 ? theme.down : theme.up }}>{ret}</Text>
            </View>
            {b.realisedPnl != null ? (
              <View style={{ flexDirection: 'row', justifyContent: 'space-between' }}>
                <Text style={{ color: theme.muted }}>{t('social.trader.botRealised')}</Text>
                <Text style={{ color: theme.text }}>{formatMoney(b.realisedPnl, quote, locale, 2)}</Text>
              </View>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
