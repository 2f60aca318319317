// journey.mjs - browser test with playwright-core driving Debian's
// chromium: a member logs in and declares a flow with the code search,
// a facilitator records a suggestion, the member sees and accepts it, the
// facilitator moves the synergy on the board, and the map is
// photographed. Usage: node journey.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
// tiles are absent on purpose (offline): their 404s are expected; 401
// (no session yet) and 422 (the invalid form on purpose) are answers
const EXPECTED = /tiles|404|401|422/;
const login = (page, email, password) => loginAt(base, page, email, password);

// an API call from inside the page, with its session and CSRF token
async function apiIn(page, method, p, body) {
  return page.evaluate(async ([method, p, body]) => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const r = await fetch('/api/v1' + p, {
      method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: await r.json() };
  }, [method, p, body]);
}

const member = await open('member', EXPECTED);
const fac = await open('facilitator', EXPECTED);
let flowId = 0, synId = 0;
try {
  await step('member logs in and sees the dashboard', async () => {
    await login(member.page, 'membre1@demo.symbiose.fr', 'demo-membre-2026');
    await member.page.screenshot({ path: path.join(outDir, 'dashboard.png') });
  });
  await step('member declares a flow found by the word "carton"', async () => {
    const page = member.page;
    await page.goto(base + '/#/flux/nouveau');
    await page.waitForSelector('#flow-form');
    await page.selectOption('#direction', 'offer');
    await page.click('#code');
    await page.keyboard.type('carton');
    await page.waitForSelector('#code-options li', { timeout: 10000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const code = await page.inputValue('#code');
    if (!/^\d{6}$/.test(code)) throw new Error('code not chosen: ' + code);
    await page.fill('#quantity', '25');
    await page.fill('#description', '<b>cartons</b> propres');
    await page.click('#flow-form button[type=submit]');
    // wait for this form's own answer, not the "Connecté." left by the login
    await page.waitForSelector('#status.ok:has-text("Flux enregistré"), #status.error',
      { timeout: 10000 });
    const text = await page.textContent('#status');
    if (await page.$('#status.error'))
      throw new Error(text + ' ' + await page.textContent('#flow-form'));
    flowId = Number((text.match(/n° (\d+)/) || [])[1]);
    if (!flowId) throw new Error('no flow id in: ' + text);
    await page.waitForSelector('#my-flows', { timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'flows.png') });
    // HTML typed in a field shows as typed text, not as markup
    await page.locator('#my-flows td', { hasText: '<b>cartons</b> propres' }).first()
      .waitFor({ timeout: 10000 });
    if (await page.$('#my-flows b')) throw new Error('description rendered as HTML');
  });
  await step('facilitator records a suggestion for that flow', async () => {
    await login(fac.page, 'animation1@demo.symbiose.fr', 'demo-animation-2026');
    const me = await apiIn(member.page, 'GET', '/auth/me');
    const orgs = await apiIn(fac.page, 'GET', '/organisations?per_page=200');
    const other = orgs.body.items.find((o) => !o.anonymised && o.id !== me.body.organisation_id);
    const r = await apiIn(fac.page, 'POST', '/synergies', {
      offer_flow_id: flowId, receiver_organisation_id: other.id,
      note: 'cartons repris par ' + other.name, estimated_t_diverted: 25,
    });
    if (r.status !== 201) throw new Error('status ' + r.status + ' ' + JSON.stringify(r.body));
    synId = r.body.id;
  });
  await step('facilitator enrols an organisation (field errors shown, then saved)', async () => {
    const page = fac.page;
    await page.goto(base + '/#/organisations/nouvelle');
    await page.waitForSelector('#org-form');
    await page.fill('#siret', '32165498700016'); // bad checksum first
    await page.fill('#name', 'Fournil <i>du port</i>');
    await page.fill('#naf', '10.71C');
    await page.fill('#commune_insee', '44109');
    await page.click('#org-form button[type=submit]');
    await page.waitForSelector('#err-siret:not(:empty)', { timeout: 10000 });
    await page.fill('#siret', '32165498700015');
    await page.click('#org-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Fournil <i>du port</i>")', { timeout: 10000 });
  });
  await step('member sees the suggestion, counterpart anonymised, and accepts', async () => {
    const page = member.page;
    await page.goto(base + '/#/suggestions');
    const card = page.locator(`article.suggestion[data-id="${synId}"]`);
    await card.waitFor({ timeout: 10000 });
    const text = await card.textContent();
    if (/cartons repris par/.test(text)) throw new Error('counterpart name shown before both accept');
    await card.locator('button.accept').click();
    await page.waitForSelector('#status.ok:has-text("Mise en relation acceptée")', { timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'suggestions.png') });
  });
  await step('facilitator moves the synergy on the board', async () => {
    const page = fac.page;
    await page.goto(base + '/#/synergies');
    const card = page.locator(`#board section[data-status="suggested"] article[data-id="${synId}"]`);
    await card.waitFor({ timeout: 10000 });
    await card.locator('select.move').selectOption('studied');
    await card.locator('button.move-btn').click();
    await page.locator(`#board section[data-status="studied"] article[data-id="${synId}"]`)
      .waitFor({ timeout: 10000 });
    await page.screenshot({ path: path.join(outDir, 'board.png'), fullPage: true });
  });
  await step('map shows the organisations and the offline notice', async () => {
    const page = fac.page;
    await page.goto(base + '/#/carte');
    await page.waitForSelector('#map-count:has-text("organisations")', { timeout: 20000 });
    await page.waitForSelector('#map-note:not([hidden])', { timeout: 10000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(outDir, 'map.png') });
    // the facilitator's prospects layer: ranked establishments of the register
    await page.check('#layer-prospects');
    await page.waitForSelector('#prospects-count:has-text("prospect(s) affiché(s)")', { timeout: 30000 });
  });
  await step('no script error and no CSP violation', async () => {
    if (problems.length) throw new Error(problems.join(' | '));
  });
} finally {
  await close(member, fac);
}
report();
