// demo.mjs - the demo region shows a living network at first login: for
// a facilitator, a member (of the first territory and of a later one) and
// the regional admin, every page of the network has content, not its
// empty-state message: suggestions, the calendar (and its iCalendar
// feed), shared rooms, trainings, group purchases, the forum (a thread
// with replies and a mention), the library; the admin's dashboard shows
// implemented synergies with measured effects.
// Run before the other journeys change anything: it reads only.
// Usage: node demo.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login as loginAt, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
const EXPECTED = /401/;
const login = (page, email, password) => loginAt(base, page, email, password);

const EMPTY = [
  'Aucune suggestion pour le moment', 'Aucun événement à venir', 'Aucune salle partagée pour le moment',
  'Aucune session de formation', 'Aucun achat groupé', 'Aucune discussion', 'La bibliothèque est vide',
];

// route, selector of its items, what it is (for messages)
const PAGES = [
  ['#/suggestions', '#suggestions article.suggestion', 'suggestions'],
  ['#/reseau', '#events article.event', 'events'],
  ['#/salles', 'main table tbody tr', 'rooms'],
  ['#/formations', '#trainings article', 'trainings'],
  ['#/achats', 'main table tbody tr', 'group purchases'],
  ['#/forum', '#threads li', 'threads'],
  ['#/bibliotheque', 'main table tbody tr', 'documents'],
];

async function countOn(page, route, selector) {
  await page.goto(base + '/' + route);
  try {
    await page.waitForSelector(selector, { timeout: 10000 });
  } catch {
    const text = (await page.textContent('main')) || '';
    const empty = EMPTY.find((m) => text.includes(m));
    throw new Error(route + ': nothing matches ' + selector + (empty ? ' (« ' + empty + ' »)' : ''));
  }
  return page.locator(selector).count();
}

const USERS = [
  ['facilitator of Nantes Métropole', 'animation1@demo.symbiose.fr', 'demo-animation-2026'],
  ['member of Nantes Métropole', 'membre1@demo.symbiose.fr', 'demo-membre-2026'],
  ['member of Cholet', 'membre8@demo.symbiose.fr', 'demo-membre-2026'],
  ['facilitator of a territory in mobilisation', 'animation14@demo.symbiose.fr', 'demo-animation-2026'],
];

for (const [who, email, password] of USERS) {
  const s = await open(who, EXPECTED, 900);
  try {
    await step(who + ' logs in', () => login(s.page, email, password));
    for (const [route, selector, what] of PAGES) {
      await step(who + ' sees ' + what + ' (' + route + ')', async () => {
        const n = await countOn(s.page, route, selector);
        if (n < 1) throw new Error('no ' + what);
      });
    }
    await step(who + ': the network calendar feed has events', async () => {
      const ics = await s.page.evaluate(async () => (await fetch('/api/v1/events.ics')).text());
      const n = (ics.match(/BEGIN:VEVENT/g) || []).length;
      if (n < 10) throw new Error(n + ' events in the feed');
    });
    await step(who + ': a forum thread has replies and a mention', async () => {
      await s.page.goto(base + '/#/forum');
      await s.page.waitForSelector('#threads li a');
      await s.page.locator('#threads li a').first().click();
      await s.page.waitForSelector('#posts article.post');
      const n = await s.page.locator('#posts article.post').count();
      const text = await s.page.textContent('#posts');
      if (n < 2) throw new Error(n + ' posts');
      if (!/@[A-ZÉ][a-zé]+\.[A-Z]/.test(text)) throw new Error('no mention in the thread');
    });
    await s.page.screenshot({ path: path.join(outDir, 'demo-' + email.split('@')[0] + '.png'), fullPage: true });
  } finally {
    await close(s);
  }
}

const admin = await open('admin', EXPECTED, 900);
try {
  await step('admin logs in', () => login(admin.page, 'admin@demo.symbiose.fr', 'demo-admin-2026'));
  await step('admin dashboard: implemented synergies with measured effects', async () => {
    const ind = await admin.page.evaluate(async () => (await fetch('/api/v1/indicators')).json());
    const st = ind.synergies_by_status;
    for (const k of ['suggested', 'studied', 'in_progress', 'implemented', 'abandoned']) {
      if (!(st[k] > 0)) throw new Error('no ' + k + ' synergy: ' + JSON.stringify(st));
    }
    if (!(ind.implemented.t_diverted > 0 && ind.implemented.co2e_t > 0 && ind.implemented.eur_saved > 0)) {
      throw new Error('implemented effects ' + JSON.stringify(ind.implemented));
    }
    if (ind.territories.length < 18) throw new Error(ind.territories.length + ' territories');
    const stages = new Set(ind.territories.map((t) => t.stage));
    if (stages.size !== 6) throw new Error('stages ' + [...stages].join(', '));
  });
  await step('admin sees a territory with its key dates and actors', async () => {
    await admin.page.goto(base + '/#/territoires/1');
    await admin.page.waitForSelector('#key-dates li', { timeout: 10000 });
    const text = await admin.page.textContent('main');
    if (!text.includes('Claire Moreau')) throw new Error('no facilitator among the actors');
  });
  await step('admin sees the synergy board filled', async () => {
    await admin.page.goto(base + '/#/synergies');
    await admin.page.waitForSelector('#board');
    for (const st of ['studied', 'in_progress', 'implemented', 'abandoned']) {
      const n = await admin.page.locator(`#board section[data-status="${st}"] article`).count();
      if (n < 1) throw new Error('empty column ' + st);
    }
    await admin.page.screenshot({ path: path.join(outDir, 'demo-board.png') });
  });
} finally {
  await close(admin);
}

await step('no page error nor unexpected console error', async () => {
  if (problems.length) throw new Error(problems.slice(0, 5).join(' | '));
});
report();
