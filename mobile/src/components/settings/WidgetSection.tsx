import { useCallback, useEffect, useState } from 'react';
import { Platform, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { CreateWidgetTokenMutation, RevokeWidgetTokenMutation, WidgetTokensQuery } from '../../graphql/widgets';
import { errorKey } from '../../graphql/errors';
import { formatDateTime } from '../../format';
import { useTheme } from '../../theme';
import { refreshWidgets } from '../../widgets/refresh';
import { saveWidgetToken, savedWidgetTokenId } from '../../widgets/store';
import { widgetStrings } from '../../widgets/strings';
import { WidgetPreviews } from '../../widgets/WidgetPreviews';
import { Button, Field } from '../controls';
import { Section, spaced } from './Section';

export interface WidgetTokenKeeper {
  save(token: string | null, id?: string | null): Promise<void>;
  savedId(): Promise<string | null>;
}

const secureKeeper: WidgetTokenKeeper = { save: saveWidgetToken, savedId: savedWidgetTokenId };

/**
 * Home-screen widgets: on Android, connect this phone's widgets (createWidgetToken, the secret is
 * kept for the headless widget task and never shown); everywhere, list the live widget tokens and
 * revoke one (revoking this phone's also forgets its token and kept snapshots).
 */
export function WidgetSection({
  platform = Platform.OS,
  keeper = secureKeeper,
  redraw = refreshWidgets,
}: {
  platform?: string;
  keeper?: WidgetTokenKeeper;
  redraw?: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const android = platform === 'android';
  const [{ data, error: listError }, refetch] = useQuery({ query: WidgetTokensQuery });
  const [createRes, create] = useMutation(CreateWidgetTokenMutation);
  const [revokeRes, revoke] = useMutation(RevokeWidgetTokenMutation);
  const [label, setLabel] = useState(() => t('widgets.defaultLabel'));
  const [thisPhone, setThisPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tokens = data?.widgetTokens ?? [];
  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);

  useEffect(() => {
    if (!android) return;
    let live = true;
    void keeper
      .savedId()
      .then((id) => {
        if (live) setThisPhone(id);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [android, keeper]);

  const connected = thisPhone !== null && tokens.some((token) => token.id === thisPhone);

  const connect = async () => {
    setBusy(true);
    try {
      const res = await create({ label: label.trim() || t('widgets.defaultLabel') });
      const created = res.data?.createWidgetToken;
      if (!created) return;
      const previous = thisPhone;
      await keeper.save(created.token, created.widgetToken.id);
      setThisPhone(created.widgetToken.id);
      // One token per phone: the one it replaces would only linger unused.
      if (previous && previous !== created.widgetToken.id) await revoke({ id: previous });
      reload();
      await redraw().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const revokeToken = async (id: string) => {
    const res = await revoke({ id });
    if (res.error) return;
    if (id === thisPhone) {
      await keeper.save(null);
      setThisPhone(null);
      await redraw().catch(() => undefined); // the widgets now ask to open the app
    }
    reload();
  };

  const error = createRes.error ?? revokeRes.error ?? listError;
  return (
    <Section title={t('widgets.sectionTitle')} hint={t('widgets.sectionHint')} testID="settings-widgets">
      {android ? null : <Text style={{ color: theme.muted, marginBottom: 8 }}>{t('widgets.notAndroid')}</Text>}
      {tokens.length === 0 ? (
        <Text style={{ color: theme.muted }} testID="widget-tokens-empty">
          {t('widgets.noTokens')}
        </Text>
      ) : null}
      {tokens.map((token) => {
        const mine = android && token.id === thisPhone;
        const row = t('widgets.tokenRow', { label: token.label, date: formatDateTime(token.createdAt, locale) });
        return (
          <View key={token.id} style={{ paddingVertical: 6 }} testID={`widget-token-${token.id}`}>
            <Text style={{ color: theme.text }}>
              {mine ? `${row} · ${t('widgets.thisPhone')}` : row}
            </Text>
            <Button style={spaced}
              kind="danger"
              label={t('widgets.revoke')}
              accessibilityLabel={t('widgets.revokeLabel', { label: token.label })}
              onPress={() => void revokeToken(token.id)}
              testID={`widget-token-revoke-${token.id}`}
            />
          </View>
        );
      })}
      {error ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(errorKey(error) ?? 'errors.generic')}
        </Text>
      ) : null}
      {android ? (
        <>
          {connected ? (
            <Text style={{ color: theme.text, marginTop: 8 }} testID="widgets-connected">
              {t('widgets.connected')}
            </Text>
          ) : null}
          <Field label={t('widgets.labelField')} value={label} onChangeText={setLabel} maxLength={60} testID="widget-token-label" />
          <Button style={spaced} kind="primary" label={t('widgets.connect')} onPress={() => void connect()} disabled={busy} testID="widgets-connect" />
          {connected ? (
            <WidgetPreviews
              options={{
                theme: theme.dark ? 'dark' : 'light',
                strings: widgetStrings((key, options) => t(key, options)),
                rtl: i18n.dir() === 'rtl',
              }}
            />
          ) : null}
        </>
      ) : null}
      <Text style={{ color: theme.muted, marginTop: 8 }}>{t('widgets.watchlistHint')}</Text>
    </Section>
  );
}
