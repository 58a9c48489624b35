import { useCallback, useEffect, useMemo, useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { Empty, ErrorState, Loading } from '../States';
import { formatDateTime, formatNumber } from '../../format';
import type { PostFieldsFragment } from '../../gql/graphql';
import { errorKey } from '../../graphql/errors';
import {
  BlockUserMutation,
  CommentOnPostMutation,
  CreatePostMutation,
  FeedQuery,
  LikePostMutation,
  PostCommentsQuery,
  ReportPostMutation,
} from '../../graphql/social';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Alert, socialStyles } from './ui';
import { BacktestPostCard } from './BacktestPostCard';

export const FEED_PAGE = 20;

/** "@handle" for authors with a public profile, otherwise their user id. */
export function authorName(post: Pick<PostFieldsFragment, 'authorId' | 'authorHandle'>): string {
  return post.authorHandle ? `@${post.authorHandle}` : post.authorId;
}

function Comments({ postId }: { postId: string }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const [res] = useQuery({ query: PostCommentsQuery, variables: { postId, first: 50 }, requestPolicy: 'cache-and-network' });
  if (res.fetching && !res.data) return <Loading testID={`comments-loading-${postId}`} />;
  if (!res.data) return <Alert text={t(errorKey(res.error) ?? 'errors.generic')} />;
  if (res.data.postComments.length === 0) return <Text style={{ color: theme.muted }}>{t('social.feed.noComments')}</Text>;
  return (
    <View style={{ gap: 4 }}>
      {res.data.postComments.map((c) => (
        <Text key={c.id} style={{ color: theme.text }} testID={`comment-${c.id}`}>
          {c.body} <Text style={{ color: theme.muted, fontSize: 12 }}>· {formatDateTime(c.createdAt, i18n.language)}</Text>
        </Text>
      ))}
    </View>
  );
}

/** Report a post (it leaves your feed and goes to moderation) or block its author (neither sees the other's posts). */
function Moderation({ post, onReported, onBlocked }: { post: PostFieldsFragment; onReported(): void; onBlocked(): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'idle' | 'report' | 'block'>('idle');
  const [reason, setReason] = useState('');
  const [reportRes, report] = useMutation(ReportPostMutation);
  const [blockRes, block] = useMutation(BlockUserMutation);
  const error = errorKey(reportRes.error ?? blockRes.error);
  return (
    <View style={{ gap: 8 }}>
      <Alert text={error ? t(error) : null} testID={`moderation-error-${post.id}`} />
      {mode === 'report' ? (
        <>
          <Field label={t('social.moderation.reason')} value={reason} onChangeText={setReason} maxLength={500} testID={`report-reason-${post.id}`} />
          <View style={socialStyles.actions}>
            <Button
              label={t('social.moderation.sendReport')}
              kind="danger"
              disabled={!reason.trim()}
              busy={reportRes.fetching}
              onPress={() => void report({ postId: post.id, reason: reason.trim() }).then((r) => r.data?.reportPost && onReported())}
              testID={`report-send-${post.id}`}
            />
            <Button label={t('common.cancel')} onPress={() => setMode('idle')} />
          </View>
        </>
      ) : mode === 'block' ? (
        <>
          <Text accessibilityRole="alert">{t('social.moderation.confirmBlock', { id: authorName(post) })}</Text>
          <View style={socialStyles.actions}>
            <Button
              label={t('social.moderation.block')}
              kind="danger"
              busy={blockRes.fetching}
              onPress={() => void block({ userId: post.authorId, block: true }).then((r) => r.data?.blockUser && onBlocked())}
              testID={`block-confirm-${post.id}`}
            />
            <Button label={t('common.cancel')} onPress={() => setMode('idle')} />
          </View>
        </>
      ) : (
        <View style={socialStyles.actions}>
          <Button label={t('social.moderation.report')} accessibilityLabel={t('social.moderation.reportLabel')} onPress={() => setMode('report')} testID={`report-${post.id}`} />
          <Button
            label={t('social.moderation.block')}
            accessibilityLabel={t('social.moderation.blockLabel', { id: authorName(post) })}
            onPress={() => setMode('block')}
            testID={`block-${post.id}`}
          />
        </View>
      )}
    </View>
  );
}

function PostCard({
  post,
  onChange,
  onReported,
  onBlocked,
}: {
  post: PostFieldsFragment;
  onChange(post: PostFieldsFragment): void;
  onReported(): void;
  onBlocked(): void;
}) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const locale = i18n.language;
  const [likeRes, like] = useMutation(LikePostMutation);
  const [commentRes, comment] = useMutation(CommentOnPostMutation);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [version, setVersion] = useState(0);
  const error = errorKey(likeRes.error ?? commentRes.error);

  const send = async () => {
    if (!draft.trim()) return;
    const r = await comment({ postId: post.id, body: draft.trim() });
    if (r.data) {
      setDraft('');
      onChange(r.data.commentOnPost);
      setVersion((v) => v + 1);
    }
  };

  return (
    <View style={[socialStyles.card, { borderColor: theme.border }]} testID={`post-${post.id}`}>
      <Text style={{ color: theme.muted, fontSize: 12 }}>
        {t('social.feed.author', { id: authorName(post) })} · {formatDateTime(post.createdAt, locale)}
      </Text>
      {post.body ? <Text style={{ color: theme.text, fontSize: 15 }}>{post.body}</Text> : null}
      {post.trade ? (
        <Text style={{ color: post.trade.side.toLowerCase() === 'buy' ? theme.up : theme.down, fontWeight: '600' }}>
          {t(post.trade.side.toLowerCase() === 'buy' ? 'social.feed.tradeBuy' : 'social.feed.tradeSell', {
            qty: formatNumber(post.trade.qty, locale),
            symbol: post.trade.symbol,
            price: formatNumber(post.trade.price, locale),
          })}
        </Text>
      ) : null}
      {post.backtest ? <BacktestPostCard backtest={post.backtest} postId={post.id} /> : null}
      <Alert text={error ? t(error) : null} />
      <View style={socialStyles.actions}>
        <Button
          label={t(post.likedByMe ? 'social.feed.liked' : 'social.feed.like', { count: post.likes })}
          accessibilityLabel={t(post.likedByMe ? 'social.feed.unlikeLabel' : 'social.feed.likeLabel', { count: post.likes })}
          kind={post.likedByMe ? 'primary' : 'secondary'}
          onPress={() => void like({ postId: post.id, liked: !post.likedByMe }).then((r) => r.data && onChange(r.data.likePost))}
          testID={`like-${post.id}`}
        />
        <Button label={t('social.feed.comments', { count: post.commentCount })} onPress={() => setOpen(!open)} testID={`comments-${post.id}`} />
      </View>
      <Moderation post={post} onReported={onReported} onBlocked={onBlocked} />
      {open ? (
        <View style={{ gap: 8 }}>
          <Comments key={version} postId={post.id} />
          <Field label={t('social.feed.addComment')} value={draft} onChangeText={setDraft} maxLength={1000} testID={`comment-input-${post.id}`} />
          <Button label={t('social.feed.send')} kind="primary" onPress={() => void send()} busy={commentRes.fetching} testID={`comment-send-${post.id}`} />
        </View>
      ) : null}
    </View>
  );
}

/** Posts of the people you follow and yours: cursor pages, new posts live (`live`, newest first), like, comment, post. */
export function FeedSection({ live = [] }: { live?: PostFieldsFragment[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const [posts, setPosts] = useState<PostFieldsFragment[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [createRes, create] = useMutation(CreatePostMutation);

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      const res = await client.query(FeedQuery, { first: FEED_PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
      setLoading(false);
      if (res.error || !res.data) {
        setError(errorKey(res.error) ?? 'errors.generic');
        return;
      }
      setError(null);
      const page = res.data.feed;
      setPosts((prev) => (after ? [...prev, ...page.posts] : page.posts));
      setCursor(page.endCursor ?? null);
      setHasMore(page.hasNextPage);
    },
    [client],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  // Live posts first (newest on top), then the pages; one card per post, latest copy wins.
  const [edited, setEdited] = useState<Record<string, PostFieldsFragment>>({});
  // Reported posts and blocked authors leave the feed at once (the server hides them from now on).
  const [reported, setReported] = useState<string[]>([]);
  const [blocked, setBlocked] = useState<string[]>([]);
  const shown = useMemo(() => {
    const seen = new Set<string>();
    const out: PostFieldsFragment[] = [];
    for (const p of [...live, ...posts]) {
      if (seen.has(p.id) || reported.includes(p.id) || blocked.includes(p.authorId)) continue;
      seen.add(p.id);
      out.push(edited[p.id] ?? p);
    }
    return out;
  }, [live, posts, edited, reported, blocked]);

  const publish = async () => {
    if (!draft.trim()) return;
    const r = await create({ input: { kind: 'text', body: draft.trim() } });
    if (r.data) {
      const post = r.data.createPost;
      setDraft('');
      setPosts((prev) => [post, ...prev.filter((p) => p.id !== post.id)]);
    }
  };

  const createError = errorKey(createRes.error);
  return (
    <View style={{ gap: 10 }}>
      <Field label={t('social.feed.compose')} value={draft} onChangeText={setDraft} multiline maxLength={2000} testID="post-input" />
      <Alert text={createError ? t(createError) : null} />
      <Button label={t('social.feed.post')} kind="primary" onPress={() => void publish()} busy={createRes.fetching} disabled={!draft.trim()} testID="post-send" />
      {loading && shown.length === 0 && !error ? <Loading /> : null}
      {error && shown.length === 0 ? <ErrorState message={t(error)} onRetry={() => void load(null)} /> : null}
      {!loading && !error && shown.length === 0 ? <Empty message={t('social.feed.empty')} /> : null}
      {shown.map((p) => (
        <PostCard
          key={p.id}
          post={p}
          onChange={(next) => setEdited((prev) => ({ ...prev, [next.id]: next }))}
          onReported={() => setReported((prev) => [...prev, p.id])}
          onBlocked={() => setBlocked((prev) => [...prev, p.authorId])}
        />
      ))}
      {hasMore ? <Button label={t('social.more')} onPress={() => void load(cursor)} busy={loading} testID="feed-more" /> : null}
    </View>
  );
}
