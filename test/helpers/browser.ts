// Test helper: launches the system Chromium headless through playwright-core (no browser downloads on this network).
// A missing browser is a failure with instructions, never a skip: the report must be checked in a real engine.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// Offline-safe flags: no sandbox (containers run as root), and no background traffic that would stall on a closed network.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** `executablePath` is only overridden by the test that checks the missing-browser message. */
export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Run \`node scripts/ensure-chromium.mjs\` (as root, or ` +
        '`sudo apt-get install -y chromium chromium-driver`) and re-run the tests.',
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

export interface PageProblems { consoleErrors: string[]; pageErrors: string[]; externalRequests: string[] }

/** Records console errors, uncaught page errors and any request leaving file:/data: (a report must be self-contained). */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], externalRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(err.message));
  page.on('request', (req) => {
    if (!/^(file|data|about):/.test(req.url())) problems.externalRequests.push(req.url());
  });
  return problems;
}
