import { categoriesFile } from '../../src/notifications/categories';
import serverCategories from '../../../notifications/categories.json';

// No @types/node in the app: the two fs calls this test needs (jest runs in mobile/).
const { readFileSync, writeFileSync } = require('fs') as {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, text: string): void;
};
const TARGET = `${process.cwd()}/src/notifications/categories.ts`;

/** The generated module's text for a categories.json (UPDATE_CATEGORIES=1 rewrites the file). */
function render(json: unknown): string {
  return [
    '// GENERATED from ../notifications/categories.json (the server\'s notification categories) — do not edit.',
    '// Regenerate: cd mobile && UPDATE_CATEGORIES=1 npx jest __tests__/notifications/categories.test.ts',
    `export const categoriesFile = ${JSON.stringify(json, null, 2)} as const;`,
    '',
  ].join('\n');
}

test('src/notifications/categories.ts matches the server\'s notifications/categories.json', () => {
  const json = serverCategories as unknown;
  if (process.env.UPDATE_CATEGORIES === '1') writeFileSync(TARGET, render(json));
  // A drift (a new category, button or translation on the server) fails here: regenerate (see the header).
  expect(JSON.parse(JSON.stringify(categoriesFile))).toEqual(json);
  expect(readFileSync(TARGET, 'utf8')).toBe(render(json));
});
