/**
 * The app's one Button and Field (src/components/controls.tsx), used by every screen: what a
 * screen reader hears, what a press does in each state, and where a field's error goes.
 */
import { fireEvent, render, screen } from '@testing-library/react-native';
import { Button, Field } from '../src/components/controls';

test('a button is announced by its label or its own accessibility label and presses once per tap', async () => {
  const onPress = jest.fn();
  await render(<Button label="Remove" accessibilityLabel="Remove passkey Laptop" kind="danger" onPress={onPress} testID="b" />);
  const button = screen.getByRole('button', { name: 'Remove passkey Laptop' });
  expect(button).toBeEnabled();
  expect(button).not.toBeBusy();
  await fireEvent.press(button);
  expect(onPress).toHaveBeenCalledTimes(1);
});

test('a disabled or busy button does not press and says why; busy shows a spinner instead of the label', async () => {
  const onPress = jest.fn();
  const { rerender } = await render(<Button label="Save" onPress={onPress} disabled testID="b" />);
  await fireEvent.press(screen.getByTestId('b'));
  expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();

  await rerender(<Button label="Save" onPress={onPress} busy testID="b" />);
  await fireEvent.press(screen.getByTestId('b'));
  expect(screen.getByRole('button', { name: 'Save' })).toBeBusy();
  expect(screen.queryByText('Save')).toBeNull();
  expect(onPress).not.toHaveBeenCalled();
});

test('a field is found by its label, passes typing through, and announces its error under it', async () => {
  const onChangeText = jest.fn();
  const { rerender } = await render(<Field label="Symbol" value="" onChangeText={onChangeText} testID="symbol" />);
  await fireEvent.changeText(screen.getByLabelText('Symbol'), 'BTC/USDT');
  expect(onChangeText).toHaveBeenCalledWith('BTC/USDT');
  expect(screen.queryByRole('alert')).toBeNull();

  await rerender(<Field label="Symbol" value="BTC" onChangeText={onChangeText} error="No such market." testID="symbol" />);
  expect(screen.getByRole('alert')).toHaveTextContent('No such market.');
  expect(screen.getByTestId('symbol-error')).toHaveTextContent('No such market.');
  expect(screen.getByTestId('symbol').props.value).toBe('BTC');
});
