import { fireEvent, screen } from '@testing-library/react-native';
import BotCreateScreen from '../src/screens/BotCreateScreen';
import { validateParams } from '../src/components/bots/params';
import { calls, data, gqlError, mockClient, renderWith, type Handler } from './helpers';
import { mockParams, mockRouter } from './routerMock';
import { bot, templates } from './botFixtures';
import { expectAccessibleControls } from './a11yHelpers';

jest.mock('expo-router', () => ({
  useLocalSearchParams: () => require('./routerMock').mockParams.current,
  useRouter: () => require('./routerMock').mockRouter,
  Stack: { Screen: () => null },
}));

beforeEach(() => {
  jest.clearAllMocks();
  mockParams.current = {};
});

const setup = (extra: Record<string, Handler> = {}) => mockClient({ BotTemplates: data(templates), ...extra });

test('from a template: the capital starts at the suggestion, createBotFromTemplate, then the bot page', async () => {
  mockParams.current = { templateId: 'btc-grid' };
  const { client, run } = setup({ CreateBotFromTemplate: data({ createBotFromTemplate: bot('b-9') }) });
  await renderWith(<BotCreateScreen />, client);
  expect(screen.getByTestId('template-btc-grid-backtest')).toHaveTextContent(/Return\+4.23 %/);
  expect(screen.getByLabelText('Capital')).toHaveDisplayValue('1000');
  await fireEvent.changeText(screen.getByLabelText('Capital'), '2500');
  await fireEvent.press(screen.getByRole('button', { name: 'Create bot' }));
  expect(calls(run, 'CreateBotFromTemplate')[0][0].variables).toEqual({
    input: { templateId: 'btc-grid', accountId: 'acc-1', capital: '2500', name: null },
  });
  expect(mockRouter.replace).toHaveBeenCalledWith('/bots/b-9');
});

test('from a template: a bad capital is refused before sending, a server field error shows at the field', async () => {
  mockParams.current = { templateId: 'btc-grid' };
  const { client, run } = setup({ CreateBotFromTemplate: gqlError('BAD_USER_INPUT', 'capital: below the minimum order size', { field: 'capital' }) });
  await renderWith(<BotCreateScreen />, client);
  await fireEvent.changeText(screen.getByLabelText('Capital'), '0');
  await fireEvent.press(screen.getByRole('button', { name: 'Create bot' }));
  expect(screen.getByTestId('create-capital-error')).toHaveTextContent('Must be greater than 0');
  expect(calls(run, 'CreateBotFromTemplate')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Capital'), '1');
  await fireEvent.press(screen.getByRole('button', { name: 'Create bot' }));
  expect(screen.getByTestId('create-capital-error')).toHaveTextContent('capital: below the minimum order size');
  expect(mockRouter.replace).not.toHaveBeenCalled();
});

test('custom: params are validated at their fields before anything is sent', async () => {
  const { client, run } = setup();
  await renderWith(<BotCreateScreen />, client);
  await fireEvent.changeText(screen.getByLabelText('Lowest price'), '70000');
  await fireEvent.changeText(screen.getByLabelText('Highest price'), '60000');
  await fireEvent.changeText(screen.getByLabelText('Number of levels'), '1.5');
  await fireEvent.press(screen.getByRole('button', { name: 'Create bot' }));
  expect(screen.getByTestId('param-high-error')).toHaveTextContent('Must be above the lowest price');
  expect(screen.getByTestId('param-levels-error')).toHaveTextContent('Enter a whole number');
  expect(screen.getByTestId('param-qty_per_level-error')).toHaveTextContent('Required');
  expect(calls(run, 'CreateBot')).toHaveLength(0);
});

test('custom: createBot with typed params; the server error naming params.levels shows at that field', async () => {
  const { client, run } = setup({ CreateBot: gqlError('BAD_USER_INPUT', 'levels: adjacent levels must be at least one tick apart', { field: 'params.levels' }) });
  await renderWith(<BotCreateScreen />, client);
  await fireEvent.changeText(screen.getByLabelText('Lowest price'), '60000');
  await fireEvent.changeText(screen.getByLabelText('Highest price'), '60000.05');
  await fireEvent.changeText(screen.getByLabelText('Number of levels'), '10');
  await fireEvent.changeText(screen.getByLabelText('Quantity per level'), '0.001');
  await fireEvent.press(screen.getByRole('button', { name: 'Create bot' }));
  expect(calls(run, 'CreateBot')[0][0].variables).toEqual({
    input: { accountId: 'acc-1', kind: 'grid', symbol: 'BTC/USDT', params: { low: '60000', high: '60000.05', levels: 10, qty_per_level: '0.001' }, name: null },
  });
  expect(screen.getByTestId('param-levels-error')).toHaveTextContent('levels: adjacent levels must be at least one tick apart');
});

test('custom: switching to smart DCA shows its params', async () => {
  const { client } = setup();
  await renderWith(<BotCreateScreen />, client);
  await fireEvent.press(screen.getByRole('radio', { name: 'Smart DCA' }));
  expect(screen.getByLabelText('Take profit (%)')).toBeOnTheScreen();
  expect(screen.queryByLabelText('Lowest price')).toBeNull();
  expectAccessibleControls();
});

test('validateParams', () => {
  expect(validateParams('grid', { low: '1', high: '2', levels: '2', qty_per_level: '0.1' })).toEqual({});
  expect(validateParams('grid', { low: '1', high: '2', levels: '1', qty_per_level: '-1' })).toEqual({
    levels: 'bots.create.minLevels',
    qty_per_level: 'bots.create.number',
  });
  expect(validateParams('dca', { base_qty: '0', safety_qty: '1', price_deviation_pct: '1', max_safety_orders: '0', take_profit_pct: '1' })).toEqual({
    base_qty: 'bots.create.positive',
  });
});
