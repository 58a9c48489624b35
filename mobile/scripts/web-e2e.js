#!/usr/bin/env node
// End-to-end check of the web export in a real browser against a running server (`./co run`).
// Not part of `npm test` (needs the server and Debian's chromium: `apt-get install chromium`).
//   npm run e2e:web            [API_URL=http://127.0.0.1:8000] [CHROMIUM=/usr/bin/chromium] [SCREENSHOTS=dir]
// It builds the web export with EXPO_PUBLIC_API_URL pointing at a same-origin test server that serves
// the export and forwards /graphql (HTTP and websocket) to the API (the API sends no CORS headers yet),
// then drives chromium with playwright-core: login with the demo button, live markets, market detail
// with a timeframe switch, account, logout, and a wrong password.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const api = new URL(process.env.API_URL || 'http://127.0.0.1:8000');
const port = Number(process.env.PORT || 8098);
const origin = `http://127.0.0.1:${port}`;
const root = path.resolve(__dirname, '..');
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'co-web-'));
const shots = process.env.SCREENSHOTS;

function build() {
  console.log(`building web export for ${origin} ...`);
  execFileSync(path.join(root, 'node_modules', '.bin', 'expo'), ['export', '--platform', 'web', '--clear', '--output-dir', dist], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, EXPO_OFFLINE: '1', CI: '1', EXPO_PUBLIC_API_URL: origin },
  });
}

function serve() {
  const types = { '.js': 'application/javascript', '.html': 'text/html', '.png': 'image/png', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/graphql')) {
      const up = http.request({ host: api.hostname, port: api.port || 80, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', () => res.writeHead(502).end());
      req.pipe(up);
      return;
    }
    let file = path.join(dist, decodeURIComponent(req.url.split('?')[0]));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
    res.setHeader('content-type', types[path.extname(file)] || 'application/octet-stream');
    fs.createReadStream(file).pipe(res);
  });
  server.on('upgrade', (req, sock, head) => {
    const up = net.connect(Number(api.port || 80), api.hostname, () => {
      const lines = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`);
      up.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      up.write(head);
      up.pipe(sock);
      sock.pipe(up);
    });
    up.on('error', () => sock.destroy());
    sock.on('error', () => up.destroy());
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function check(cond, what) {
  if (!cond) throw new Error(`FAILED: ${what}`);
  console.log(`ok - ${what}`);
}

async function run() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    for (const colorScheme of ['light', 'dark']) {
      const page = await browser.newPage({ colorScheme, locale: 'en-US', viewport: { width: 430, height: 900 } });
      const shot = async (name) => shots && (await page.screenshot({ path: path.join(shots, `${name}-${colorScheme}.png`) }));
      await page.goto(origin + '/');
      await page.getByLabel('Use demo account').waitFor();
      await shot('login');

      if (colorScheme === 'light') {
        await page.getByLabel('Email').fill('demo@cryptoorchestrator.dev');
        await page.getByLabel('Password').fill('definitely-wrong');
        await page.getByRole('button', { name: 'Log in' }).click();
        await page.getByText('Wrong email or password').waitFor();
        check(true, 'wrong password shows "Wrong email or password"');
      }

      await page.getByLabel('Use demo account').click();
      check((await page.getByLabel('Email').inputValue()) === 'demo@cryptoorchestrator.dev', 'demo button fills the email');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL('**/markets');
      const price = page.getByTestId('price-BTC/USDT');
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="price-BTC/USDT"]')?.textContent ?? ''));
      const first = await page.locator('[data-testid^="price-"]').allTextContents();
      check(first.length >= 10 && first.every((p) => /\d/.test(p)), `markets list with live prices (${first.length} markets, BTC ${await price.textContent()})`);
      await page.waitForFunction(
        (before) => JSON.stringify([...document.querySelectorAll('[data-testid^="price-"]')].map((e) => e.textContent)) !== before,
        JSON.stringify(first),
        { timeout: 15000 },
      );
      check(true, 'ticker subscription updates prices');
      await shot('markets');

      await page.getByTestId('market-BTC/USDT').click();
      await page.waitForURL('**/market/BTC-USDT');
      await page.getByTestId('detail-last').waitFor();
      await page.getByLabel(/Price chart of BTC\/USDT, 1m candles/).waitFor();
      check(true, 'market detail shows ticker and 1m chart');
      await page.getByLabel('Timeframe 1h').click();
      await page.getByLabel(/Price chart of BTC\/USDT, 1h candles/).waitFor();
      check(true, 'timeframe switch reloads candles');
      await shot('market-detail');

      await page.goto(origin + '/account');
      await page.getByText('Demo Trader').first().waitFor();
      check((await page.locator('[data-testid^="balance-"]').count()) > 0, 'account shows balances');
      await shot('account');
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL('**/login');
      check((await page.evaluate(() => localStorage.getItem('co.session.token'))) === null, `logout clears the token (${colorScheme})`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
}

(async () => {
  if (shots) fs.mkdirSync(shots, { recursive: true });
  build();
  const server = await serve();
  try {
    await run();
    console.log('web e2e: all checks passed');
  } finally {
    server.close();
    fs.rmSync(dist, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
