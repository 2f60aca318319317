// network.mjs - browser test of the regional network's pages with
// playwright-core and Debian's chromium: the regional admin creates an
// event, a member registers (a second one lands on the waiting list), a
// member offers a room and books it, another member's overlapping
// booking shows the French clash message, a forum mention lights the
// notification badge, the indicators table sorts and links its CSV.
// Usage: node network.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
// 401 before login and 409 (the clash on purpose) are answers, not faults
const EXPECTED = /401|409/;
const login = (page, email, password) => loginAt(base, page, email, password);

const TITLE = 'Atelier <b>réseau</b> ' + Date.now();
const ROOM = 'Salle Loire ' + Date.now();
const admin = await open('admin', EXPECTED, 900);
const m1 = await open('member1', EXPECTED, 900);
const m2 = await open('member2', EXPECTED, 900);
try {
  await step('everyone logs in', async () => {
    await login(admin.page, 'admin@demo.symbiose.fr', 'demo-admin-2026');
    await login(m1.page, 'membre1@demo.symbiose.fr', 'demo-membre-2026');
    await login(m2.page, 'membre2@demo.symbiose.fr', 'demo-membre-2026');
  });
  await step('admin creates an event with one place (keyboard form)', async () => {
    const page = admin.page;
    await page.click('nav a[href="#/reseau"]');
    await page.waitForSelector('#event-form');
    await page.selectOption('#ev-kind', 'workshop');
    await page.fill('#ev-title', TITLE);
    await page.fill('#ev-starts', '2031-06-10T09:00');
    await page.fill('#ev-ends', '2031-06-10T12:00');
    await page.fill('#ev-location', 'Nantes, salle du conseil');
    await page.fill('#ev-capacity', '1');
    await page.press('#ev-capacity', 'Enter');
    await page.waitForSelector(`article.event h2:text-is("${TITLE}")`, { timeout: 10000 });
  });
  await step('member registers to the event, the next one waits', async () => {
    for (const [p, expect] of [[m1.page, 'Inscrit·e'], [m2.page, 'En liste d’attente']]) {
      await p.goto(base + '/#/reseau');
      const card = p.locator('article.event', { has: p.locator(`h2:text-is("${TITLE}")`) });
      await card.waitFor({ timeout: 10000 });
      await card.locator('button.register').click();
      await card.locator('.reg-status', { hasText: expect }).waitFor({ timeout: 10000 });
    }
    const href = await m1.page.getAttribute('#ics-link', 'href');
    if (href !== '/api/v1/events.ics') throw new Error('feed link ' + href);
    const ics = await m1.page.evaluate(async () => {
      const r = await fetch('/api/v1/events.ics');
      return r.headers.get('Content-Type') + '\n' + await r.text();
    });
    if (!ics.startsWith('text/calendar') || !ics.includes('BEGIN:VEVENT')) throw new Error('feed: ' + ics.slice(0, 80));
    await m1.page.screenshot({ path: path.join(outDir, 'reseau.png'), fullPage: true });
  });
  await step('member offers a room and books a slot', async () => {
    const page = m1.page;
    await page.goto(base + '/#/salles');
    await page.waitForSelector('#room-form');
    await page.fill('#room-name', ROOM);
    await page.fill('#room-capacity', '14');
    await page.fill('#room-address', '2 quai de la Fosse, Nantes');
    await page.click('#room-form button[type=submit]');
    await page.waitForSelector('#booking-form', { timeout: 10000 });
    // the demo has rooms of its own: pick the one just offered by its name
    const mine = await page.locator('#bk-room option', { hasText: ROOM }).getAttribute('value');
    await page.selectOption('#bk-room', mine);
    await page.fill('#bk-starts', '2031-03-04T14:00');
    await page.fill('#bk-ends', '2031-03-04T16:00');
    await page.fill('#bk-purpose', 'Comité de pilotage');
    await page.click('#booking-form button[type=submit]');
    await page.waitForSelector('#booking-msg:has-text("Réservation enregistrée")', { timeout: 10000 });
  });
  await step('an overlapping booking shows the French clash message', async () => {
    const page = m2.page;
    await page.goto(base + '/#/salles');
    await page.waitForSelector('#booking-form');
    // the demo has rooms of its own: pick the one just offered by its name
    const mine = await page.locator('#bk-room option', { hasText: ROOM }).getAttribute('value');
    await page.selectOption('#bk-room', mine);
    await page.fill('#bk-starts', '2031-03-04T15:00');
    await page.fill('#bk-ends', '2031-03-04T17:00');
    await page.click('#booking-form button[type=submit]');
    const msg = page.locator('#booking-msg.clash');
    await msg.waitFor({ timeout: 10000 });
    const text = await msg.textContent();
    if (!/déjà réservée du 04\/03\/2031 14:00 au 04\/03\/2031 16:00/.test(text)) throw new Error('message: ' + text);
    await page.screenshot({ path: path.join(outDir, 'salles.png'), fullPage: true });
  });
  await step('a forum mention lights the badge of the mentioned member', async () => {
    const page = m1.page;
    await page.goto(base + '/#/forum');
    await page.waitForSelector('#thread-form');
    await page.fill('#th-title', 'Palettes <script>x</script>');
    await page.fill('#th-body', 'Qui reprend des palettes ? @membre2@demo.symbiose.fr');
    await page.click('#thread-form button[type=submit]');
    await page.waitForSelector('h1:text-is("Palettes <script>x</script>")', { timeout: 10000 });
    await m2.page.goto(base + '/#/forum');
    await m2.page.waitForSelector('#unread:not([hidden])', { timeout: 10000 });
  });
  await step('indicators sort by keyboard and export as CSV', async () => {
    const page = admin.page;
    await page.goto(base + '/#/territoires');
    await page.waitForSelector('#indicators', { timeout: 20000 });
    await page.focus('button.sort[data-key="companies"]');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const href = await page.getAttribute('#indicators-csv', 'href');
    if (href !== '/api/v1/indicators.csv?sort=-companies') throw new Error('csv link ' + href);
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    if (!csv.startsWith('territory_id,territory,stage')) throw new Error('csv: ' + csv.slice(0, 60));
    await page.screenshot({ path: path.join(outDir, 'territoires.png'), fullPage: true });
  });
  await step('facilitator creates a training, a member registers', async () => {
    const fac = admin.page;
    await fac.goto(base + '/#/formations');
    await fac.waitForSelector('#training-form');
    await fac.fill('#tr-title', 'Formation flux ' + TITLE);
    await fac.fill('#tr-starts', '2031-09-01T09:00');
    await fac.fill('#tr-ends', '2031-09-01T17:00');
    await fac.fill('#tr-location', 'Angers, CCI');
    await fac.fill('#tr-min', '1');
    await fac.fill('#tr-max', '5');
    await fac.click('#training-form button[type=submit]');
    await fac.waitForSelector('#status.ok:has-text("Session créée")', { timeout: 10000 });
    const page = m1.page;
    await page.goto(base + '/#/formations');
    const card = page.locator('#trainings article', { hasText: 'Formation flux ' + TITLE });
    await card.waitFor({ timeout: 10000 });
    await card.locator('button', { hasText: 'S’inscrire' }).click();
    await card.locator('.training-status', { hasText: 'Confirmée' }).waitFor({ timeout: 10000 });
  });
  await step('a member opens a group purchase and sets a quantity', async () => {
    const page = m1.page;
    await page.goto(base + '/#/achats');
    await page.waitForSelector('#purchase-form');
    await page.fill('#pu-title', 'Papier recyclé ' + TITLE);
    await page.fill('#pu-category', 'papier');
    await page.fill('#pu-unit', 'ramette');
    await page.fill('#pu-deadline', '2031-12-31');
    await page.click('#purchase-form button[type=submit]');
    await page.click(`#purchases a:text-is("Papier recyclé ${TITLE}")`, { timeout: 10000 });
    await page.waitForSelector('#quantity-form');
    await page.fill('#pu-qty', '12');
    await page.click('#quantity-form button[type=submit]');
    await page.waitForSelector('#purchase-total:has-text("Total : 12 ramette")', { timeout: 10000 });
  });
  await step('a member uploads to the library, finds and downloads it', async () => {
    const page = m1.page;
    await page.goto(base + '/#/bibliotheque');
    await page.waitForSelector('#upload-form');
    await page.setInputFiles('#lib-file', { name: 'fiche.txt', mimeType: 'text/plain',
      buffer: Buffer.from('Bonne pratique : mutualiser les palettes.\n') });
    await page.fill('#lib-title', 'Palettes mutualisées');
    await page.click('#upload-form button[type=submit]');
    await page.waitForSelector('#resources td:text-is("Palettes mutualisées")', { timeout: 10000 });
    await page.fill('#lib-q', 'palettes');
    await page.press('#lib-q', 'Enter');
    await page.waitForSelector('#search-results li', { timeout: 10000 });
    const href = await page.getAttribute('#resources a[download]', 'href');
    const got = await page.evaluate(async (u) => {
      const r = await fetch(u);
      return r.headers.get('Content-Disposition') + '|' + await r.text();
    }, href);
    if (!got.startsWith('attachment') || !got.includes('mutualiser')) throw new Error('download: ' + got);
    await page.screenshot({ path: path.join(outDir, 'bibliotheque.png'), fullPage: true });
  });
  await step('no script error and no CSP violation', async () => {
    if (problems.length) throw new Error(problems.join(' | '));
  });
} finally {
  await close(admin, m1, m2);
}
report();
