// optim.mjs - browser test of the optimisation pages with playwright-core
// driving Debian's chromium: the facilitator of Nantes Métropole runs the
// detection ("Lancer la détection" on Suggestions: counts, list refreshed),
// computes an allocation plan ("Répartition optimale": totals optimal vs greedy,
// the suggestions kept), then the rounds of a pooled collection
// ("Tournées": routes drawn as polylines on the Leaflet map, km, time and
// CO2e against the baseline); a member does not see these pages.
// Usage: node optim.mjs BASE_URL OUT_DIR POOL_ID
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [base, outDir, poolId] = process.argv.slice(2);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
let passed = 0, failed = 0;
const problems = [];

async function step(name, fn) {
  try { await fn(); passed++; console.log('ok - ' + name); }
  catch (e) { failed++; console.log('not ok - ' + name + ': ' + (e && e.message || e)); }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'symbiose-chromium-'));
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: '/usr/bin/chromium', headless: true, args: ARGS, viewport: { width: 1280, height: 900 },
});
const page = ctx.pages()[0] || await ctx.newPage();
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => {
  if (m.type() === 'error' && !/tiles|404|401|403/.test(m.text())) problems.push(m.text());
});

async function login(email, password) {
  await page.goto(base + '/');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.press('#password', 'Enter');
  await page.waitForSelector('#kpis', { timeout: 15000 });
}

try {
  await step('facilitator sees the two pages in the navigation', async () => {
    await login('animation1@demo.symbiose.fr', 'demo-animation-2026');
    await page.waitForSelector('nav a[href="#/repartition"]:visible', { timeout: 5000 });
    await page.waitForSelector('nav a[href="#/tournees"]:visible', { timeout: 5000 });
  });
  await step('facilitator runs the detection from the Suggestions page', async () => {
    await page.goto(base + '/#/suggestions');
    await page.waitForSelector('#detect-form', { timeout: 10000 });
    await page.click('#detect-run');
    await page.waitForSelector('#detect-result', { timeout: 30000 });
    const text = await page.locator('#detect-result').innerText();
    if (!/Détection terminée .*nouvelles? suggestions?/.test(text)) throw new Error(text);
    await page.waitForSelector('#suggestions article.suggestion', { timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'detection.png') });
  });
  await step('facilitator computes the optimal allocation of the territory', async () => {
    await page.goto(base + '/#/repartition');
    await page.waitForSelector('#alloc-form', { timeout: 10000 });
    await page.click('#alloc-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Répartition optimale n°")', { timeout: 60000 });
    const head = await page.locator('table').first().innerText();
    if (!/Optimal/.test(head) || !/Glouton/.test(head) || !/Gain net/.test(head)) throw new Error(head);
    await page.screenshot({ path: path.join(outDir, 'allocation.png'), fullPage: true });
  });
  await step('the plan is listed', async () => {
    await page.goto(base + '/#/repartition');
    await page.waitForSelector('tr[data-id]', { timeout: 10000 });
  });
  await step('facilitator computes the rounds and sees them on the map', async () => {
    await page.goto(base + '/#/tournees');
    await page.waitForSelector('#round-form', { timeout: 10000 });
    await page.selectOption('#round-pool', String(poolId));
    await page.click('#round-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Tournées n°")', { timeout: 20000 });
    // one Leaflet polyline per route (SVG paths in the overlay pane)
    await page.waitForSelector('.leaflet-overlay-pane path', { timeout: 10000 });
    const text = await page.locator('main').innerText();
    if (!/Chacun seul/.test(text) || !/CO2e \(kg\)/.test(text) || !/Boulangerie Delta/.test(text)) {
      throw new Error('summary missing: ' + text.slice(0, 400));
    }
    const lines = await page.locator('.leaflet-overlay-pane path').count();
    const routes = await page.locator('table').nth(1).locator('tbody tr').count();
    if (lines < routes + 1) throw new Error(lines + ' paths for ' + routes + ' routes');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(outDir, 'rounds.png'), fullPage: true });
  });
  await step('the rounds layer of the main map draws them', async () => {
    await page.goto(base + '/#/carte');
    await page.waitForSelector('#map-count:has-text("organisations")', { timeout: 20000 });
    await page.check('#layer-rounds');
    // drawn on the map's canvas: the layer says how many rounds it holds
    // the demo's pooled collection comes with its rounds: that one and this one
    await page.waitForSelector('#rounds-count:has-text("2 tournée")', { timeout: 10000 });
    await page.waitForTimeout(900); /* the zoom to the rounds is animated */
    await page.screenshot({ path: path.join(outDir, 'map-rounds.png') });
  });
  await step('a member does not see the pages', async () => {
    await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': me.csrf_token } });
    });
    await login('membre1@demo.symbiose.fr', 'demo-membre-2026');
    if (await page.locator('nav a[href="#/tournees"]').isVisible()) throw new Error('link shown');
    await page.goto(base + '/#/tournees');
    await page.waitForSelector('#status:has-text("non autorisée")', { timeout: 10000 });
  });
  await step('no script error and no CSP violation', async () => {
    if (problems.length) throw new Error(problems.join(' | '));
  });
} finally {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log('PASS: ' + passed);
console.log('FAIL: ' + failed);
process.exit(failed ? 1 : 0);
