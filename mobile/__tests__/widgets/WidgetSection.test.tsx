import { fireEvent, screen, waitFor } from '@testing-library/react-native';
import { WidgetSection, type WidgetTokenKeeper } from '../../src/components/settings/WidgetSection';
import i18n from '../../src/i18n';
import { calls, data, gqlError, mockClient, renderWith, type Handler } from '../helpers';

const token = (id: string, label: string) => ({
  __typename: 'WidgetToken',
  id,
  label,
  createdAt: '2026-11-20T10:00:00+00:00',
  expiresAt: '2027-11-20T10:00:00+00:00',
});

function keeper(saved: string | null = null): WidgetTokenKeeper & { save: jest.Mock } {
  let id = saved;
  return {
    save: jest.fn(async (_token: string | null, newId: string | null = null) => {
      id = _token === null ? null : newId;
    }),
    savedId: async () => id,
  };
}

function setup(tokens: ReturnType<typeof token>[], extra: Record<string, Handler> = {}) {
  return mockClient({ WidgetTokens: data({ widgetTokens: tokens }), ...extra });
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

test('on Android, connecting creates a token, keeps its secret for the widget task and redraws', async () => {
  const created = token('wt-2', 'My phone');
  const { client, run } = setup([token('wt-1', 'Old tablet')], {
    CreateWidgetToken: data({ createWidgetToken: { token: 'secret-2', widgetToken: created } }),
  });
  const kept = keeper();
  const redraw = jest.fn(async () => undefined);
  await renderWith(<WidgetSection platform="android" keeper={kept} redraw={redraw} />, client);
  expect(screen.getByRole('header', { name: 'Home-screen widgets' })).toBeOnTheScreen();
  expect(screen.getByText(/Old tablet · created/)).toBeOnTheScreen();
  await fireEvent.changeText(screen.getByLabelText('Token name'), 'My phone');
  await fireEvent.press(screen.getByRole('button', { name: "Connect this phone's widgets" }));
  await waitFor(() => expect(kept.save).toHaveBeenCalledWith('secret-2', 'wt-2'));
  expect(calls(run, 'CreateWidgetToken')[0][0].variables).toEqual({ label: 'My phone' });
  expect(redraw).toHaveBeenCalled();
  // The secret is never shown on screen.
  expect(screen.queryByText(/secret-2/)).toBeNull();
  expect(calls(run, 'WidgetTokens').length).toBeGreaterThan(1); // the list was reloaded
});

test("revoking this phone's token forgets it and redraws the widgets signed out", async () => {
  const { client, run } = setup([token('wt-1', 'Pixel'), token('wt-9', 'Tablet')], {
    RevokeWidgetToken: data({ revokeWidgetToken: true }),
  });
  const kept = keeper('wt-1');
  const redraw = jest.fn(async () => undefined);
  await renderWith(<WidgetSection platform="android" keeper={kept} redraw={redraw} />, client);
  await waitFor(() => expect(screen.getByText(/Pixel · created .* · this phone/)).toBeOnTheScreen());
  expect(screen.getByTestId('widgets-connected')).toHaveTextContent("This phone's widgets are connected.");
  expect(screen.queryByText(/Tablet · created .* · this phone/)).toBeNull();

  await fireEvent.press(screen.getByRole('button', { name: 'Revoke widget token Tablet' }));
  await waitFor(() => expect(calls(run, 'RevokeWidgetToken')).toHaveLength(1));
  expect(kept.save).not.toHaveBeenCalled(); // another device's token: this phone keeps its own

  await fireEvent.press(screen.getByRole('button', { name: 'Revoke widget token Pixel' }));
  await waitFor(() => expect(kept.save).toHaveBeenCalledWith(null));
  expect(calls(run, 'RevokeWidgetToken')[1][0].variables).toEqual({ id: 'wt-1' });
  expect(redraw).toHaveBeenCalledTimes(1);
});

test('on the web the tokens are listed and revocable, but nothing is connected here', async () => {
  const { client, run } = setup([token('wt-1', 'Pixel')], { RevokeWidgetToken: data({ revokeWidgetToken: true }) });
  const kept = keeper('wt-1');
  await renderWith(<WidgetSection platform="web" keeper={kept} />, client);
  expect(screen.getByText(/part of the Android app/)).toBeOnTheScreen();
  expect(screen.queryByRole('button', { name: "Connect this phone's widgets" })).toBeNull();
  expect(screen.queryByText(/this phone/)).toBeNull();
  await fireEvent.press(screen.getByRole('button', { name: 'Revoke widget token Pixel' }));
  await waitFor(() => expect(calls(run, 'RevokeWidgetToken')).toHaveLength(1));
});

test('an empty list says so, and errors show by code', async () => {
  const { client } = setup([], { CreateWidgetToken: gqlError('BAD_USER_INPUT', 'at most 20 live widget tokens') });
  const kept = keeper();
  await renderWith(<WidgetSection platform="android" keeper={kept} redraw={async () => undefined} />, client);
  expect(screen.getByTestId('widget-tokens-empty')).toHaveTextContent('No widget tokens yet.');
  await fireEvent.press(screen.getByRole('button', { name: "Connect this phone's widgets" }));
  await waitFor(() => expect(screen.getByRole('alert')).toBeOnTheScreen());
  expect(kept.save).not.toHaveBeenCalled();
});

test('the section follows the app language', async () => {
  await i18n.changeLanguage('de');
  const { client } = setup([]);
  await renderWith(<WidgetSection platform="android" keeper={keeper()} />, client);
  expect(screen.getByRole('header', { name: 'Startbildschirm-Widgets' })).toBeOnTheScreen();
  expect(screen.getByRole('button', { name: 'Widgets dieses Telefons verbinden' })).toBeOnTheScreen();
});
