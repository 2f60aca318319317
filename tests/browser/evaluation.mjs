// evaluation.mjs - browser test of the yearly evaluation with
// playwright-core and Debian's chromium: a facilitator opens the
// territory's evaluation from the list, types a negative budget and text
// in a number (French messages under each field, nothing saved), fills the
// mandatory indicators, closes the year (the form turns read-only), sees
// the radars and curves and downloads the PDF; the regional admin sorts
// the territories side by side, reads the region's total and reopens.
// Usage: node evaluation.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
// 401 before login and 422 (the refusals provoked on purpose) are answers
const EXPECTED = /401|422/;
const login = (page, email, password) => loginAt(base, page, email, password);
const YEAR = new Date().getFullYear();

const fac = await open('facilitator', EXPECTED, 1000);
const admin = await open('admin', EXPECTED, 1000);
let evalUrl = '';
try {
  await step('facilitator and admin log in', async () => {
    await login(fac.page, 'animation1@demo.symbiose.fr', 'demo-animation-2026');
    await login(admin.page, 'admin@demo.symbiose.fr', 'demo-admin-2026');
  });
  await step('the facilitator opens the territory\'s evaluation from the menu', async () => {
    const page = fac.page;
    await page.click('nav a[href="#/evaluation"]');
    await page.waitForSelector('#evaluations', { timeout: 20000 });
    const rows = await page.locator('#evaluations tbody tr').count();
    if (rows !== 1) throw new Error(rows + ' territories listed for one facilitator');
    await page.click('#evaluations tbody a');
    await page.waitForSelector('#evaluation-form', { timeout: 20000 });
    evalUrl = page.url();
    const radars = await page.locator('#radars svg.radar').count();
    if (radars !== 3) throw new Error(radars + ' radars');
    const curves = await page.locator('#curves svg.curve').count();
    if (curves !== 29) throw new Error(curves + ' curves');
    const computed = await page.locator('#evaluation-form', { hasText: 'Calculé : ' }).count();
    if (!computed) throw new Error('computed indicators say nothing of their method');
  });
  await step('malformed values get French messages naming the field, nothing saved', async () => {
    const page = fac.page;
    await page.fill('#ind-eco_budget_eur', '-5');
    await page.fill('#ind-gov_co_carriers', 'beaucoup');
    await page.click('#eval-save');
    await page.waitForSelector('#ind-eco_budget_eur-err:has-text("ne peut pas être négative")', { timeout: 10000 });
    const msg = await page.textContent('#ind-gov_co_carriers-err');
    if (!msg.includes('« beaucoup » n\'est pas un nombre')) throw new Error('message: ' + msg);
    const saved = await page.evaluate(async (u) => (await fetch(u)).json(),
      '/api/v1' + evalUrl.split('#')[1].replace('/evaluation/', '/territories/').replace(/\/(\d{4})$/, '/evaluations/$1'));
    if (saved.indicators.find((i) => i.id === 'eco_budget_eur').value !== null) throw new Error('a refused value was saved');
  });
  await step('closing with missing indicators names them', async () => {
    const page = fac.page;
    await page.click('#eval-close');
    await page.waitForSelector('#status:has-text("impossible de clore")', { timeout: 10000 });
  });
  await step('the facilitator fills the mandatory indicators and closes the year', async () => {
    const page = fac.page;
    await page.fill('#ind-eco_budget_eur', '185 000');
    await page.fill('#ind-gov_co_carriers', '3');
    await page.fill('#ind-gov_steering_meetings', '4');
    await page.fill('#ind-eco_public_funding_pct', '62,5');
    await page.fill('#ind-eco_facilitation_fte', '1,5');
    for (const id of ['gov_carrier_structure', 'gov_political_support', 'eco_sustainability']) {
      await page.selectOption('#ind-' + id, '3');
    }
    await page.click('#eval-save');
    await page.waitForSelector('#status.ok:has-text("Valeurs enregistrées")', { timeout: 10000 });
    await page.waitForSelector('#maturity:has-text("3")', { timeout: 10000 });
    await page.click('#eval-close');
    await page.waitForSelector('#eval-state:has-text("Close")', { timeout: 10000 });
    if (await page.locator('#ind-eco_budget_eur').isEnabled()) throw new Error('closed year still editable');
    await page.screenshot({ path: path.join(outDir, 'evaluation.png'), fullPage: true });
  });
  await step('the territory report downloads as a PDF and a workbook', async () => {
    const page = fac.page;
    for (const [sel, type, magic] of [['#report-pdf', 'application/pdf', '%PDF'],
      ['#report-xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'PK']]) {
      const href = await page.getAttribute(sel, 'href');
      const got = await page.evaluate(async (u) => {
        const r = await fetch(u);
        const b = new Uint8Array(await r.arrayBuffer());
        return [r.status, r.headers.get('Content-Type'), String.fromCharCode(...b.slice(0, 4))];
      }, href);
      if (got[0] !== 200 || got[1] !== type || !got[2].startsWith(magic)) throw new Error(sel + ': ' + got.join(' '));
    }
  });
  await step('the admin sorts the territories side by side and reads the total', async () => {
    const page = admin.page;
    await page.goto(base + '/#/evaluation/' + YEAR);
    await page.waitForSelector('#evaluations', { timeout: 20000 });
    await page.focus('button.sort[data-key="act_tonnes_diverted"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const cells = await page.locator('#evaluations tbody tr td:nth-child(7)').allTextContents();
    const nums = cells.map((c) => Number(c.replace(/\s/g, '').replace(',', '.')));
    for (let k = 1; k < nums.length; k++) if (nums[k] > nums[k - 1]) throw new Error('not sorted: ' + cells.join(' | '));
    const total = Number((await page.textContent('#evaluations tfoot td:nth-child(7)')).replace(/\s/g, '').replace(',', '.'));
    const sum = nums.reduce((a, b) => a + b, 0);
    if (Math.abs(total - sum) > 0.05 * Math.max(1, nums.length)) throw new Error('total ' + total + ' vs ' + sum);
    const overlays = await page.locator('#overlay svg.radar').count();
    if (overlays !== 3) throw new Error(overlays + ' overlaid radars');
    await page.screenshot({ path: path.join(outDir, 'evaluations.png'), fullPage: true });
  });
  await step('the admin reopens the closed year', async () => {
    const page = admin.page;
    await page.goto(evalUrl);
    await page.waitForSelector('#eval-reopen', { timeout: 20000 });
    await page.click('#eval-reopen');
    await page.waitForSelector('#eval-state:has-text("Ouverte")', { timeout: 10000 });
  });
  await step('no page error or unexpected console error', async () => {
    if (problems.length) throw new Error(problems.join('; '));
  });
} finally {
  await close(fac, admin);
}
report();
