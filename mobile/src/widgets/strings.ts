/** Every text a widget shows, passed in so the widgets follow the app's language. */
export interface WidgetStrings {
  portfolio: string;
  dayChange: string;
  watchlist: string;
  bots: string;
  running: (count: number) => string;
  inError: (count: number) => string;
  noBots: string;
  alerts: string;
  noAlerts: string;
  signal: string;
  noSignal: string;
  buy: string;
  sell: string;
  hold: string;
  empty: string;
  signIn: string;
  offline: string;
  updatedAt: (time: string) => string;
}

/** English defaults; the app passes translated strings (see docs/widgets.md). */
export const ENGLISH: WidgetStrings = {
  portfolio: 'Portfolio',
  dayChange: '24 h',
  watchlist: 'Watchlist',
  bots: 'Bots',
  running: (count) => `${count} running`,
  inError: (count) => `${count} in error`,
  noBots: 'No bots yet',
  alerts: 'Alerts',
  noAlerts: 'No alert triggered yet',
  signal: 'Signal',
  noSignal: 'No signal yet',
  buy: 'Buy',
  sell: 'Sell',
  hold: 'Hold',
  empty: 'Nothing to show yet',
  signIn: 'Open the app to connect this widget',
  offline: 'Offline: showing the last update',
  updatedAt: (time) => `Updated ${time}`,
};

/** Strings from a translate function (i18next's `t`) with the keys under `widgets.*`. */
export function widgetStrings(t: (key: string, options?: Record<string, unknown>) => string): WidgetStrings {
  return {
    portfolio: t('widgets.portfolio'),
    dayChange: t('widgets.dayChange'),
    watchlist: t('widgets.watchlist'),
    bots: t('widgets.bots'),
    running: (count) => t('widgets.running', { count }),
    inError: (count) => t('widgets.inError', { count }),
    noBots: t('widgets.noBots'),
    alerts: t('widgets.alerts'),
    noAlerts: t('widgets.noAlerts'),
    signal: t('widgets.signal'),
    noSignal: t('widgets.noSignal'),
    buy: t('widgets.buy'),
    sell: t('widgets.sell'),
    hold: t('widgets.hold'),
    empty: t('widgets.empty'),
    signIn: t('widgets.signIn'),
    offline: t('widgets.offline'),
    updatedAt: (time) => t('widgets.updatedAt', { time }),
  };
}
