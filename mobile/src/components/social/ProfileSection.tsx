import { useEffect, useState } from 'react';
import { Pressable, Text, View } from 'react-native';
import { useRouter } from 'expo-router';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { ErrorState, Loading } from '../States';
import { errorKey } from '../../graphql/errors';
import { MyTraderProfileQuery, UpsertTraderProfileMutation } from '../../graphql/social';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Alert, Heading, socialStyles } from './ui';
import { AvatarPicker } from './AvatarPicker';

const HANDLE = /^[a-z0-9_]{3,30}$/;
const TAG = /^[a-z0-9-]{1,20}$/;
export const TAGS_MAX = 5;

/** "Swing, low-risk ,  " → ["swing", "low-risk"] (the server lower-cases and de-duplicates too). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** Client-side checks mirroring the server's (it re-checks): i18n keys per field. */
export function profileErrors(handle: string, tags: string[]): { handle?: string; tags?: string } {
  const out: { handle?: string; tags?: string } = {};
  if (!HANDLE.test(handle.trim().toLowerCase())) out.handle = 'social.profile.errors.handle';
  if (tags.length > TAGS_MAX || !tags.every((t) => TAG.test(t))) out.tags = 'social.profile.errors.tags';
  return out;
}

/** The server's refusal as an i18n key: a taken handle, a bad field, an unknown account. */
export function profileErrorKey(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  const gql = error.graphQLErrors.find((e) => e.extensions?.code);
  const code = gql?.extensions?.code;
  const field = gql?.extensions?.field;
  if (code === 'CONFLICT') return 'social.profile.errors.taken';
  if (code === 'BAD_USER_INPUT' && field === 'handle') return 'social.profile.errors.handle';
  if (code === 'BAD_USER_INPUT' && field === 'styleTags') return 'social.profile.errors.tags';
  if (code === 'BAD_USER_INPUT' && field === 'bio') return 'social.profile.errors.bio';
  if (code === 'NOT_FOUND' && field === 'publicAccountIds') return 'social.profile.errors.accounts';
  return errorKey(error);
}

function Check({ label, checked, onToggle, testID }: { label: string; checked: boolean; onToggle(): void; testID: string }) {
  const theme = useTheme();
  return (
    <Pressable
      accessibilityRole="checkbox"
      accessibilityLabel={label}
      accessibilityState={{ checked }}
      onPress={onToggle}
      style={[socialStyles.row, { borderColor: theme.border }]}
      testID={testID}
    >
      <Text style={{ color: checked ? theme.accent : theme.muted, fontSize: 18, width: 24 }}>{checked ? '☑' : '☐'}</Text>
      <Text style={{ color: theme.text, flex: 1 }}>{label}</Text>
    </Pressable>
  );
}

/**
 * Your public trader profile: opt in (nothing is public until you save), handle, bio, style tags,
 * which exchange accounts back the verified stats, and whether absolute balances show.
 */
export function ProfileSection() {
  const { t } = useTranslation();
  const theme = useTheme();
  const router = useRouter();
  const [res, refetch] = useQuery({ query: MyTraderProfileQuery });
  const [saveRes, save] = useMutation(UpsertTraderProfileMutation);
  const profile = res.data?.myTraderProfile ?? null;
  const accounts = res.data?.exchangeAccounts ?? [];
  const [optIn, setOptIn] = useState(false);
  const [handle, setHandle] = useState('');
  const [bio, setBio] = useState('');
  const [tags, setTags] = useState('');
  const [publicIds, setPublicIds] = useState<string[]>([]);
  const [showBalances, setShowBalances] = useState(false);
  const [touched, setTouched] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (!profile) return;
    setOptIn(true);
    setHandle(profile.handle);
    setBio(profile.bio);
    setTags(profile.styleTags.join(', '));
    setPublicIds(profile.publicAccountIds);
    setShowBalances(profile.showBalances);
  }, [profile]);

  if (res.fetching && !res.data) return <Loading />;
  if (!res.data) return <ErrorState message={t(errorKey(res.error) ?? 'errors.generic')} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;

  if (!optIn) {
    return (
      <View style={{ gap: 10 }}>
        <Heading>{t('social.profile.title')}</Heading>
        <Text style={{ color: theme.muted }} testID="profile-none">
          {t('social.profile.none')}
        </Text>
        <Button label={t('social.profile.optIn')} kind="primary" onPress={() => setOptIn(true)} testID="profile-opt-in" />
      </View>
    );
  }

  const tagList = parseTags(tags);
  const errors = touched ? profileErrors(handle, tagList) : {};
  const submit = async () => {
    setTouched(true);
    setSaved(null);
    if (Object.keys(profileErrors(handle, tagList)).length > 0) return;
    const r = await save({
      input: { handle: handle.trim().toLowerCase(), bio: bio.trim(), styleTags: tagList, publicAccountIds: publicIds, showBalances },
    });
    if (r.data) setSaved(r.data.upsertTraderProfile.handle);
  };
  const serverError = profileErrorKey(saveRes.error);
  const toggle = (id: string) => setPublicIds((prev) => (prev.includes(id) ? prev.filter((x) => x !== id) : [...prev, id]));

  return (
    <View style={{ gap: 10 }} testID="profile-form">
      <Heading>{t('social.profile.title')}</Heading>
      <Text style={{ color: theme.muted }}>{t('social.profile.intro')}</Text>
      {profile || saved ? (
        <AvatarPicker handle={saved ?? profile?.handle ?? ''} avatarUrl={profile?.avatarUrl ?? null} hasAvatar={profile?.hasAvatar ?? false} />
      ) : (
        <Text style={{ color: theme.muted }} testID="avatar-save-first">
          {t('social.avatar.saveFirst')}
        </Text>
      )}
      <Field
        label={t('social.profile.handle')}
        value={handle}
        onChangeText={setHandle}
        autoCapitalize="none"
        autoCorrect={false}
        maxLength={30}
        error={errors.handle ? t(errors.handle) : null}
        testID="profile-handle"
      />
      <Field label={t('social.profile.bio')} value={bio} onChangeText={setBio} multiline maxLength={280} testID="profile-bio" />
      <Field
        label={t('social.profile.tags')}
        value={tags}
        onChangeText={setTags}
        autoCapitalize="none"
        placeholder="swing, low-risk"
        error={errors.tags ? t(errors.tags, { max: TAGS_MAX }) : null}
        testID="profile-tags"
      />
      <Text style={{ color: theme.text, fontWeight: '600' }}>{t('social.profile.accounts')}</Text>
      {accounts.length === 0 ? <Text style={{ color: theme.muted }}>{t('social.noAccounts')}</Text> : null}
      {accounts.map((a) => (
        <Check
          key={a.id}
          label={`${a.label} (${a.venue})`}
          checked={publicIds.includes(a.id)}
          onToggle={() => toggle(a.id)}
          testID={`profile-account-${a.id}`}
        />
      ))}
      <Check label={t('social.profile.showBalances')} checked={showBalances} onToggle={() => setShowBalances(!showBalances)} testID="profile-balances" />
      <Alert text={serverError ? t(serverError, { max: TAGS_MAX }) : null} testID="profile-error" />
      <Alert text={saved ? t('social.profile.saved', { handle: saved }) : null} tone="muted" testID="profile-saved" />
      <View style={socialStyles.actions}>
        <Button label={t('social.save')} kind="primary" busy={saveRes.fetching} onPress={() => void submit()} testID="profile-save" />
        {profile || saved ? (
          <Button
            label={t('social.profile.view')}
            onPress={() => router.push(`/traders/${saved ?? profile?.handle}` as never)}
            testID="profile-view"
          />
        ) : null}
      </View>
    </View>
  );
}
