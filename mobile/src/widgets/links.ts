/** Deep links a widget tap opens (the app's `scheme` is "cryptoorchestrator"). */

export const SCHEME = 'cryptoorchestrator';

/** A symbol's market screen: the app's route /market/[symbol] with a "BTC-USDT" slug. */
export function marketLink(symbol: string): string {
  return `${SCHEME}://market/${encodeURIComponent(symbol.replace('/', '-'))}`;
}

/** A bot's detail screen. */
export function botLink(botId: string): string {
  return `${SCHEME}://bots/${encodeURIComponent(botId)}`;
}

/** A screen of the app by route, e.g. "markets" or "account". */
export function appLink(route: string): string {
  return `${SCHEME}://${route}`;
}
