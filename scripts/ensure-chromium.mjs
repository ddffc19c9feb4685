#!/usr/bin/env node
// Makes sure the system Chromium used by the browser tests (test/helpers/browser.ts) is installed at /usr/bin/chromium.
// Browser downloads (playwright install) are not possible on closed networks, so the Debian package is the only source.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM_PATH = '/usr/bin/chromium';
const PACKAGES = ['chromium', 'chromium-driver'];

function hasAptGet() {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args) {
  console.log(`ensure-chromium: running: ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`ensure-chromium: "${cmd} ${args.join(' ')}" exited with status ${result.status}`);
    process.exit(1);
  }
}

function main() {
  if (existsSync(CHROMIUM_PATH)) {
    console.log(`ensure-chromium: found ${CHROMIUM_PATH}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !hasAptGet()) {
    console.error(
      `ensure-chromium: ${CHROMIUM_PATH} is missing and cannot be installed automatically ` +
        `(${isRoot ? 'apt-get not found' : 'not running as root'}).\n` +
        `Install it with: sudo apt-get update && sudo apt-get install -y ${PACKAGES.join(' ')}\n` +
        'The browser tests (test/analysis/report-browser.test.ts) need it.',
    );
    process.exit(1);
  }
  console.log(`ensure-chromium: ${CHROMIUM_PATH} is missing; installing ${PACKAGES.join(', ')} with apt-get`);
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...PACKAGES]);
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`ensure-chromium: apt-get succeeded but ${CHROMIUM_PATH} is still missing`);
    process.exit(1);
  }
  console.log(`ensure-chromium: installed ${CHROMIUM_PATH}`);
}

main();
