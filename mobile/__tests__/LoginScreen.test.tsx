import { act, fireEvent, screen, waitFor } from '@testing-library/react-native';
import * as SecureStore from 'expo-secure-store';
import { CombinedError } from '@urql/core';
import { makeSubject } from 'wonka';
import LoginScreen, { DEMO_EMAIL, DEMO_PASSWORD } from '../src/screens/LoginScreen';
import { calls, data, gqlError, mockClient, networkError, renderWith } from './helpers';
import { mockRouter } from './routerMock';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
}));
jest.mock('expo-secure-store', () => ({
  getItemAsync: jest.fn(async () => null),
  setItemAsync: jest.fn(async () => undefined),
  deleteItemAsync: jest.fn(async () => undefined),
}));

const ok = data({ login: { __typename: 'AuthPayload', token: 'session-123', expiresAt: '2026-12-01T00:00:00Z', user: { __typename: 'User', id: '1', displayName: 'Demo' } } });

beforeEach(() => jest.clearAllMocks());

test('renders the form with labelled fields', async () => {
  const { client } = mockClient({});
  await renderWith(<LoginScreen />, client, null);
  expect(screen.getByRole('header', { name: 'Log in' })).toBeOnTheScreen();
  expect(screen.getByLabelText('Email')).toBeOnTheScreen();
  expect(screen.getByLabelText('Password')).toBeOnTheScreen();
  expect(screen.getByRole('button', { name: 'Use demo account' })).toBeOnTheScreen();
});

test('"Use demo account" fills the demo credentials', async () => {
  const { client } = mockClient({});
  await renderWith(<LoginScreen />, client, null);
  await fireEvent.press(screen.getByRole('button', { name: 'Use demo account' }));
  expect(screen.getByLabelText('Email').props.value).toBe(DEMO_EMAIL);
  expect(screen.getByLabelText('Password').props.value).toBe(DEMO_PASSWORD);
});

test('empty fields are rejected without calling the server', async () => {
  const { client, run } = mockClient({ Login: ok });
  await renderWith(<LoginScreen />, client, null);
  await fireEvent.press(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Enter your email and password.');
  expect(run).not.toHaveBeenCalled();
});

test('submitting sends the login mutation, stores the token and opens markets', async () => {
  const { client, run } = mockClient({ Login: ok });
  await renderWith(<LoginScreen />, client, null);
  await fireEvent.changeText(screen.getByLabelText('Email'), ' trader@example.com ');
  await fireEvent.changeText(screen.getByLabelText('Password'), 'correct horse');
  await fireEvent.press(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(mockRouter.replace).toHaveBeenCalledWith('/home'));
  const [[request]] = calls(run, 'Login');
  expect(request.variables).toEqual({ email: 'trader@example.com', password: 'correct horse' });
  expect(SecureStore.setItemAsync).toHaveBeenCalledWith('co.session.token', 'session-123');
});

test('UNAUTHENTICATED shows "Wrong email or password"', async () => {
  const { client } = mockClient({ Login: gqlError('UNAUTHENTICATED', 'invalid credentials') });
  await renderWith(<LoginScreen />, client, null);
  await fireEvent.press(screen.getByRole('button', { name: 'Use demo account' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password');
  expect(mockRouter.replace).not.toHaveBeenCalled();
});

test('RATE_LIMITED and network errors have their own messages', async () => {
  const { client } = mockClient({ Login: gqlError('RATE_LIMITED') });
  await renderWith(<LoginScreen />, client, null);
  await fireEvent.press(screen.getByRole('button', { name: 'Use demo account' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(/Too many attempts/);
  await screen.unmount();

  const net = mockClient({ Login: networkError() });
  await renderWith(<LoginScreen />, net.client, null);
  await fireEvent.press(screen.getByRole('button', { name: 'Use demo account' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Log in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(/Cannot reach the server/);
});

test('shows a busy button while the mutation runs', async () => {
  const subject = makeSubject<unknown>();
  const { client } = mockClient({ Login: () => subject.source });
  await renderWith(<LoginScreen />, client, null);
  await fireEvent.press(screen.getByRole('button', { name: 'Use demo account' }));
  const pressed = fireEvent.press(screen.getByRole('button', { name: 'Log in' }));
  await waitFor(() => expect(screen.getByRole('button', { name: 'Log in' })).toBeDisabled());
  expect(screen.getByLabelText('Logging in…')).toBeOnTheScreen();
  await act(async () => {
    subject.next({ error: new CombinedError({ networkError: new Error('offline') }) });
    await pressed;
  });
  expect(await screen.findByRole('alert')).toHaveTextContent(/Cannot reach the server/);
  expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled();
});
