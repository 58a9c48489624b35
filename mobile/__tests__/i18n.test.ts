import en from '../src/locales/en.json';
import de from '../src/locales/de.json';
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
const reference = flatten(en as Tree);

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

test('German is a real translation, not a copy', () => {
  const same = Object.entries(flatten(de as Tree)).filter(([k, v]) => reference[k] === v && v.length > 3);
  expect(same.map(([k]) => k)).toEqual([]);
});

test('switching language changes text', async () => {
  await i18n.changeLanguage('de');
  expect(i18n.t('login.wrongCredentials')).toBe('E-Mail oder Passwort falsch');
  await i18n.changeLanguage('en');
  expect(i18n.t('login.wrongCredentials')).toBe('Wrong email or password');
});
