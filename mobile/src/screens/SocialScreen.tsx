import { useState } from 'react';
import { ScrollView } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import type { CopySkippedLiveSubscription, PostFieldsFragment } from '../gql/graphql';
import { CopySkippedSubscription, FeedSubscription } from '../graphql/social';
import { FeedSection } from '../components/social/FeedSection';
import { FollowingSection } from '../components/social/FollowingSection';
import { LeaderboardSection } from '../components/social/LeaderboardSection';
import { MarketplaceSection } from '../components/social/MarketplaceSection';
import { ProfileSection } from '../components/social/ProfileSection';
import { Chips, socialStyles } from '../components/social/ui';
import { useTheme } from '../theme';

export type SocialSection = 'leaderboard' | 'following' | 'marketplace' | 'feed' | 'profile';
const SECTIONS: SocialSection[] = ['leaderboard', 'following', 'marketplace', 'feed', 'profile'];

/** The Social tab: leaderboard, the traders you copy, the strategy marketplace, the feed and your public profile. */
export default function SocialScreen({ initial = 'leaderboard' }: { initial?: SocialSection }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [section, setSection] = useState<SocialSection>(initial);
  // Live data for the whole tab: new posts (newest first) and skipped copies (latest five).
  const [live] = useSubscription({ query: FeedSubscription }, (prev: PostFieldsFragment[] = [], event) => [event.feed, ...prev]);
  const [skipped] = useSubscription(
    { query: CopySkippedSubscription },
    (prev: CopySkippedLiveSubscription['copySkipped'][] = [], event) => [event.copySkipped, ...prev].slice(0, 5),
  );
  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={socialStyles.content} keyboardShouldPersistTaps="handled">
      <Chips
        label={t('social.sections.label')}
        options={SECTIONS.map((s) => ({ value: s, label: t(`social.sections.${s}`) }))}
        value={section}
        onChange={setSection}
        testID="section"
      />
      {section === 'leaderboard' ? <LeaderboardSection /> : null}
      {section === 'following' ? <FollowingSection skipped={skipped.data ?? []} /> : null}
      {section === 'marketplace' ? <MarketplaceSection /> : null}
      {section === 'feed' ? <FeedSection live={live.data ?? []} /> : null}
      {section === 'profile' ? <ProfileSection /> : null}
    </ScrollView>
  );
}
