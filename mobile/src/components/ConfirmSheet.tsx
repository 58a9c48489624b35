import { ActivityIndicator, Modal, Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import type { GuardedAction } from '../auth/useGuardedAction';
import { useTheme } from '../theme';

/**
 * The confirmation sheet of a guarded action: the exact action in words (the server's summary)
 * before the passkey prompt, progress, and what to do next when the step-up fails.
 */
export function ConfirmSheet({ guarded, onEnroll }: { guarded: GuardedAction; onEnroll?: () => void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const { state, confirm, retry, reset } = guarded;
  const visible = state.phase !== 'idle' && state.phase !== 'done';
  const busy = state.phase === 'preparing' || state.phase === 'asserting' || state.phase === 'submitting';
  const problem = state.problem;
  const message = problem ? t(`stepUp.problems.${problem.kind}`) : state.messageKey ? t(state.messageKey) : null;
  const progress =
    state.phase === 'preparing' ? t('stepUp.preparing') : state.phase === 'asserting' ? t('stepUp.confirming') : state.phase === 'submitting' ? t('stepUp.submitting') : null;

  const button = (label: string, onPress: () => void, primary: boolean, testID: string) => (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      onPress={onPress}
      style={[styles.button, primary ? { backgroundColor: theme.accent } : { borderColor: theme.border, borderWidth: 1 }]}
      testID={testID}
    >
      <Text style={{ color: primary ? theme.onAccent : theme.text, fontWeight: '600', fontSize: 16 }}>{label}</Text>
    </Pressable>
  );

  return (
    <Modal visible={visible} transparent animationType="slide" onRequestClose={reset}>
      <View style={styles.backdrop}>
        <View
          style={[styles.sheet, { backgroundColor: theme.surface, borderColor: theme.border }]}
          accessibilityViewIsModal
          testID="confirm-sheet"
        >
          <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
            {t('stepUp.title')}
          </Text>
          {state.summary ? (
            <>
              <Text style={{ color: theme.muted }}>{t('stepUp.intro')}</Text>
              <Text style={[styles.summary, { color: theme.text }]} testID="confirm-summary">
                {state.summary}
              </Text>
            </>
          ) : null}
          {progress ? (
            <View style={styles.progress}>
              <ActivityIndicator color={theme.accent} accessibilityLabel={progress} />
              <Text style={{ color: theme.muted }}>{progress}</Text>
            </View>
          ) : null}
          {message ? (
            <Text accessibilityRole="alert" style={[styles.message, { color: problem || state.phase === 'failed' ? theme.danger : theme.muted }]} testID="confirm-message">
              {message}
            </Text>
          ) : null}
          {!busy ? (
            <View style={styles.actions}>
              {state.phase === 'confirm' ? button(t('stepUp.confirm'), () => void confirm(), true, 'confirm-passkey') : null}
              {state.phase === 'failed' && problem?.kind === 'enroll' && onEnroll
                ? button(t('stepUp.addPasskey'), () => {
                    reset();
                    onEnroll();
                  }, true, 'confirm-enroll')
                : null}
              {state.phase === 'failed' && problem && problem.kind !== 'enroll'
                ? button(t('stepUp.tryAgain'), () => void retry(), true, 'confirm-retry')
                : null}
              {button(t('common.cancel'), reset, false, 'confirm-cancel')}
            </View>
          ) : null}
        </View>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, justifyContent: 'flex-end', backgroundColor: 'rgba(0,0,0,0.5)' },
  sheet: { padding: 20, borderTopLeftRadius: 16, borderTopRightRadius: 16, borderWidth: StyleSheet.hairlineWidth, width: '100%', maxWidth: 560, alignSelf: 'center' },
  title: { fontSize: 20, fontWeight: '700', marginBottom: 8 },
  summary: { fontSize: 18, fontWeight: '600', marginVertical: 8 },
  progress: { flexDirection: 'row', alignItems: 'center', gap: 8, marginVertical: 8 },
  message: { marginVertical: 8, fontSize: 15 },
  actions: { gap: 8, marginTop: 8 },
  button: { minHeight: 48, borderRadius: 8, alignItems: 'center', justifyContent: 'center', paddingHorizontal: 16 },
});
