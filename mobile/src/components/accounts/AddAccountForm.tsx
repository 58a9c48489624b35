import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { AddExchangeAccountMutation } from '../../graphql/accounts';
import type { GuardedAction } from '../../auth/useGuardedAction';
import { Button, Field } from '../controls';
import { Choice, spaced } from '../settings/Section';
import { useTheme } from '../../theme';
import { forSheet, PASSPHRASE_VENUES, VENUES, type VenueId } from './venues';

/**
 * Connect a live venue: venue, label, API key, secret (and passphrase where the venue has one).
 * The server checks the keys with the venue and needs a step-up for {kind: addExchangeAccount, venue}.
 * Secrets live only in this form's state and are cleared once the account is added.
 */
export function AddAccountForm({ guarded, onAdded }: { guarded: GuardedAction; onAdded?: (label: string) => void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [, add] = useMutation(AddExchangeAccountMutation);
  const [venue, setVenue] = useState<VenueId | null>(null);
  const [label, setLabel] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const needsPassphrase = venue !== null && PASSPHRASE_VENUES.has(venue);

  const missing = (): string | null => {
    if (!venue) return 'accounts.missing.venue';
    if (!label.trim()) return 'accounts.missing.label';
    if (!apiKey.trim()) return 'accounts.missing.apiKey';
    if (!secret.trim()) return 'accounts.missing.secret';
    if (needsPassphrase && !passphrase.trim()) return 'accounts.missing.passphrase';
    return null;
  };

  const submit = () => {
    const why = missing();
    setProblem(why);
    if (why || !venue) return;
    const input = {
      venue,
      label: label.trim(),
      apiKey: apiKey.trim(),
      secret: secret.trim(),
      passphrase: needsPassphrase ? passphrase.trim() : null,
    };
    void guarded.prepare({ kind: 'addExchangeAccount', venue }, async (stepUp) => {
      const res = await add({ input, stepUp });
      const outcome = forSheet(res.error);
      if (outcome.messageKey) setProblem(outcome.messageKey);
      if (!res.error) {
        setApiKey('');
        setSecret('');
        setPassphrase('');
        setLabel('');
        setVenue(null);
        setProblem(null);
        onAdded?.(input.label);
      }
      return outcome;
    });
  };

  return (
    <View testID="add-account-form">
      <Text style={{ color: theme.text, fontWeight: '600', marginTop: 8 }}>{t('accounts.venue')}</Text>
      <View accessibilityRole="radiogroup" accessibilityLabel={t('accounts.venue')} style={{ flexDirection: 'row', flexWrap: 'wrap', gap: 8, marginTop: 4 }}>
        {VENUES.map((v) => (
          <Choice key={v.id} label={v.name} selected={venue === v.id} onPress={() => setVenue(v.id)} testID={`venue-${v.id}`} />
        ))}
      </View>
      <Field label={t('accounts.label')} value={label} onChangeText={setLabel} maxLength={40} testID="account-label" />
      <Field label={t('accounts.apiKey')} value={apiKey} onChangeText={setApiKey} autoCapitalize="none" autoCorrect={false} testID="account-api-key" />
      <Field label={t('accounts.secret')} value={secret} onChangeText={setSecret} secureTextEntry autoCapitalize="none" autoCorrect={false} testID="account-secret" />
      {needsPassphrase ? (
        <Field label={t('accounts.passphrase')} value={passphrase} onChangeText={setPassphrase} secureTextEntry autoCapitalize="none" autoCorrect={false} testID="account-passphrase" />
      ) : null}
      <Text style={{ color: theme.muted, marginTop: 8 }}>{t('accounts.keysHint')}</Text>
      {problem ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger, marginTop: 8 }} testID="add-account-problem">
          {t(problem)}
        </Text>
      ) : null}
      <Button style={spaced} kind="primary" label={t('accounts.connect')} onPress={submit} testID="add-account-submit" />
    </View>
  );
}
