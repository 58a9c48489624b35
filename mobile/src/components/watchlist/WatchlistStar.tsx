import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import type { CombinedError } from '@urql/core';
import { AddToWatchlistMutation, RemoveFromWatchlistMutation, WatchlistQuery } from '../../graphql/widgets';
import type { WatchlistFieldsFragment } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import { useTheme } from '../../theme';

/**
 * The watchlist star on market rows: add or remove a market from the user's watchlist (the
 * watchlist widget shows its first 6). `WatchlistProvider` (mounted once for signed-in screens)
 * fetches the watchlist only once a star is shown; without the provider no star is drawn.
 */
interface WatchlistState {
  want(): void;
  watched: ReadonlySet<string> | null;
  busy: ReadonlySet<string>;
  failed: { key: string; error: CombinedError } | null;
  toggle(venue: string, symbol: string): Promise<void>;
}

const WatchlistContext = createContext<WatchlistState | null>(null);

export const entryKey = (venue: string, symbol: string) => `${venue}:${symbol}`;

export function WatchlistProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState(false);
  const [{ data }] = useQuery({ query: WatchlistQuery, pause: !wanted });
  const [, add] = useMutation(AddToWatchlistMutation);
  const [, remove] = useMutation(RemoveFromWatchlistMutation);
  const [latest, setLatest] = useState<WatchlistFieldsFragment | null>(null);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<WatchlistState['failed']>(null);

  useEffect(() => setLatest(null), [data]); // a fresh fetch supersedes the last mutation's answer
  const list = latest ?? data?.watchlist ?? null;
  const watched = useMemo(() => (list ? new Set(list.entries.map((e) => entryKey(e.venue, e.symbol))) : null), [list]);

  const toggle = useCallback(
    async (venue: string, symbol: string) => {
      const key = entryKey(venue, symbol);
      if (!watched || busy.has(key)) return;
      setBusy((prev) => new Set(prev).add(key));
      setFailed(null);
      try {
        if (watched.has(key)) {
          const res = await remove({ venue, symbol });
          if (res.error) setFailed({ key, error: res.error });
          else if (res.data) setLatest(res.data.removeFromWatchlist);
        } else {
          const res = await add({ venue, symbol });
          if (res.error) setFailed({ key, error: res.error });
          else if (res.data) setLatest(res.data.addToWatchlist);
        }
      } finally {
        setBusy((prev) => {
          const next = new Set(prev);
          next.delete(key);
          return next;
        });
      }
    },
    [watched, busy, add, remove],
  );

  const want = useCallback(() => setWanted(true), []);
  const value = useMemo(() => ({ want, watched, busy, failed, toggle }), [want, watched, busy, failed, toggle]);
  return <WatchlistContext.Provider value={value}>{children}</WatchlistContext.Provider>;
}

export function WatchlistStar({ venue, symbol }: { venue: string; symbol: string }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const watch = useContext(WatchlistContext);
  const want = watch?.want;
  useEffect(() => want?.(), [want]);
  if (!watch) return null;
  const key = entryKey(venue, symbol);
  const on = watch.watched?.has(key) ?? false;
  const failed = watch.failed?.key === key ? watch.failed.error : null;
  return (
    <View style={styles.starBox}>
      <Pressable
        accessibilityRole="button"
        accessibilityLabel={t(on ? 'widgets.watchRemove' : 'widgets.watchAdd', { symbol })}
        accessibilityState={{ selected: on, disabled: watch.watched === null || watch.busy.has(key) }}
        disabled={watch.watched === null || watch.busy.has(key)}
        hitSlop={4}
        onPress={() => void watch.toggle(venue, symbol)}
        style={styles.star}
        testID={`watch-${symbol}`}
      >
        <Text style={{ color: on ? theme.accent : theme.muted, fontSize: 22 }}>{on ? '★' : '☆'}</Text>
      </Pressable>
      {failed ? (
        <Text accessibilityRole="alert" style={{ color: theme.danger, fontSize: 12, maxWidth: 160 }} testID={`watch-error-${symbol}`}>
          {t(errorKey(failed) ?? 'errors.generic')}
        </Text>
      ) : null}
    </View>
  );
}

/** A market row with its watchlist star beside it (not inside: no button within a button). */
export function WatchableRow({ venue, symbol, children }: { venue: string; symbol: string; children: ReactNode }) {
  const watch = useContext(WatchlistContext);
  if (!watch) return <>{children}</>;
  return (
    <View style={styles.row}>
      <View style={{ flex: 1 }}>{children}</View>
      <WatchlistStar venue={venue} symbol={symbol} />
    </View>
  );
}

const styles = StyleSheet.create({
  row: { flexDirection: 'row', alignItems: 'center' },
  starBox: { alignItems: 'center', paddingEnd: 8 },
  star: { minWidth: 44, minHeight: 44, alignItems: 'center', justifyContent: 'center' },
});
