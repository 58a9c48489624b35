import { useEffect, useState } from 'react';
import { View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, type CombinedError } from 'urql';
import * as ImagePicker from 'expo-image-picker';
import { errorKey } from '../../graphql/errors';
import { RemoveAvatarMutation, SetAvatarMutation } from '../../graphql/social';
import { Avatar } from './Avatar';
import { Button } from '../controls';
import { Alert, socialStyles } from './ui';

/** The server refuses more than this (decoded); the picker's re-encoded square photo is far smaller. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

/** Decoded size of a base64 string, without decoding it. */
export function base64Bytes(text: string): number {
  const body = text.replace(/\s/g, '');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

/** The server's refusal of an avatar as an i18n key. */
export function avatarErrorKey(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  const gql = error.graphQLErrors.find((e) => e.extensions?.code);
  if (gql?.extensions?.code === 'BAD_USER_INPUT' && gql.extensions.field === 'image') return 'social.avatar.errors.invalid';
  if (gql?.extensions?.code === 'NOT_FOUND' && gql.extensions.field === 'profile') return 'social.avatar.errors.noProfile';
  return errorKey(error);
}

/**
 * Your avatar on the public profile: pick a photo (square crop in the system picker), upload it
 * (the server checks, crops and re-encodes it), or remove it. Without one, the handle's initial shows.
 */
export function AvatarPicker({ handle, avatarUrl, hasAvatar }: { handle: string; avatarUrl: string | null; hasAvatar: boolean }) {
  const { t } = useTranslation();
  const [setRes, setAvatar] = useMutation(SetAvatarMutation);
  const [removeRes, removeAvatar] = useMutation(RemoveAvatarMutation);
  const [shown, setShown] = useState({ url: avatarUrl, uploaded: hasAvatar });
  const [picking, setPicking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setShown({ url: avatarUrl, uploaded: hasAvatar }), [avatarUrl, hasAvatar]);

  const pick = async () => {
    setError(null);
    setPicking(true);
    let result: ImagePicker.ImagePickerResult;
    try {
      result = await ImagePicker.launchImageLibraryAsync({ mediaTypes: ['images'], allowsEditing: true, aspect: [1, 1], quality: 0.8, base64: true });
    } catch {
      setPicking(false);
      setError('social.avatar.errors.picker');
      return;
    }
    setPicking(false);
    if (result.canceled) return;
    const image = result.assets[0]?.base64;
    if (!image) return setError('social.avatar.errors.picker');
    if (base64Bytes(image) > AVATAR_MAX_BYTES) return setError('social.avatar.errors.tooLarge');
    const r = await setAvatar({ image });
    if (r.data) setShown({ url: r.data.setAvatar.avatarUrl ?? null, uploaded: r.data.setAvatar.hasAvatar });
    else setError(avatarErrorKey(r.error) ?? 'errors.generic');
  };

  const remove = async () => {
    setError(null);
    const r = await removeAvatar({});
    if (r.data) setShown({ url: r.data.removeAvatar.avatarUrl ?? null, uploaded: r.data.removeAvatar.hasAvatar });
    else setError(avatarErrorKey(r.error) ?? 'errors.generic');
  };

  return (
    <View style={{ gap: 8 }} testID="avatar-picker">
      <Avatar url={shown.url} handle={handle} size={96} testID="profile-avatar" />
      <View style={socialStyles.actions}>
        <Button
          label={shown.uploaded ? t('social.avatar.change') : t('social.avatar.choose')}
          onPress={() => void pick()}
          busy={picking || setRes.fetching}
          testID="avatar-choose"
        />
        {shown.uploaded ? (
          <Button label={t('social.avatar.remove')} kind="danger" onPress={() => void remove()} busy={removeRes.fetching} testID="avatar-remove" />
        ) : null}
      </View>
      {setRes.fetching ? <Alert text={t('social.avatar.uploading')} tone="muted" testID="avatar-uploading" /> : null}
      <Alert text={error ? t(error) : null} testID="avatar-error" />
    </View>
  );
}
