// Entry point of the browser test (CTest runtime/web):
//   node run_web_test.mjs LABELFLOWD SOURCE_DIR [--screenshots DIR]
// Installs playwright-core from package-lock.json with `npm ci` when node_modules is missing
// (it never downloads a browser: the test drives Debian's /usr/bin/chromium), then runs
// web_test.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: here, stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
}
if (!fs.existsSync('/usr/bin/chromium')) {
  console.error('run_web_test: /usr/bin/chromium is missing; run scripts/setup (Debian chromium)');
  process.exit(1);
}
const { run } = await import('./web_test.mjs');
process.exitCode = await run(process.argv.slice(2));
