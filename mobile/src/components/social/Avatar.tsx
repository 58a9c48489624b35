import { useEffect, useState } from 'react';
import { Image, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { apiBaseUrl } from '../../config';
import { useTheme } from '../../theme';

/** The server gives an uploaded avatar as a path on itself (/avatars/alice?v=hash): make it absolute. */
export function avatarSource(url: string, base = apiBaseUrl()): string {
  return url.startsWith('/') ? `${base.replace(/\/+$/, '')}${url}` : url;
}

/** A trader's avatar, or the first letter of the handle when there is none (or it fails to load). */
export function Avatar({ url, handle, size = 64, testID = 'avatar' }: { url: string | null | undefined; handle: string; size?: number; testID?: string }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [url]);
  const label = t('social.avatar.label', { handle });
  const round = { width: size, height: size, borderRadius: size / 2 };
  if (url && !failed) {
    return (
      <Image
        source={{ uri: avatarSource(url) }}
        accessibilityRole="image"
        accessibilityLabel={label}
        onError={() => setFailed(true)}
        style={[round, { backgroundColor: theme.border }]}
        testID={testID}
      />
    );
  }
  return (
    <View accessible accessibilityRole="image" accessibilityLabel={label} style={[round, styles.initial, { backgroundColor: theme.accent }]} testID={`${testID}-initial`}>
      <Text style={{ color: theme.onAccent, fontSize: size * 0.45, fontWeight: '700' }}>{(handle[0] ?? '?').toUpperCase()}</Text>
    </View>
  );
}

const styles = StyleSheet.create({ initial: { alignItems: 'center', justifyContent: 'center' } });
