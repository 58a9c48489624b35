import { useEffect, useState } from 'react';
import { Pressable, ScrollView, StyleSheet, Switch, Text, TextInput, View } from 'react-native';
import { Stack } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { ErrorState, Loading } from '../components/States';
import { errorKey } from '../graphql/errors';
import { NotificationPreferencesQuery, UpdateNotificationPreferencesMutation } from '../graphql/notifications';
import { useTheme } from '../theme';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeOfDay(value: string): boolean {
  return HHMM.test(value);
}

function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Per-category push on/off (urgent ones cannot be muted) and quiet hours in the device's time zone. */
export default function NotificationPreferencesScreen() {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const [res, refetch] = useQuery({ query: NotificationPreferencesQuery });
  const [saveRes, save] = useMutation(UpdateNotificationPreferencesMutation);
  const [muted, setMuted] = useState<Set<string>>(new Set());
  const [quiet, setQuiet] = useState(false);
  const [start, setStart] = useState('22:00');
  const [end, setEnd] = useState('07:00');
  const [saved, setSaved] = useState(false);
  const [touched, setTouched] = useState(false);
  const prefs = res.data?.notificationPreferences;

  // The form starts from the server's settings once; later re-renders keep the user's edits.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (!prefs || loaded) return;
    setLoaded(true);
    setMuted(new Set(prefs.categories.filter((c) => !c.enabled).map((c) => c.category)));
    setQuiet(Boolean(prefs.quietHoursStart && prefs.quietHoursEnd));
    if (prefs.quietHoursStart) setStart(prefs.quietHoursStart);
    if (prefs.quietHoursEnd) setEnd(prefs.quietHoursEnd);
  }, [prefs, loaded]);

  const title = <Stack.Screen options={{ title: t('notifications.prefs.title') }} />;
  if (res.fetching && !prefs) return <>{title}<Loading /></>;
  if (!prefs) {
    return <>{title}<ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} /></>;
  }

  const startError = quiet && touched && !isTimeOfDay(start);
  const endError = quiet && touched && !isTimeOfDay(end);
  const zone = prefs.timezone ?? deviceTimeZone();

  const submit = async () => {
    setTouched(true);
    setSaved(false);
    if (quiet && (!isTimeOfDay(start) || !isTimeOfDay(end))) return;
    const r = await save({
      input: quiet
        ? { mutedCategories: [...muted], quietHoursStart: start, quietHoursEnd: end, timezone: deviceTimeZone(), clearQuietHours: false }
        : { mutedCategories: [...muted], clearQuietHours: true },
    });
    if (!r.error) setSaved(true);
  };

  const saveError = errorKey(saveRes.error);
  const categoryName = (id: string) => t(`notifications.categories.${id}`, { defaultValue: id });

  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
      {title}
      <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
        {t('notifications.prefs.categories')}
      </Text>
      {prefs.categories.map((c) => {
        const enabled = c.urgent || !muted.has(c.category);
        return (
          <View key={c.category} style={[styles.row, { borderColor: theme.border }]}>
            <View style={{ flex: 1 }}>
              <Text style={{ color: theme.text, fontSize: 15 }}>{categoryName(c.category)}</Text>
              {c.urgent ? <Text style={{ color: theme.muted, fontSize: 13 }}>{t('notifications.prefs.urgent')}</Text> : null}
            </View>
            <Switch
              accessibilityLabel={t('notifications.prefs.pushFor', { category: categoryName(c.category) })}
              value={enabled}
              disabled={c.urgent}
              onValueChange={(on) => {
                setSaved(false);
                setMuted((prev) => {
                  const next = new Set(prev);
                  if (on) next.delete(c.category);
                  else next.add(c.category);
                  return next;
                });
              }}
              style={styles.switch}
              testID={`category-${c.category}`}
            />
          </View>
        );
      })}

      <Text accessibilityRole="header" style={[styles.section, { color: theme.text }]}>
        {t('notifications.prefs.quietHours')}
      </Text>
      <View style={[styles.row, { borderColor: theme.border }]}>
        <Text style={{ color: theme.text, flex: 1, fontSize: 15 }}>{t('notifications.prefs.quietEnabled')}</Text>
        <Switch
          accessibilityLabel={t('notifications.prefs.quietEnabled')}
          value={quiet}
          onValueChange={(on) => {
            setSaved(false);
            setQuiet(on);
          }}
          style={styles.switch}
          testID="quiet-toggle"
        />
      </View>
      {quiet ? (
        <>
          <View style={styles.times}>
            {(
              [
                ['from', start, setStart, startError],
                ['to', end, setEnd, endError],
              ] as const
            ).map(([key, value, set, bad]) => (
              <View key={key} style={{ flex: 1 }}>
                <Text style={{ color: theme.muted }}>{t(`notifications.prefs.${key}`)}</Text>
                <TextInput
                  accessibilityLabel={t(`notifications.prefs.${key}`)}
                  value={value}
                  onChangeText={(v) => {
                    setSaved(false);
                    set(v.trim());
                  }}
                  placeholder="22:00"
                  placeholderTextColor={theme.muted}
                  inputMode="numeric"
                  maxLength={5}
                  style={[styles.input, { color: theme.text, borderColor: bad ? theme.danger : theme.border }]}
                  testID={`quiet-${key}`}
                />
              </View>
            ))}
          </View>
          {startError || endError ? (
            <Text accessibilityRole="alert" style={{ color: theme.danger }} testID="quiet-error">
              {t('notifications.prefs.badTime')}
            </Text>
          ) : null}
          <Text style={{ color: theme.muted }}>{t('notifications.prefs.quietNote', { zone, lng: i18n.language })}</Text>
        </>
      ) : null}

      <Pressable
        accessibilityRole="button"
        accessibilityLabel={t('notifications.prefs.save')}
        accessibilityState={{ busy: saveRes.fetching }}
        onPress={() => void submit()}
        style={[styles.save, { backgroundColor: theme.accent }]}
        testID="prefs-save"
      >
        <Text style={{ color: theme.onAccent, fontWeight: '700', fontSize: 16 }}>{t('notifications.prefs.save')}</Text>
      </Pressable>
      {saved ? (
        <Text accessibilityRole="alert" style={{ color: theme.muted }} testID="prefs-saved">
          {t('notifications.prefs.saved')}
        </Text>
      ) : null}
      {saveError ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger }}>
          {t(saveError)}
        </Text>
      ) : null}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  content: { padding: 16, gap: 10 },
  section: { fontSize: 18, fontWeight: '700', marginTop: 8 },
  row: { flexDirection: 'row', alignItems: 'center', gap: 8, minHeight: 48, borderBottomWidth: StyleSheet.hairlineWidth },
  switch: { minHeight: 44, minWidth: 44 },
  times: { flexDirection: 'row', gap: 12 },
  input: { minHeight: 44, borderWidth: 1, borderRadius: 8, paddingHorizontal: 12, fontSize: 16 },
  save: { minHeight: 48, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 12 },
});
