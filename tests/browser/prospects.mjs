// prospects.mjs - browser test: a facilitator opens the Prospects page
// (the call list of their territory from the SIRENE register), filters it
// by size, downloads it as CSV, enrols the first prospect with « Inscrire »,
// follows the link to the new organisation, sees its estimated flows
// marked « estimé — à confirmer », confirms one with a corrected quantity
// (it becomes a declared flow) and discards another.
// Usage: node prospects.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
// tiles are absent on purpose (offline); 401 is the login page's check
// for a session before there is one
const EXPECTED = /tiles|404|401/;

const fac = await open('facilitator', EXPECTED, 1100);
let siret = '';
try {
  await step('facilitator opens the prospects page', async () => {
    const page = fac.page;
    await loginAt(base, page, 'animation1@demo.symbiose.fr', 'demo-animation-2026');
    await page.click('nav a[href="#/prospects"]');
    await page.waitForSelector('#prospects-table tbody tr', { timeout: 60000 });
    const summary = await page.textContent('#prospects-summary');
    if (!/estimé/.test(summary)) throw new Error('summary does not say estimated: ' + summary);
    const why = await page.textContent('#prospects-table tbody tr:first-child ul.reasons');
    if (!/estimé/.test(why)) throw new Error('reasons not marked estimated: ' + why);
  });
  await step('the size filter narrows the list', async () => {
    const page = fac.page;
    const all = await page.locator('#prospects-table tbody tr').count();
    await page.selectOption('#prospects-size', '250');
    // (waitForFunction would evaluate a string, which the page's CSP refuses)
    await page.evaluate(() => { document.getElementById('prospects-summary').textContent = ''; });
    await page.click('#prospects-filters button[type="submit"]');
    await page.locator('#prospects-summary', { hasText: ' sur ' }).waitFor({ timeout: 60000 });
    const big = await page.locator('#prospects-table tbody tr').count();
    if (big > all) throw new Error(big + ' prospects of 250+ employees, ' + all + ' in all');
    for (const band of await page.locator('#prospects-table tbody tr td:nth-child(4)').allTextContents()) {
      if (!/^(250|500|1000|2000|5000|10000)/.test(band)) throw new Error('band ' + band + ' under 250');
    }
    await page.selectOption('#prospects-size', '0');
    await page.click('#prospects-filters button[type="submit"]');
    await page.waitForSelector('#prospects-table tbody tr', { timeout: 60000 });
  });
  await step('the call list downloads as CSV', async () => {
    const page = fac.page;
    const href = await page.getAttribute('#prospects-csv', 'href');
    const text = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    if (!text.startsWith('rank,siret,name,naf,employee_band')) throw new Error('not the CSV: ' + text.slice(0, 80));
  });
  await step('« Inscrire » enrols the first prospect and links to its page', async () => {
    const page = fac.page;
    const btn = page.locator('#prospects-table tbody tr:first-child button[id^="enrol-"]');
    siret = (await btn.getAttribute('id')).slice('enrol-'.length);
    await btn.click();
    await page.waitForSelector('#enrolled-' + siret, { timeout: 30000 });
    await page.screenshot({ path: path.join(outDir, 'prospects.png'), fullPage: true });
    await page.click('#enrolled-' + siret);
    await page.waitForSelector('#drafts tbody tr', { timeout: 20000 });
    const text = await page.textContent('main');
    if (!text.includes('SIRET : ' + siret)) throw new Error('not the enrolled organisation');
    if (!text.includes('estimé — à confirmer')) throw new Error('drafts not marked estimated');
  });
  await step('the company’s drafts are confirmed or discarded', async () => {
    const page = fac.page;
    const before = await page.locator('#drafts tbody tr').count();
    const first = page.locator('#drafts tbody tr').first();
    await first.locator('input.qty').fill('7.5');
    await first.locator('button[id^="draft-confirm-"]').click();
    await page.waitForSelector('#status:has-text("Flux confirmé")', { timeout: 20000 });
    // the confirmed flow is now among the declared flows, with the corrected quantity
    await page.locator('main table:not(#drafts) tbody tr', { hasText: /7[,.]5 t\/year/ })
      .waitFor({ timeout: 20000 });
    const left = await page.locator('#drafts tbody tr').count();
    if (left !== before - 1) throw new Error('drafts: ' + left + ' left of ' + before);
    if (left > 0) {
      await page.locator('#drafts tbody tr').first().locator('button[id^="draft-discard-"]').click();
      await page.waitForSelector('#status:has-text("écarté")', { timeout: 20000 });
    }
    await page.screenshot({ path: path.join(outDir, 'drafts.png'), fullPage: true });
  });
  await step('an enrolled prospect leaves the call list', async () => {
    const page = fac.page;
    await page.goto(base + '/#/prospects');
    await page.waitForSelector('#prospects-table tbody tr', { timeout: 60000 });
    if (await page.locator('#enrol-' + siret).count()) throw new Error(siret + ' still listed');
  });
  await step('no script error and no CSP violation', async () => {
    if (problems.length) throw new Error(problems.join(' | '));
  });
} finally {
  await close(fac);
}
report();
