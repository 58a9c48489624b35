/**
 * Per-feature message bundles. Each feature keeps its own folder
 * (`src/locales/<feature>/<lang>.json`, top-level key = the feature's namespace) so screens can be
 * translated without touching the shared per-language files; `src/i18n` merges them in.
 * Add a feature: create its 11 files, then one `import` + one entry below.
 */
import { homeBundle } from '../home';
import { accountsBundle } from '../accounts';
import { onboardingBundle } from '../onboarding';
import { widgetsBundle } from '../widgets';
import { botsBundle } from '../bots';
import { alertsBundle } from '../alerts';
import { stopOrdersBundle } from '../orders';
import { socialBundle } from '../social';
import { notificationsBundle } from '../notifications';
import { chartsBundle } from '../charts';
import { killSwitchBundle } from '../killSwitch';
import { appNavBundle } from '../appNav';

export type Messages = { [key: string]: string | Messages };
export type FeatureBundle = Record<string, Messages>;

export const featureBundles: FeatureBundle[] = [
  homeBundle,
  accountsBundle,
  onboardingBundle,
  widgetsBundle,
  botsBundle,
  alertsBundle,
  stopOrdersBundle,
  socialBundle,
  notificationsBundle,
  chartsBundle,
  killSwitchBundle,
  appNavBundle,
];
