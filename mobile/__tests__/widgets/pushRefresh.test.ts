import { handleWidgetRefresh, pushData, widgetRefreshKinds } from '../../src/widgets/pushRefresh';

/** A received push as expo-notifications hands it over (Android: the FCM data map in the trigger). */
const remote = (data: Record<string, string>) => ({
  request: { content: { data: {} }, trigger: { type: 'push', remoteMessage: { data } } },
});

test('reads the kinds of a widget_refresh data message', () => {
  expect(widgetRefreshKinds({ type: 'widget_refresh', kinds: 'portfolio,bots' })).toEqual(['portfolio', 'bots']);
  expect(widgetRefreshKinds({ type: 'widget_refresh', kinds: ' bots ,unknown' })).toEqual(['bots']);
  // No (known) kinds named: redraw everything rather than nothing.
  expect(widgetRefreshKinds({ type: 'widget_refresh' })).toEqual(['portfolio', 'watchlist', 'bots', 'alerts', 'signal']);
  expect(widgetRefreshKinds({ category: 'PRICE_ALERT', title: 'BTC' })).toBeNull();
  expect(widgetRefreshKinds(null)).toBeNull();
});

test('the data comes from the FCM message, or else from the content', () => {
  expect(pushData(remote({ type: 'widget_refresh' }))).toEqual({ type: 'widget_refresh' });
  expect(pushData({ request: { content: { data: { type: 'widget_refresh' } }, trigger: null } })).toEqual({
    type: 'widget_refresh',
  });
  expect(pushData({ request: { content: {}, trigger: null } })).toBeNull();
});

test('a widget_refresh push redraws the named kinds', async () => {
  const refresh = jest.fn(async () => undefined);
  expect(await handleWidgetRefresh(remote({ type: 'widget_refresh', kinds: 'portfolio,bots' }), refresh)).toBe(true);
  expect(refresh).toHaveBeenCalledWith(['portfolio', 'bots']);
});

test('other pushes are left alone, and a failed redraw is not an error', async () => {
  const refresh = jest.fn(async () => {
    throw new Error('no widget placed');
  });
  expect(await handleWidgetRefresh(remote({ category: 'PRICE_ALERT', notificationId: 'n-1' }), refresh)).toBe(false);
  expect(refresh).not.toHaveBeenCalled();
  await expect(handleWidgetRefresh(remote({ type: 'widget_refresh', kinds: 'bots' }), refresh)).resolves.toBe(true);
  expect(refresh).toHaveBeenCalledWith(['bots']);
});
