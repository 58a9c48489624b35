#!/usr/bin/env node
// Live check against a running server (`./co run`): login, queries, and the ticker subscription over
// graphql-transport-ws with the token in connection_init. Not part of `npm test` (needs the server).
//   node scripts/smoke.js [http://127.0.0.1:8000]
const { createClient } = require('graphql-ws');
const WebSocket = require('ws');

const base = (process.argv[2] || process.env.EXPO_PUBLIC_API_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');

async function gql(query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

(async () => {
  const bad = await gql('mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}', { e: 'demo@cryptoorchestrator.dev', p: 'nope-nope-nope' });
  console.log('wrong password ->', bad.errors?.[0]?.extensions?.code);
  const ok = await gql('mutation($e:String!,$p:String!){login(email:$e,password:$p){token user{displayName}}}', { e: 'demo@cryptoorchestrator.dev', p: 'demo-trader-2026' });
  const token = ok.data.login.token;
  console.log('login ok as', ok.data.login.user.displayName);
  const q = await gql('{ markets { symbol } timeframes me { email isDemo } balances { currency total } candles(symbol:"BTC/USDT", limit: 3) { close } }', {}, token);
  if (q.errors) throw new Error(JSON.stringify(q.errors));
  console.log('markets', q.data.markets.length, 'timeframes', q.data.timeframes.join(','), 'balances', q.data.balances.length, 'candles', q.data.candles.length);
  const noAuth = await gql('{ me { email } }');
  console.log('me without token ->', noAuth.errors?.[0]?.extensions?.code);

  const ws = createClient({ url: base.replace(/^http/, 'ws') + '/graphql', webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
  const got = [];
  await new Promise((resolve, reject) => {
    const stop = ws.subscribe(
      { query: 'subscription { ticker(symbols: ["BTC/USDT","ETH/USDT"], maxRate: 2) { symbol last changePct24h } }' },
      { next: (m) => { got.push(m.data.ticker); if (got.length >= 4) { stop(); resolve(); } }, error: reject, complete: resolve },
    );
    setTimeout(() => reject(new Error(`only ${got.length} ticker events in 10 s`)), 10000);
  });
  console.log('ticker events', got.length, got.map((t) => `${t.symbol}=${t.last} (${t.changePct24h}%)`).join(' '));
  await ws.dispose();
})().catch((e) => { console.error('smoke failed:', e.message || e); process.exit(1); });
