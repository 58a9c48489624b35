import { Modal, Pressable, StyleSheet, Text, View } from 'react-native';
import { useTranslation } from 'react-i18next';
import { SHORTCUTS } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

/** The list "?" shows. */
export function ShortcutHelp({ visible, onClose }: { visible: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const theme = useTheme();
  return (
    <Modal visible={visible} transparent animationType="fade" onRequestClose={onClose}>
      <View style={styles.backdrop}>
        <View style={[styles.card, { backgroundColor: theme.surface, borderColor: theme.border }]} testID="shortcut-help">
          <Text accessibilityRole="header" style={[styles.title, { color: theme.text }]}>
            {t('shortcuts.title')}
          </Text>
          {SHORTCUTS.map((s) => (
            <View key={s.key} style={styles.row}>
              <Text style={[styles.key, { color: theme.text, borderColor: theme.border }]}>{s.key}</Text>
              <Text style={{ color: theme.text, fontSize: 15 }}>{t(`shortcuts.${s.action}`)}</Text>
            </View>
          ))}
          <Pressable
            accessibilityRole="button"
            accessibilityLabel={t('common.close')}
            onPress={onClose}
            style={[styles.close, { backgroundColor: theme.accent }]}
          >
            <Text style={{ color: theme.onAccent, fontWeight: '600' }}>{t('common.close')}</Text>
          </Pressable>
        </View>
      </View>
    </Modal>
  );
}

const styles = StyleSheet.create({
  backdrop: { flex: 1, alignItems: 'center', justifyContent: 'center', backgroundColor: 'rgba(0,0,0,0.5)' },
  card: { padding: 20, borderRadius: 12, borderWidth: StyleSheet.hairlineWidth, minWidth: 280 },
  title: { fontSize: 18, fontWeight: '700', marginBottom: 12 },
  row: { flexDirection: 'row', alignItems: 'center', gap: 12, paddingVertical: 6 },
  key: { minWidth: 44, textAlign: 'center', borderWidth: 1, borderRadius: 6, paddingVertical: 4, fontWeight: '700' },
  close: { minHeight: 44, borderRadius: 8, alignItems: 'center', justifyContent: 'center', marginTop: 16 },
});
