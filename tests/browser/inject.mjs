// inject.mjs - names typed with HTML stay text everywhere the browser
// shows them, the Leaflet map included (Leaflet renders a string as
// HTML): a facilitator creates an organisation and a pooled collection
// whose names are HTML, computes the collection's rounds, and the map's
// rounds layer, the round's page and the lists show the names as typed
// with no element made from them.
// Usage: node inject.mjs BASE_URL OUT_DIR
import path from 'node:path';
import { step, open, close, login, problems, report } from './lib.mjs';

const [base, outDir] = process.argv.slice(2);
const EXPECTED = /tiles|404|401/;
const ORG_NAME = '<b id="inj-org">Métal</b><img id="inj-org-img" src="/favicon.svg"> injection';
const POOL_NAME = '<img id="inj-img" src="/favicon.svg"><a id="inj-link" href="https://evil.example">clic</a>';
const INJECTED = '#inj-org, #inj-org-img, #inj-img, #inj-link';

// Every Leaflet map the page makes, so a test can open its tooltips and
// popups (a canvas line cannot be hovered by selector).
function hookLeaflet() {
  window.L.Map.addInitHook(function () { (window.testMaps = window.testMaps || []).push(this); });
}

// Opens every tooltip and popup of the page's maps; returns their text.
function openLeafletContent() {
  const texts = [];
  for (const map of window.testMaps || []) {
    map.eachLayer((layer) => {
      if (layer.getTooltip && layer.getTooltip()) {
        layer.openTooltip();
        texts.push(layer.getTooltip().getElement().textContent);
      }
    });
  }
  for (const map of window.testMaps || []) {
    map.eachLayer((layer) => {
      if (layer.getPopup && layer.getPopup()) {
        layer.openPopup();
        texts.push(layer.getPopup().getElement().textContent);
      }
    });
  }
  return texts;
}

async function noInjectedElement(page, where) {
  const found = await page.$$eval(INJECTED, (els) => els.map((el) => el.outerHTML));
  if (found.length) throw new Error(where + ': elements made from a name: ' + found.join(' '));
}

const fac = await open('facilitator', EXPECTED);
let roundId = 0;
try {
  await step('facilitator creates an organisation and a collection named with HTML', async () => {
    const page = fac.page;
    await login(base, page, 'animation1@demo.symbiose.fr', 'demo-animation-2026');
    roundId = await page.evaluate(async ([orgName, poolName]) => {
      const { api } = await import('/js/api.js');
      const me = await api('GET', '/auth/me');
      const territory = me.territory_ids[0];
      const org = await api('POST', '/organisations', { siret: '12345678200010', name: orgName,
        naf: '25.11Z', commune_insee: '44109', territory_id: territory });
      const collectors = await api('GET', '/collectors');
      const pool = await api('POST', '/collections', { name: poolName, territory_id: territory,
        collector_id: collectors.items[0].id });
      const orgs = await api('GET', '/organisations?territory_id=' + territory + '&per_page=3');
      const members = [org.id, ...orgs.items.map((o) => o.id).filter((id) => id !== org.id).slice(0, 2)];
      for (const id of members) {
        await api('PUT', '/collections/' + pool.id + '/items', { organisation_id: id, low_code: '150101',
          quantity_kg: 150, frequency: 'monthly' });
      }
      const round = await api('POST', '/rounds', { collection_id: pool.id });
      return round.id;
    }, [ORG_NAME, POOL_NAME]);
    if (!roundId) throw new Error('no round saved');
  });
  await step('the map\'s rounds tooltip shows the collection name as text', async () => {
    const page = fac.page;
    await page.evaluate(hookLeaflet);
    await page.evaluate(() => { location.hash = '#/carte'; });
    await page.waitForSelector('#map-count:has-text("organisations")', { timeout: 20000 });
    await page.check('#layer-rounds');
    await page.waitForSelector('#rounds-count:has-text("tournée")', { timeout: 10000 });
    const texts = await page.evaluate(openLeafletContent);
    await noInjectedElement(page, 'map');
    if (!texts.some((t) => t.includes(POOL_NAME))) {
      throw new Error('no tooltip holds the name as typed: ' + texts.slice(0, 3).join(' | '));
    }
    await page.screenshot({ path: path.join(outDir, 'inject-map.png') });
  });
  await step('the round\'s page shows both names as text', async () => {
    const page = fac.page;
    await page.evaluate((id) => { window.testMaps = []; location.hash = '#/tournee/' + id; }, roundId);
    await page.waitForSelector('h1:has-text("Tournées n°")', { timeout: 20000 });
    await page.waitForSelector('.leaflet-overlay-pane path', { timeout: 10000 });
    const texts = await page.evaluate(openLeafletContent);
    await noInjectedElement(page, 'round page');
    if (!texts.some((t) => t.includes(ORG_NAME))) {
      throw new Error('no popup holds the organisation name as typed: ' + texts.slice(0, 3).join(' | '));
    }
  });
  await step('the collections and organisations pages show the names as text', async () => {
    const page = fac.page;
    await page.evaluate(() => { location.hash = '#/collectes'; });
    await page.locator('#collections', { hasText: POOL_NAME }).waitFor({ timeout: 10000 });
    await noInjectedElement(page, 'collections');
    await page.evaluate(() => { location.hash = '#/organisations'; });
    await page.waitForSelector('main table', { timeout: 10000 });
    await noInjectedElement(page, 'organisations');
  });
  await step('no script error and no CSP violation', async () => {
    if (problems.length) throw new Error(problems.join(' | '));
  });
} finally {
  await close(fac);
}
report();
