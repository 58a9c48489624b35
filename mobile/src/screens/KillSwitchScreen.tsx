import { ScrollView } from 'react-native';
import { useGuardedAction } from '../auth/useGuardedAction';
import { KillSwitchSection } from '../components/accounts/KillSwitchSection';
import { ConfirmSheet } from '../components/ConfirmSheet';
import { useKeyboardShortcuts } from '../hooks/useKeyboardShortcuts';
import { useTheme } from '../theme';

/** The kill switch on its own screen, one tap from every tab's header (also in Settings). */
export default function KillSwitchScreen() {
  const theme = useTheme();
  const guarded = useGuardedAction();
  useKeyboardShortcuts({ close: guarded.reset });
  return (
    <ScrollView style={{ backgroundColor: theme.background }} contentContainerStyle={{ padding: 16 }}>
      <KillSwitchSection guarded={guarded} />
      <ConfirmSheet guarded={guarded} />
    </ScrollView>
  );
}
