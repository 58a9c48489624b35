import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import {
  PasskeyRegistrationOptionsMutation,
  PasskeysQuery,
  RegisterPasskeyMutation,
  RemovePasskeyMutation,
  RenamePasskeyMutation,
} from '../../graphql/documents';
import type { StepUpAssertionInput } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { createPasskey } from '../../auth/passkeyCeremony';
import type { GuardedAction, Perform } from '../../auth/useGuardedAction';
import { formatDateTime } from '../../format';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Section, spaced } from './Section';

/**
 * Passkeys: list, add (registration options → react-native-passkeys `create` → registerPasskey;
 * the first one with the account password, later ones with a step-up), rename, remove (step-up).
 */
export function PasskeysSection({ guarded }: { guarded: GuardedAction }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [{ data }, refetch] = useQuery({ query: PasskeysQuery });
  const [, registrationOptions] = useMutation(PasskeyRegistrationOptionsMutation);
  const [, register] = useMutation(RegisterPasskeyMutation);
  const [, rename] = useMutation(RenamePasskeyMutation);
  const [, remove] = useMutation(RemovePasskeyMutation);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState<{ key: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const passkeys = data?.passkeys ?? [];
  const first = data !== undefined && passkeys.length === 0;
  const reload = () => refetch({ requestPolicy: 'network-only' });

  /** Options → the platform's create prompt → registerPasskey with the given proof. */
  const enrol = async (proof: { password?: string; stepUp?: StepUpAssertionInput }): ReturnType<Perform> => {
    const options = await registrationOptions({});
    if (options.error || !options.data) return { error: options.error };
    let credential: string | null;
    try {
      credential = await createPasskey(options.data.passkeyRegistrationOptions);
    } catch {
      return { messageKey: 'stepUp.dismissed' };
    }
    if (!credential) return { messageKey: 'stepUp.dismissed' };
    const res = await register({ input: { credential, name: name.trim() || null, ...proof } });
    if (res.error) return { error: res.error };
    setName('');
    setPassword('');
    setMessage({ key: 'settings.passkeyAdded', error: false });
    reload();
    return {};
  };

  const add = async () => {
    setMessage(null);
    if (!first) {
      void guarded.prepare({ kind: 'registerPasskey' }, (stepUp) => enrol({ stepUp }));
      return;
    }
    setBusy(true);
    const res = await enrol({ password });
    setBusy(false);
    if (res.messageKey) setMessage({ key: res.messageKey, error: true });
    else if (res.error) setMessage({ key: errorKey(res.error) ?? 'errors.generic', error: true });
  };

  const saveName = async () => {
    if (!editing) return;
    const res = await rename({ id: editing.id, name: editing.name });
    if (res.error) setMessage({ key: errorKey(res.error) ?? 'errors.generic', error: true });
    else setEditing(null);
  };

  return (
    <Section title={t('settings.passkeys')} testID="settings-passkeys">
      {first ? <Text style={{ color: theme.muted }}>{t('settings.noPasskeys')}</Text> : null}
      {passkeys.map((p) => (
        <View key={p.id} style={{ paddingVertical: 8 }} testID={`passkey-${p.id}`}>
          {editing?.id === p.id ? (
            <>
              <Field label={t('settings.passkeyName')} value={editing.name} onChangeText={(v) => setEditing({ id: p.id, name: v })} testID="passkey-rename-input" />
              <Button style={spaced} kind="primary" label={t('common.save')} onPress={() => void saveName()} testID="passkey-rename-save" />
            </>
          ) : (
            <>
              <Text style={{ color: theme.text, fontWeight: '600', fontSize: 16 }}>{p.name}</Text>
              <Text style={{ color: theme.muted }}>
                {p.lastUsedAt ? t('settings.lastUsed', { date: formatDateTime(p.lastUsedAt, locale) }) : t('settings.neverUsed')}
              </Text>
              {p.cloneSuspected ? (
                <Text accessibilityRole="alert" style={{ color: theme.danger }}>
                  {t('settings.cloneSuspected')}
                </Text>
              ) : null}
              <View style={{ flexDirection: 'row', gap: 8 }}>
                <Button style={spaced}
                  kind="secondary"
                  label={t('settings.rename')}
                  accessibilityLabel={t('settings.renameLabel', { name: p.name })}
                  onPress={() => setEditing({ id: p.id, name: p.name })}
                  testID={`passkey-rename-${p.id}`}
                />
                <Button style={spaced}
                  kind="danger"
                  label={t('settings.remove')}
                  accessibilityLabel={t('settings.removeLabel', { name: p.name })}
                  onPress={() =>
                    void guarded.prepare({ kind: 'removePasskey', passkeyId: p.id }, async (stepUp) => {
                      const res = await remove({ id: p.id, stepUp });
                      if (!res.error) reload();
                      return res;
                    })
                  }
                  testID={`passkey-remove-${p.id}`}
                />
              </View>
            </>
          )}
        </View>
      ))}
      <Field label={t('settings.passkeyName')} value={name} onChangeText={setName} placeholder="Passkey" testID="passkey-name" />
      {first ? (
        <Field label={t('settings.password')} value={password} onChangeText={setPassword} secureTextEntry autoComplete="current-password" testID="passkey-password" />
      ) : null}
      <Button style={spaced} kind="primary" label={t('settings.addPasskey')} onPress={() => void add()} disabled={busy} testID="passkey-add" />
      {message ? (
        <Text accessibilityRole="alert" style={{ color: message.error ? theme.danger : theme.up, marginTop: 8 }} testID="passkey-message">
          {t(message.key)}
        </Text>
      ) : null}
    </Section>
  );
}
