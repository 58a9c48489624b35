import { useState } from 'react';
import { Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { errorKey } from '../../graphql/errors';
import { CreatePostMutation } from '../../graphql/social';
import { useTheme } from '../../theme';
import { Button, Field } from '../controls';
import { Alert } from './ui';

const ERRORS = { BACKTEST_NOT_FINISHED: 'social.errors.BACKTEST_NOT_FINISHED' };

/** "Share to feed" for one of your finished backtests: an optional comment, then a backtest post (once). */
export function ShareBacktest({ backtestId }: { backtestId: string }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const [res, create] = useMutation(CreatePostMutation);
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const error = errorKey(res.error, ERRORS);

  const share = async () => {
    const r = await create({ input: { kind: 'backtest', backtestId, body: body.trim() } });
    if (r.data?.createPost) setShared(true);
  };

  if (shared) {
    return (
      <Text accessibilityRole="alert" style={{ color: theme.muted }} testID="backtest-shared">
        {t('social.backtestPost.shared')}
      </Text>
    );
  }
  return (
    <View style={{ gap: 8 }} testID="backtest-share">
      <Field label={t('social.backtestPost.comment')} value={body} onChangeText={setBody} maxLength={1000} multiline testID="backtest-share-body" />
      <Alert text={error ? t(error) : null} testID="backtest-share-error" />
      <Button
        label={t('social.backtestPost.share')}
        accessibilityLabel={t('social.backtestPost.shareLabel')}
        kind="primary"
        busy={res.fetching}
        onPress={() => void share()}
        testID="backtest-share-send"
      />
    </View>
  );
}
