import * as SecureStore from 'expo-secure-store';
import { saveWidgetToken, savedWidgetTokenId, secureSnapshotStore, WIDGET_TOKEN_KEY } from '../../src/widgets/store';

// expo-secure-store is an in-memory mock (jest.setup.ts).

test('the token and its id are kept for the widget task', async () => {
  await saveWidgetToken('secret-1', 'wt-1');
  expect(await secureSnapshotStore.token()).toBe('secret-1');
  expect(await savedWidgetTokenId()).toBe('wt-1');
  expect(await SecureStore.getItemAsync(WIDGET_TOKEN_KEY)).toBe('secret-1');
});

test('kept snapshots round-trip; a broken one reads as none', async () => {
  await secureSnapshotStore.save('portfolio', 'small', { etag: '"e1"', body: '{"v":1}' });
  expect(await secureSnapshotStore.load('portfolio', 'small')).toEqual({ etag: '"e1"', body: '{"v":1}' });
  await SecureStore.setItemAsync('co.widget.snapshot.bots.large', 'not json');
  expect(await secureSnapshotStore.load('bots', 'large')).toBeNull();
});

test('forgetting the token also forgets every kept snapshot', async () => {
  await saveWidgetToken('secret-1', 'wt-1');
  await secureSnapshotStore.save('watchlist', 'medium', { etag: '"e2"', body: '{}' });
  await saveWidgetToken(null);
  expect(await secureSnapshotStore.token()).toBeNull();
  expect(await savedWidgetTokenId()).toBeNull();
  expect(await secureSnapshotStore.load('watchlist', 'medium')).toBeNull();
});

test("a new token starts clean: another account's snapshots are not kept", async () => {
  await saveWidgetToken('secret-a', 'wt-a');
  await secureSnapshotStore.save('portfolio', 'large', { etag: '"a"', body: '{}' });
  await saveWidgetToken('secret-b', 'wt-b');
  expect(await secureSnapshotStore.load('portfolio', 'large')).toBeNull();
  expect(await savedWidgetTokenId()).toBe('wt-b');
});
