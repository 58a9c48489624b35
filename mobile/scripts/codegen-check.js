#!/usr/bin/env node
// Fails when `npm run codegen` would change the checked-in files under src/gql/.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const committed = path.join(root, 'src', 'gql');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'co-codegen-'));
const bin = path.join(root, 'node_modules', '.bin', 'graphql-codegen');

try {
  execFileSync(bin, ['--config', 'codegen.ts', '--silent'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CODEGEN_OUT: scratch + path.sep },
  });
  const list = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);
  const a = list(committed);
  const b = list(scratch);
  const problems = [];
  for (const f of new Set([...a, ...b])) {
    if (!a.includes(f)) problems.push(`missing: src/gql/${f}`);
    else if (!b.includes(f)) problems.push(`stale: src/gql/${f}`);
    else if (fs.readFileSync(path.join(committed, f), 'utf8') !== fs.readFileSync(path.join(scratch, f), 'utf8'))
      problems.push(`out of date: src/gql/${f}`);
  }
  if (problems.length) {
    console.error('GraphQL codegen drift (run `npm run codegen` and commit src/gql/):\n  ' + problems.join('\n  '));
    process.exit(1);
  }
  console.log(`codegen: src/gql/ is up to date (${a.length} files)`);
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
