import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { ExchangeStatusFieldsFragment } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../format';
import { useTheme } from '../../theme';
import { Button } from '../controls';
import { spaced } from '../settings/Section';
import { venueName } from './venues';

export interface AccountView {
  id: string;
  venue: string;
  label: string;
  apiKeyHint?: string | null;
  hasKeys: boolean;
}

/** One exchange account: name, key hint (never the key), live connection health, remove keys. */
export function AccountRow({
  account,
  status,
  onRemoveKeys,
  removing,
}: {
  account: AccountView;
  status: ExchangeStatusFieldsFragment | undefined;
  onRemoveKeys(): void;
  removing: boolean;
}) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [confirming, setConfirming] = useState(false);
  const paper = account.venue === 'sim';
  const connected = status?.connected ?? false;
  const state = !status ? t('accounts.statusUnknown') : connected ? t('accounts.connected') : t('accounts.disconnected');
  const details: string[] = [];
  if (status?.restLatencyMs != null) details.push(t('accounts.latency', { ms: formatNumber(String(Math.round(status.restLatencyMs)), locale) }));
  if (status?.streamMessageAgeSeconds != null) details.push(t('accounts.streamAge', { seconds: formatNumber(String(status.streamMessageAgeSeconds), locale, 1) }));
  if (status && status.resyncs > 0) details.push(t('accounts.resyncs', { count: status.resyncs }));

  return (
    <View style={[styles.card, { backgroundColor: theme.surface, borderColor: theme.border }]} testID={`account-${account.id}`}>
      <View style={styles.head}>
        <Text style={[styles.title, { color: theme.text }]}>{account.label}</Text>
        <Text style={{ color: theme.muted }}>{paper ? t('accounts.paper') : venueName(account.venue)}</Text>
      </View>
      {paper ? null : (
        <Text style={{ color: theme.muted }} testID={`account-hint-${account.id}`}>
          {account.hasKeys && account.apiKeyHint ? t('accounts.keyHint', { hint: account.apiKeyHint }) : t('accounts.noKeys')}
        </Text>
      )}
      <View style={styles.head} accessible accessibilityLabel={`${state}${details.length ? `, ${details.join(', ')}` : ''}`}>
        <View style={[styles.dot, { backgroundColor: !status ? theme.muted : connected ? theme.up : theme.danger }]} />
        <Text style={{ color: !status ? theme.muted : connected ? theme.up : theme.danger, fontWeight: '600' }} testID={`account-state-${account.id}`}>
          {state}
        </Text>
        {details.length ? (
          <Text style={{ color: theme.muted, flexShrink: 1 }} testID={`account-details-${account.id}`}>
            {details.join(' · ')}
          </Text>
        ) : null}
      </View>
      {status?.lastError ? (
        <Text style={{ color: theme.danger }} testID={`account-error-${account.id}`}>
          {status.lastErrorAt
            ? t('accounts.lastErrorAt', { error: status.lastError, time: formatDateTime(status.lastErrorAt, locale) })
            : t('accounts.lastError', { error: status.lastError })}
        </Text>
      ) : null}
      {!paper && account.hasKeys ? (
        confirming ? (
          <View testID={`account-remove-confirm-${account.id}`}>
            <Text style={{ color: theme.text, marginTop: 8 }}>{t('accounts.removeConfirm', { label: account.label })}</Text>
            <View style={{ flexDirection: 'row', gap: 8 }}>
              <Button style={spaced}
                kind="danger"
                label={t('accounts.removeKeys')}
                accessibilityLabel={t('accounts.removeKeysLabel', { label: account.label })}
                disabled={removing}
                onPress={() => {
                  setConfirming(false);
                  onRemoveKeys();
                }}
                testID={`account-remove-yes-${account.id}`}
              />
              <Button style={spaced} kind="secondary" label={t('common.cancel')} onPress={() => setConfirming(false)} testID={`account-remove-no-${account.id}`} />
            </View>
          </View>
        ) : (
          <Button style={spaced}
            kind="secondary"
            label={t('accounts.removeKeys')}
            accessibilityLabel={t('accounts.removeKeysLabel', { label: account.label })}
            onPress={() => setConfirming(true)}
            testID={`account-remove-${account.id}`}
          />
        )
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({
  card: { padding: 12, borderRadius: 10, borderWidth: StyleSheet.hairlineWidth, marginBottom: 10, gap: 4 },
  head: { flexDirection: 'row', alignItems: 'center', gap: 8, flexWrap: 'wrap' },
  title: { fontSize: 16, fontWeight: '700' },
  dot: { width: 10, height: 10, borderRadius: 5 },
});
