/**
 * The avatar picker on the profile settings: the picked photo's base64 goes to setAvatar, the new
 * avatar shows, removeAvatar goes back to the initial, and a server refusal is said in words.
 * Only the native image picker (outside our stack) is mocked.
 */
import { fireEvent, screen } from '@testing-library/react-native';
import * as ImagePicker from 'expo-image-picker';
import SocialScreen from '../src/screens/SocialScreen';
import { avatarSource } from '../src/components/social/Avatar';
import { base64Bytes } from '../src/components/social/AvatarPicker';
import { calls, data, gqlError, mockClient, once, pending, renderWith, type Handler } from './helpers';
import { accounts } from './socialFixtures';

jest.mock('expo-image-picker', () => ({ launchImageLibraryAsync: jest.fn() }));
jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

const launch = ImagePicker.launchImageLibraryAsync as jest.Mock;
afterEach(() => jest.clearAllMocks());

const PICKED = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const profile = (over: Record<string, unknown> = {}) => ({
  __typename: 'TraderProfile',
  handle: 'alice',
  bio: '',
  avatarUrl: null,
  hasAvatar: false,
  styleTags: [],
  publicAccountIds: [],
  showBalances: false,
  ...over,
});
const avatarResult = (url: string | null) => ({ __typename: 'TraderProfile', handle: 'alice', avatarUrl: url, hasAvatar: url !== null });

function setup(handlers: Record<string, Handler>) {
  return mockClient({ LiveFeed: pending(), CopySkippedLive: pending(), MyTraderProfile: data({ myTraderProfile: profile(), ...accounts }), ...handlers });
}

test('pick a photo: square crop, base64, setAvatar with it, then the new avatar shows', async () => {
  launch.mockResolvedValueOnce({ canceled: false, assets: [{ uri: 'file:///a.jpg', width: 800, height: 800, base64: PICKED }] });
  const { client, run } = setup({ SetAvatar: () => once({ data: { setAvatar: avatarResult('/avatars/alice?v=abc123') } }) });
  await renderWith(<SocialScreen initial="profile" />, client);
  expect(await screen.findByTestId('profile-avatar-initial')).toHaveTextContent('A');
  expect(screen.getByLabelText('Avatar of @alice')).toBeTruthy();
  expect(screen.queryByTestId('avatar-remove')).toBeNull();

  await fireEvent.press(screen.getByRole('button', { name: 'Choose a picture' }));
  expect(launch).toHaveBeenCalledWith(expect.objectContaining({ base64: true, allowsEditing: true, aspect: [1, 1], mediaTypes: ['images'] }));
  expect(launch.mock.calls[0][0].quality).toBeLessThan(1);
  expect(calls(run, 'SetAvatar')[0][0].variables).toEqual({ image: PICKED });
  const shown = await screen.findByTestId('profile-avatar');
  expect(shown.props.source).toEqual({ uri: 'http://127.0.0.1:8000/avatars/alice?v=abc123' });
  expect(screen.getByRole('button', { name: 'Change picture' })).toBeTruthy();
  expect(screen.getByTestId('avatar-remove')).toBeTruthy();
  expect(screen.queryByTestId('avatar-error')).toBeNull();
});

test('cancelling the picker sends nothing', async () => {
  launch.mockResolvedValueOnce({ canceled: true, assets: null });
  const { client, run } = setup({});
  await renderWith(<SocialScreen initial="profile" />, client);
  await fireEvent.press(await screen.findByTestId('avatar-choose'));
  expect(launch).toHaveBeenCalledTimes(1);
  expect(calls(run, 'SetAvatar')).toHaveLength(0);
  expect(screen.getByTestId('profile-avatar-initial')).toBeTruthy();
});

test('the server refusing the picture (BAD_USER_INPUT on image) is said in words', async () => {
  launch.mockResolvedValueOnce({ canceled: false, assets: [{ uri: 'file:///a.heic', width: 10, height: 10, base64: PICKED }] });
  const { client, run } = setup({ SetAvatar: gqlError('BAD_USER_INPUT', 'image must be a PNG, JPEG or WebP picture', { field: 'image' }) });
  await renderWith(<SocialScreen initial="profile" />, client);
  await fireEvent.press(await screen.findByTestId('avatar-choose'));
  expect(calls(run, 'SetAvatar')).toHaveLength(1);
  expect(screen.getByTestId('avatar-error')).toHaveTextContent("This picture can't be used. Choose a PNG, JPEG or WebP photo of up to 2 MB.");
  expect(screen.getByTestId('profile-avatar-initial')).toBeTruthy(); // nothing changed
});

test('a picture over 2 MB is refused before it is sent', async () => {
  const big = 'A'.repeat(Math.ceil((2 * 1024 * 1024 + 3) / 3) * 4);
  launch.mockResolvedValueOnce({ canceled: false, assets: [{ uri: 'file:///big.jpg', width: 4000, height: 4000, base64: big }] });
  const { client, run } = setup({});
  await renderWith(<SocialScreen initial="profile" />, client);
  await fireEvent.press(await screen.findByTestId('avatar-choose'));
  expect(calls(run, 'SetAvatar')).toHaveLength(0);
  expect(screen.getByTestId('avatar-error')).toHaveTextContent('This picture is larger than 2 MB. Choose a smaller one.');
});

test('remove: removeAvatar, then the initial shows again', async () => {
  const { client, run } = setup({
    MyTraderProfile: data({ myTraderProfile: profile({ avatarUrl: '/avatars/alice?v=abc', hasAvatar: true }), ...accounts }),
    RemoveAvatar: () => once({ data: { removeAvatar: avatarResult(null) } }),
  });
  await renderWith(<SocialScreen initial="profile" />, client);
  expect((await screen.findByTestId('profile-avatar')).props.source).toEqual({ uri: 'http://127.0.0.1:8000/avatars/alice?v=abc' });
  await fireEvent.press(screen.getByRole('button', { name: 'Remove picture' }));
  expect(calls(run, 'RemoveAvatar')).toHaveLength(1);
  expect(await screen.findByTestId('profile-avatar-initial')).toHaveTextContent('A');
  expect(screen.queryByTestId('avatar-remove')).toBeNull();
});

test('without a saved profile the picker waits for the first save', async () => {
  const { client } = setup({ MyTraderProfile: data({ myTraderProfile: null, ...accounts }) });
  await renderWith(<SocialScreen initial="profile" />, client);
  await fireEvent.press(await screen.findByTestId('profile-opt-in'));
  expect(screen.getByTestId('avatar-save-first')).toHaveTextContent('Save your profile first, then you can add a picture.');
  expect(screen.queryByTestId('avatar-choose')).toBeNull();
});

test('helpers: server paths become absolute, base64 sizes are counted without decoding', () => {
  expect(avatarSource('/avatars/a?v=1', 'https://api.example.com/')).toBe('https://api.example.com/avatars/a?v=1');
  expect(avatarSource('https://cdn.example.com/a.png', 'https://api.example.com')).toBe('https://cdn.example.com/a.png');
  expect(base64Bytes('QUJD')).toBe(3);
  expect(base64Bytes('QUI=')).toBe(2);
  expect(base64Bytes('QQ==')).toBe(1);
});
