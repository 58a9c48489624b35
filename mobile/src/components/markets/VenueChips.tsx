import { Pressable, ScrollView, StyleSheet, Text } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { MarketVenuesQuery } from '../../gql/graphql';
import { useTheme } from '../../theme';

export const SIM_VENUE = 'sim';
export type MarketVenue = MarketVenuesQuery['marketVenues'][number];

/**
 * Segmented chips to pick the venue whose markets are listed (`Query.marketVenues`: sim first, then
 * the server's live venues). Hidden while the server offers the simulated venue only.
 */
export function VenueChips({ venues, selected, onSelect }: { venues: readonly MarketVenue[]; selected: string; onSelect(id: string): void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  if (venues.length <= 1) return null;
  return (
    <ScrollView
      horizontal
      accessibilityRole="radiogroup"
      accessibilityLabel={t('marketVenues.label')}
      contentContainerStyle={styles.row}
      showsHorizontalScrollIndicator={false}
      style={{ flexGrow: 0, backgroundColor: theme.background }}
      testID="venue-chips"
    >
      {venues.map((venue) => {
        const on = venue.id === selected;
        const label = venue.simulated ? t('marketVenues.simulated') : venue.displayName;
        return (
          <Pressable
            key={venue.id}
            accessibilityRole="radio"
            accessibilityLabel={venue.simulated ? t('marketVenues.simHint') : t('marketVenues.live', { name: venue.displayName })}
            accessibilityState={{ selected: on, checked: on }}
            aria-checked={on}
            onPress={() => onSelect(venue.id)}
            style={[styles.chip, { borderColor: on ? theme.accent : theme.border, backgroundColor: on ? theme.accent : theme.surface }]}
            testID={`venue-${venue.id}`}
          >
            <Text style={{ color: on ? theme.onAccent : theme.text, fontWeight: on ? '700' : '500' }}>{label}</Text>
          </Pressable>
        );
      })}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  row: { paddingHorizontal: 12, paddingTop: 12, gap: 8 },
  chip: { minHeight: 44, minWidth: 44, borderWidth: 1, borderRadius: 22, paddingHorizontal: 16, alignItems: 'center', justifyContent: 'center' },
});
