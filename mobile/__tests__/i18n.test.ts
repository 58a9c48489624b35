import i18n, { resources } from '../src/i18n';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out[key] = v;
    else Object.assign(out, flatten(v, key));
  }
  return out;
}

const placeholders = (s: string) => (s.match(/{{\s*\w+\s*}}/g) ?? []).map((p) => p.replace(/\s/g, '')).sort();
const reference = flatten(resources.en.translation as Tree);

describe.each(Object.keys(resources))('locale %s', (lng) => {
  const messages = flatten(resources[lng as keyof typeof resources].translation as Tree);

  test('has every key of en and no extra keys', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(reference).sort());
  });

  test('has no empty messages and keeps every {{placeholder}}', () => {
    for (const [key, text] of Object.entries(reference)) {
      expect([key, messages[key]?.trim().length > 0]).toEqual([key, true]);
      expect([key, placeholders(messages[key])]).toEqual([key, placeholders(text)]);
    }
  });
});

// Words in a message once its {{placeholders}} are taken out ("{{pct}} %" has none).
const hasWords = (s: string) => /\p{L}{2,}/u.test(s.replace(/{{\s*\w+\s*}}/g, ''));

test('German is a real translation, not a copy', () => {
  const same = Object.entries(flatten(resources.de.translation as Tree)).filter(([k, v]) => reference[k] === v && hasWords(v));
  expect(same.map(([k]) => k)).toEqual([]);
});

test.each(Object.keys(resources).filter((l) => l !== 'en'))('%s is translated (at most 3 %% of messages equal English)', (lng) => {
  const messages = flatten(resources[lng as keyof typeof resources].translation as Tree);
  const same = Object.keys(reference).filter((k) => messages[k] === reference[k] && hasWords(reference[k]));
  expect(same.length / Object.keys(reference).length).toBeLessThanOrEqual(0.03);
});

test('switching language changes text', async () => {
  await i18n.changeLanguage('de');
  expect(i18n.t('login.wrongCredentials')).toBe('E-Mail oder Passwort falsch');
  await i18n.changeLanguage('ja');
  expect(i18n.t('ticket.buy')).toBe('買い');
  await i18n.changeLanguage('pt-BR');
  expect(i18n.t('orders.open')).toBe('Ordens abertas');
  await i18n.changeLanguage('ar');
  expect(i18n.t('ticket.sell')).toBe('بيع');
  await i18n.changeLanguage('en');
  expect(i18n.t('login.wrongCredentials')).toBe('Wrong email or password');
});
