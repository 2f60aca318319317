// collect.mjs - browser test of the "Collecte mutualisée" pages on the
// demo's pooled collection: a member sees the pool with its own waste
// only and registers wooden packaging found by words; the facilitator
// creates a pool for the territory, then from the demo pool computes its
// rounds on the Tournées page, where the pool is picked, not typed.
// Usage: node collect.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
const EXPECTED = /tiles|404|401/;
const login = (page, email, password) => loginAt(base, page, email, password);
const POOL_NAME = 'Cartons et palettes des petites entreprises';

const member = await open('member', EXPECTED);
const fac = await open('facilitator', EXPECTED);
let poolId = '';
try {
  await step('member sees the demo pool with its own waste only', async () => {
    const page = member.page;
    await login(page, 'membre1@demo.symbiose.fr', 'demo-membre-2026');
    await page.click('nav a[href="#/collectes"]');
    const link = page.locator('#collections a', { hasText: POOL_NAME });
    await link.waitFor({ timeout: 10000 });
    await link.click();
    await page.waitForSelector('#collection-total:has-text("organisation(s)")', { timeout: 10000 });
    poolId = (page.url().match(/collectes\/(\d+)/) || [])[1];
    if (!poolId) throw new Error('no pool id in ' + page.url());
    const heads = await page.locator('#collection-items th').allInnerTexts();
    if (heads.includes('Organisation')) throw new Error('member sees the members column: ' + heads);
  });
  await step('member registers wooden packaging found by words', async () => {
    const page = member.page;
    await page.click('#co-code');
    await page.keyboard.type('emballages en bois');
    await page.waitForSelector('#code-options li', { timeout: 10000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const code = await page.inputValue('#co-code');
    if (!/^\d{6}$/.test(code)) throw new Error('code not chosen: ' + code);
    await page.fill('#co-qty', '45');
    await page.selectOption('#co-freq', 'quarterly');
    await page.click('#item-form button[type=submit]');
    await page.waitForSelector('#status.ok:has-text("Déchet enregistré"), #status.error', { timeout: 10000 });
    if (await page.$('#status.error')) throw new Error(await page.textContent('#status'));
    await page.locator('#collection-items td', { hasText: 'chaque trimestre' }).first().waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'collecte-membre.png'), fullPage: true });
  });
  await step('facilitator creates a pool for the territory', async () => {
    const page = fac.page;
    await login(page, 'animation1@demo.symbiose.fr', 'demo-animation-2026');
    await page.goto(base + '/#/collectes');
    await page.waitForSelector('#pool-form', { timeout: 10000 });
    await page.fill('#cp-name', 'Palettes du marché de gros');
    await page.click('#pool-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Palettes du marché de gros")', { timeout: 10000 });
  });
  await step('facilitator computes the demo pool\'s rounds from its page', async () => {
    const page = fac.page;
    await page.goto(base + '/#/collectes/' + poolId);
    const heads = page.locator('#collection-items th', { hasText: 'Organisation' });
    await heads.waitFor({ timeout: 10000 });
    await page.click('#compute-rounds');
    await page.waitForSelector('#round-form', { timeout: 10000 });
    const chosen = await page.inputValue('#round-pool');
    if (chosen !== poolId) throw new Error('pool ' + chosen + ' preselected, expected ' + poolId);
    await page.click('#round-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Tournées n°")', { timeout: 20000 });
    await page.waitForSelector('.leaflet-overlay-pane path', { timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'collecte-tournees.png'), fullPage: true });
  });
  await step('no script error and no CSP violation', async () => {
    if (problems.length) throw new Error(problems.join(' | '));
  });
} finally {
  await close(member, fac);
}
report();
