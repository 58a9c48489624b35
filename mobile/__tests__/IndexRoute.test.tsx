import { render, screen } from '@testing-library/react-native';
import Index from '../app/index';
import { AuthProvider } from '../src/auth/AuthContext';

// The redirect target as text, so the test sees where the app lands.
jest.mock('expo-router', () => ({
  Redirect: ({ href }: { href: string }) => {
    const { Text: RNText } = require('react-native');
    return <RNText testID="redirect">{href}</RNText>;
  },
}));

test('a signed-in user lands on Home (the wizard redirect happens there when needed)', async () => {
  await render(
    <AuthProvider initialToken="tok">
      <Index />
    </AuthProvider>,
  );
  expect(screen.getByTestId('redirect')).toHaveTextContent('/home');
});

test('without a session the app opens the login screen', async () => {
  await render(
    <AuthProvider initialToken={null}>
      <Index />
    </AuthProvider>,
  );
  expect(screen.getByTestId('redirect')).toHaveTextContent('/login');
  expect(screen.queryByText('/markets')).toBeNull();
});
