/**
 * The Android side of the push-triggered refresh: refreshWidgets asks the library to redraw the
 * placed widgets of the named kinds; registerWidgets registers the task and the push listener.
 */
const mockRequestWidgetUpdate = jest.fn(async () => undefined);
const mockRegisterWidgetTaskHandler = jest.fn();
const mockAddNotificationReceivedListener = jest.fn((_listener: unknown) => ({ remove: jest.fn() }));

jest.mock('react-native-android-widget', () => ({
  requestWidgetUpdate: (...args: unknown[]) => mockRequestWidgetUpdate(...(args as [])),
  registerWidgetTaskHandler: (...args: unknown[]) => mockRegisterWidgetTaskHandler(...args),
}));
jest.mock('expo-notifications', () => ({
  addNotificationReceivedListener: (listener: unknown) => mockAddNotificationReceivedListener(listener),
}));
jest.mock('../../src/widgets/taskHandler.android', () => ({
  drawWidget: jest.fn(),
  widgetTaskHandler: jest.fn(),
}));

import { refreshWidgets } from '../../src/widgets/refresh.android';
import { registerWidgets } from '../../src/widgets/register.android';
import { widgetTaskHandler } from '../../src/widgets/taskHandler.android';

const names = () => (mockRequestWidgetUpdate.mock.calls as unknown as [{ widgetName: string }][]).map(([arg]) => arg.widgetName);

beforeEach(() => mockRequestWidgetUpdate.mockClear());

test('redraws only the placed widgets of the named kinds', async () => {
  await refreshWidgets(['portfolio', 'bots']);
  expect(names()).toEqual(['Portfolio', 'Bots']);
  mockRequestWidgetUpdate.mockClear();
  await refreshWidgets();
  expect(names()).toEqual(['Portfolio', 'Watchlist', 'Bots']);
});

test('registering wires the task handler and a widget_refresh push to a redraw, once', async () => {
  registerWidgets();
  registerWidgets();
  expect(mockRegisterWidgetTaskHandler).toHaveBeenCalledWith(widgetTaskHandler);
  expect(mockAddNotificationReceivedListener).toHaveBeenCalledTimes(1);
  const listener = mockAddNotificationReceivedListener.mock.calls[0][0] as (n: unknown) => void;
  listener({ request: { content: {}, trigger: { remoteMessage: { data: { type: 'widget_refresh', kinds: 'watchlist' } } } } });
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(names()).toEqual(['Watchlist']);
});
