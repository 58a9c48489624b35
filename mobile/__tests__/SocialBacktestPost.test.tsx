import { act, screen } from '@testing-library/react-native';
import i18n from 'i18next';
import SocialScreen from '../src/screens/SocialScreen';
import { data, mockClient, pending, renderWith } from './helpers';
import { post, sharedBacktest } from './socialFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

afterEach(async () => {
  jest.clearAllMocks();
  await act(async () => {
    await i18n.changeLanguage('en');
  });
});

const feedWith = (...posts: unknown[]) =>
  mockClient({ LiveFeed: pending(), CopySkippedLive: pending(), Feed: data({ feed: { posts, hasNextPage: false, endCursor: null } }) });

test('a backtest post shows its headline figures under a "simulated, not live" badge', async () => {
  const { client } = feedWith(
    post('p-bt', { kind: 'backtest', body: 'Grid over November', backtest: sharedBacktest() }),
    post('p-loss', { kind: 'backtest', body: '', backtest: sharedBacktest({ backtestId: 'job-2', strategy: 'momentum', totalReturn: -0.021, trades: 1234 }) }),
    post('p-text'),
  );
  await renderWith(<SocialScreen initial="feed" />, client);
  expect(await screen.findByTestId('post-backtest-p-bt')).toBeOnTheScreen();
  expect(screen.getByTestId('post-p-bt')).toHaveTextContent(/Grid over November/);
  expect(screen.getByTestId('post-backtest-badge-p-bt')).toHaveTextContent('Backtest · simulated on past prices, not live performance');
  expect(screen.getByTestId('post-backtest-p-bt')).toHaveTextContent(/Grid on BTC\/USDT \(1h\)/);
  expect(screen.getByTestId('post-backtest-return-p-bt')).toHaveTextContent('Total return+5.12 %');
  expect(screen.getByTestId('post-backtest-drawdown-p-bt')).toHaveTextContent('Max drawdown3.40 %');
  expect(screen.getByTestId('post-backtest-sharpe-p-bt')).toHaveTextContent('Sharpe ratio1.9');
  expect(screen.getByTestId('post-backtest-trades-p-bt')).toHaveTextContent('Trades60');
  expect(screen.getByTestId('post-backtest-period-p-bt')).toHaveTextContent(/Nov.*–.*Nov/);
  expect(screen.getByTestId('post-backtest-return-p-bt').props.accessibilityLabel).toBe('Total return: +5.12 %');

  expect(screen.getByTestId('post-backtest-return-p-loss')).toHaveTextContent('Total return-2.10 %');
  expect(screen.getByTestId('post-backtest-trades-p-loss')).toHaveTextContent('Trades1,234');
  expect(screen.getByTestId('post-backtest-p-loss')).toHaveTextContent(/Momentum on BTC\/USDT/);
  expect(screen.queryByTestId('post-backtest-p-text')).toBeNull(); // a text post has no card
  expectAccessibleControls();
});

test('the badge and labels follow the language', async () => {
  await act(async () => {
    await i18n.changeLanguage('de');
  });
  const { client } = feedWith(post('p-bt', { kind: 'backtest', backtest: sharedBacktest() }));
  await renderWith(<SocialScreen initial="feed" />, client);
  expect(await screen.findByTestId('post-backtest-badge-p-bt')).toHaveTextContent(/keine Live-Performance/);
  expect(screen.getByTestId('post-backtest-return-p-bt')).toHaveTextContent(/Gesamtrendite\+5,12 %/);
});
