// lib.mjs - what the browser journeys share: Debian's chromium in a
// fresh profile with page errors and unexpected console errors collected
// in `problems`, the login form, and numbered steps.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const tally = { passed: 0, failed: 0 };
export const problems = [];

export async function step(name, fn) {
  try { await fn(); tally.passed++; console.log('ok - ' + name); }
  catch (e) { tally.failed++; console.log('not ok - ' + name + ': ' + (e && e.message || e)); }
}

/* A browser for one user; console errors matching `expected` are answers
 * the journey provokes on purpose, not faults. */
export async function open(name, expected, height) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'symbiose-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, args: ARGS,
    viewport: { width: 1280, height: height || 860 },
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  page.on('pageerror', (e) => problems.push(name + ': ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) problems.push(name + ': ' + m.text());
  });
  return { ctx, page, dir };
}

export async function close(...sessions) {
  for (const s of sessions) {
    await s.ctx.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
}

export async function login(base, page, email, password) {
  await page.goto(base + '/');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.press('#password', 'Enter');
  await page.waitForSelector('#kpis', { timeout: 15000 });
}

export function report() {
  console.log('PASS: ' + tally.passed);
  console.log('FAIL: ' + tally.failed);
  process.exit(tally.failed ? 1 : 0);
}
