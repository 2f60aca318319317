// collect.js - pooled collection of small quantities ("Collecte
// mutualisée"): the pools the caller sees with their totals, a form to
// register one's waste (code found by words, as in the flow form),
// facilitators create a pool for their territory from a collector and
// compute its rounds on the Tournées page.
import { get, post, api } from './api.js';
import { h, mount, status, num } from './dom.js';
import { errText, field, input, select, table, canOrganise, territoryChoices } from './net.js';
import { codeSearch } from './flows.js';

export const FREQ_FR = {
  weekly: 'chaque semaine', fortnightly: 'toutes les deux semaines', monthly: 'chaque mois',
  quarterly: 'chaque trimestre', yearly: 'chaque année',
};
const ITEM_FREQS = ['weekly', 'fortnightly', 'monthly', 'quarterly', 'yearly'];
const ROUND_FREQS = ['weekly', 'fortnightly', 'monthly', 'quarterly'];

function itemForm(c, session, reload) {
  const code = input('co-code', { autocomplete: 'off', required: true });
  const qty = input('co-qty', { type: 'number', min: 1, max: 1000000, step: 'any', required: true });
  const freq = select('co-freq', ITEM_FREQS.map((f) => [f, FREQ_FR[f]]));
  freq.value = 'monthly';
  let org = null;
  const form = h('form', { class: 'card', id: 'item-form' }, h('h2', {}, 'Déclarer un déchet dans cette collecte'),
    field('Code déchet', code, 'Tapez des mots (« carton », « palette ») ou un code (« 15 01 01 »).'), codeSearch(code),
    field('Quantité (kg par période)', qty), field('Fréquence', freq));
  if (!session.me.organisation_id) {
    org = input('co-org', { type: 'number', min: 1, required: true, inputmode: 'numeric' });
    form.append(...field('N° de l’organisation', org, 'Une organisation de votre territoire.'));
  }
  form.append(h('p', {}, h('button', { type: 'submit' }, 'Enregistrer')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const body = { low_code: code.value.trim(), quantity_kg: Number(qty.value), frequency: freq.value };
      if (org) body.organisation_id = Number(org.value);
      await api('PUT', '/collections/' + c.id + '/items', body);
      status('Déchet enregistré dans la collecte.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewCollection(session, id) {
  const c = await get('/collections/' + id);
  const reload = () => viewCollection(session, id);
  const mine = c.view === 'member';
  const role = session.me.role;
  const rows = c.items.map((it) => h('tr', {}, mine ? null : h('td', {}, it.organisation),
    h('td', {}, it.low_code), h('td', {}, num(it.quantity_kg)), h('td', {}, FREQ_FR[it.frequency] || it.frequency)));
  const heads = mine ? ['Code', 'kg par période', 'Fréquence'] : ['Organisation', 'Code', 'kg par période', 'Fréquence'];
  mount(h('h1', {}, 'Collecte mutualisée : ' + c.name),
    h('p', { id: 'collection-total' }, c.n_members + ' organisation(s), ' + num(c.total_kg_per_year) + ' kg par an, soit ' +
      num(c.total_kg_per_round) + ' kg par tournée (' + (FREQ_FR[c.round_frequency] || c.round_frequency) +
      ', véhicule de ' + num(c.vehicle_capacity_kg) + ' kg).'),
    rows.length ? table('collection-items', heads, rows)
      : h('p', {}, mine ? 'Votre organisation n’a encore rien déclaré dans cette collecte.' : 'Aucun déchet déclaré.'),
    mine ? h('p', { class: 'hint' }, 'Seuls vos propres déchets et les totaux de la collecte sont affichés.') : null,
    role !== 'observer' && role !== 'collector' ? itemForm(c, session, reload) : null,
    ['regional_admin', 'facilitator', 'collector'].includes(role)
      ? h('p', {}, h('a', { class: 'button', id: 'compute-rounds', href: '#/tournees/collecte/' + c.id }, 'Calculer les tournées'))
      : null,
    h('p', {}, h('a', { href: '#/collectes' }, 'Toutes les collectes mutualisées')));
}

async function poolForm(session, reload) {
  const terrs = await territoryChoices(session.me, false);
  let collectors = [];
  try { collectors = (await get('/collectors')).items; } catch (_) { collectors = []; }
  const name = input('cp-name', { required: true, maxlength: 200 });
  const terr = select('cp-territory', terrs);
  const coll = select('cp-collector', collectors.map((k) => [String(k.id), k.name]));
  const freq = select('cp-freq', ROUND_FREQS.map((f) => [f, FREQ_FR[f]]));
  freq.value = 'monthly';
  const form = h('form', { class: 'card', id: 'pool-form' }, h('h2', {}, 'Nouvelle collecte mutualisée'),
    field('Nom', name, 'Par exemple « Cartons des commerces du centre-ville ».'), field('Territoire', terr),
    field('Collecteur', coll, 'Son dépôt et la capacité de son véhicule sont repris.'), field('Tournées', freq),
    h('p', {}, h('button', { type: 'submit' }, 'Créer la collecte')));
  if (!collectors.length) return h('p', { class: 'hint' }, 'Aucun collecteur enregistré : ajoutez-en un (symbiose collectors add ou l’API).');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const c = await post('/collections', { name: name.value, territory_id: Number(terr.value),
        collector_id: Number(coll.value), round_frequency: freq.value });
      status('Collecte n° ' + c.id + ' créée.', 'ok');
      location.hash = '#/collectes/' + c.id;
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewCollections(session) {
  const data = await get('/collections');
  const reload = () => viewCollections(session);
  const rows = data.items.map((c) => h('tr', { 'data-id': c.id },
    h('td', {}, h('a', { href: '#/collectes/' + c.id }, c.name)),
    h('td', {}, String(c.n_members)), h('td', {}, num(c.total_kg_per_round)),
    h('td', {}, FREQ_FR[c.round_frequency] || c.round_frequency),
    h('td', {}, c.view === 'member' ? (c.items.length ? 'Vous y participez' : '—') : String(c.items.length) + ' déchet(s)')));
  mount(h('h1', {}, 'Collecte mutualisée'),
    h('p', { class: 'hint' }, 'Les petites quantités de déchets (cartons, palettes…) de plusieurs organisations ' +
      'sont collectées ensemble par un collecteur, en tournées depuis son dépôt.'),
    rows.length ? table('collections', ['Collecte', 'Organisations', 'kg par tournée', 'Tournées', 'Vous'], rows)
      : h('p', {}, 'Aucune collecte mutualisée pour le moment.'),
    canOrganise(session.me) ? await poolForm(session, reload) : null);
}
