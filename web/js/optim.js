// optim.js - the optimisation pages: "Répartition optimale" (saved
// allocation plans: which suggestions the optimal plan keeps, totals
// against the greedy plan) and "Tournées de collecte" (rounds of a pooled
// collection drawn on the Leaflet map as polylines, with km, time and
// CO2e against each company driving its own waste to the nearest
// treatment site).
import { get, post, frenchMessage } from './api.js';
import { h, mount, status, num, leafletText } from './dom.js';

const ROUTE_COLORS = ['#0b6e4f', '#2f6db5', '#b57b0b', '#a33b20', '#6b4c9a', '#1b7f8c', '#7a6a0b'];

function when(ts) {
  return ts ? new Date(ts * 1000).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' }) : '—';
}

function duration(min) {
  if (min === null || min === undefined) return '—';
  const m = Math.round(min);
  return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0');
}

function table(caption, head, rows) {
  return h('table', {},
    h('caption', { class: 'hint' }, caption),
    h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows));
}

/* ------------------------------------------------------ allocation plans */

/* The territories the caller may compute for: the API lists only a
 * facilitator's own ones. */
async function territoryChoices() {
  const data = await get('/territories?per_page=200');
  return data.items;
}

export async function viewAllocations(session) {
  const canCompute = ['regional_admin', 'facilitator'].includes(session.me.role);
  const intro = h('p', { class: 'hint' },
    'Quand plusieurs offres et besoins se disputent les mêmes tonnes, la répartition optimale ' +
    '(flot de coût minimal) choisit les échanges qui maximisent le gain total, en partant des ' +
    'suggestions ouvertes (suggérées ou étudiées). Elle est comparée au choix « glouton » où chaque ' +
    'offre prend d’abord sa meilleure suggestion.');
  let form = null;
  if (canCompute) {
    const terrs = await territoryChoices();
    const sel = h('select', { id: 'alloc-territory' },
      session.me.role === 'regional_admin' ? h('option', { value: '' }, 'Toute la région') : null,
      terrs.map((t) => h('option', { value: t.id }, t.name)));
    form = h('form', { class: 'card', id: 'alloc-form' },
      h('label', { for: 'alloc-territory' }, 'Périmètre'), sel,
      h('p', {}, h('button', { type: 'submit' }, 'Calculer et enregistrer la répartition')));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const body = sel.value ? { territory_id: Number(sel.value) } : {};
        const plan = await post('/allocations', body);
        status('Répartition n° ' + plan.id + ' enregistrée.', 'ok');
        location.hash = '#/repartition/' + plan.id;
      } catch (e) { status(frenchMessage(e), 'error'); }
    });
  }
  const data = await get('/allocations?per_page=100');
  const rows = data.items.map((p) => h('tr', { 'data-id': p.id },
    h('td', {}, h('a', { href: '#/repartition/' + p.id }, 'n° ' + p.id)),
    h('td', {}, when(p.created_at)),
    h('td', {}, p.territory || 'Toute la région'),
    h('td', {}, num(p.optimal.t) + ' / ' + num(p.greedy.t)),
    h('td', {}, num(p.optimal.eur) + ' / ' + num(p.greedy.eur)),
    h('td', {}, num(p.optimal.co2e_t) + ' / ' + num(p.greedy.co2e_t)),
    h('td', {}, num(p.gain_over_greedy_eur))));
  mount(h('h1', {}, 'Répartition optimale'), intro, form,
    rows.length ? table('Répartitions enregistrées (optimal / glouton)',
      ['Répartition', 'Date', 'Périmètre', 't/an échangées', '€/an', 't CO2e/an évitées', 'Gain sur le glouton (€/an)'], rows)
      : h('p', {}, 'Aucune répartition enregistrée pour le moment.'));
}

function sideName(name, anonymised) {
  return anonymised ? h('span', { class: 'anon' }, 'anonymisée') : (name || '—');
}

export async function viewAllocation(session, id) {
  const p = await get('/allocations/' + id);
  const o = p.optimal, g = p.greedy;
  const diff = (a, b) => num(Math.round((a - b) * 10) / 10);
  const totals = table('Totaux de la répartition optimale comparés au choix glouton',
    ['', 'Optimal', 'Glouton', 'Écart'], [
      ['Tonnes échangées (t/an)', o.t, g.t],
      ['Gain net (€/an)', o.eur, g.eur],
      ['CO2e évitées (t/an)', o.co2e_t, g.co2e_t],
      ['Reste en élimination (t/an)', o.disposed_t, g.disposed_t],
      ['Synergies retenues', o.pairs, g.pairs],
    ].map(([label, a, b]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, num(a)), h('td', {}, num(b)),
      h('td', {}, diff(a, b)))));
  const lines = (p.lines || []).map((l) => h('tr', { class: l.kept ? 'kept' : 'dropped' },
    h('td', {}, 'n° ' + l.synergy_id),
    h('td', {}, l.code || '—'),
    h('td', {}, sideName(l.offer_org, l.anonymised)),
    h('td', {}, sideName(l.receiver, l.anonymised)),
    h('td', {}, num(l.t)),
    h('td', {}, num(l.greedy_t)),
    h('td', {}, num(l.eur)),
    h('td', {}, num(l.co2e_t)),
    h('td', {}, l.kept ? 'oui' : 'non')));
  mount(h('h1', {}, 'Répartition optimale n° ' + p.id),
    h('p', {}, (p.territory || 'Toute la région') + ' — calculée le ' + when(p.created_at) + ' sur ' +
      p.n_candidates + ' suggestion(s) ouverte(s).'),
    totals,
    h('h2', {}, 'Suggestions de la répartition'),
    lines.length ? table('Tonnes par suggestion : retenues par l’optimum et par le glouton',
      ['Synergie', 'Code', 'Offre', 'Receveur', 'Optimal (t/an)', 'Glouton (t/an)', 'Gain (€/an)', 'CO2e (t/an)', 'Gardée'], lines)
      : h('p', {}, 'Aucune suggestion ouverte dans ce périmètre.'),
    h('p', {}, h('a', { href: '#/repartition' }, 'Toutes les répartitions')));
  status('');
}

/* ----------------------------------------------------------------- rounds */

function roundsMap(box, note, r) {
  if (!window.L) {
    note.hidden = false;
    note.textContent = 'La carte n’est pas disponible : les bibliothèques Leaflet ne sont pas installées ' +
      '(lancez « make setup »). Les tournées restent détaillées dans le tableau.';
    return;
  }
  const L = window.L;
  const map = L.map(box, { keyboard: true });
  L.tileLayer('/tiles/{z}/{x}/{y}.png', { maxZoom: 18, attribution: '© contributeurs OpenStreetMap' })
    .on('tileerror', () => {
      note.hidden = false;
      note.textContent = 'Fond de carte indisponible : les tournées restent tracées sur un fond neutre.';
    }).addTo(map);
  const bounds = [[r.depot.lat, r.depot.lon]];
  r.geometry.coordinates.forEach((line, i) => {
    const latlngs = line.map(([lon, lat]) => [lat, lon]);
    bounds.push(...latlngs);
    const route = r.routes[i];
    L.polyline(latlngs, { color: ROUTE_COLORS[i % ROUTE_COLORS.length], weight: 4, opacity: 0.85 })
      .bindTooltip(leafletText('Tournée ' + route.route + ' — ' + num(route.km) + ' km, ' +
        duration(route.duration_min) + ', ' + num(route.load_kg) + ' kg')).addTo(map);
    route.stops.forEach((s) => {
      const pop = document.createElement('div');
      pop.append(h('strong', {}, s.name || 'Arrêt'), h('br'), 'Tournée ' + route.route + ', arrêt ' + s.seq +
        ' — ' + num(s.demand_kg) + ' kg', h('br'), 'Seule : ' + num(s.baseline_km) + ' km vers ' + (s.site || '—'));
      L.circleMarker([s.lat, s.lon], { radius: 6, color: ROUTE_COLORS[i % ROUTE_COLORS.length], weight: 2, fillOpacity: 0.8 })
        .bindPopup(pop).addTo(map);
    });
  });
  L.circleMarker([r.depot.lat, r.depot.lon], { radius: 9, color: '#1b2a2f', weight: 3, fillOpacity: 1 })
    .bindTooltip(leafletText('Dépôt du collecteur')).addTo(map);
  map.fitBounds(L.latLngBounds(bounds), { padding: [30, 30] });
}

function comparison(r) {
  const saved = r.baseline.co2e_kg > 0 ? Math.round(100 * (r.baseline.co2e_kg - r.co2e_kg) / r.baseline.co2e_kg) : 0;
  return table('Tournées mutualisées comparées à chaque entreprise apportant seule ses déchets au site de traitement le plus proche',
    ['', 'Tournées', 'Chacun seul', 'Économie'], [
      ['Distance (km)', num(r.km), num(r.baseline.km), num(r.km_saved)],
      ['Temps', duration(r.duration_min), duration(r.baseline.duration_min), duration(r.baseline.duration_min - r.duration_min)],
      ['CO2e (kg)', num(r.co2e_kg), num(r.baseline.co2e_kg), num(r.co2e_saved_kg) + ' (' + saved + ' %)'],
    ].map(([label, ...v]) => h('tr', {}, h('th', { scope: 'row' }, label), v.map((x) => h('td', {}, x)))));
}

export async function viewRound(session, id) {
  const r = await get('/rounds/' + id);
  const note = h('p', { class: 'map-note', hidden: true });
  const box = h('div', { id: 'map', class: 'rounds-map', role: 'region', 'aria-label': 'Carte des tournées' });
  const routes = r.routes.map((rt) => h('tr', {},
    h('td', {}, 'Tournée ' + rt.route),
    h('td', {}, 'Dépôt → ' + rt.stops.map((s) => (s.name || 'arrêt') + ' (' + num(s.demand_kg) + ' kg)').join(' → ') + ' → dépôt'),
    h('td', {}, num(rt.km)), h('td', {}, duration(rt.duration_min)), h('td', {}, num(rt.load_kg))));
  mount(h('h1', {}, 'Tournées n° ' + r.id + ' — ' + r.collection),
    h('p', {}, (r.collector ? 'Collecteur : ' + r.collector + '. ' : '') + r.n_stops + ' arrêt(s) en ' + r.n_routes +
      ' tournée(s), véhicule de ' + num(r.capacity_kg) + ' kg' + (r.date ? ', le ' + r.date : '') + '.'),
    comparison(r), note, box,
    table('Détail des tournées', ['Tournée', 'Arrêts dans l’ordre', 'km', 'Temps', 'Charge (kg)'], routes),
    h('p', { class: 'hint' }, 'Distances : ligne droite × ' + num(r.detour_factor) + ' (détour routier) ; temps : ' +
      num(r.speed_kmh) + ' km/h de moyenne et ' + num(r.stop_min) + ' min par arrêt ; CO2e : facteur du véhicule par km. ' +
      'Référence : chaque entreprise fait l’aller-retour en utilitaire léger vers le site de traitement le plus proche ' +
      'acceptant son déchet.'),
    h('p', {}, h('a', { href: '#/tournees' }, 'Toutes les tournées')));
  roundsMap(box, note, r);
  status('');
}

export async function viewRounds(session, poolId) {
  const canCompute = ['regional_admin', 'facilitator', 'collector'].includes(session.me.role);
  let form = null;
  if (canCompute) {
    // the pools the caller may compute: picked from the list, not typed
    let pools = [];
    try { pools = (await get('/collections')).items; } catch (_) { pools = []; }
    const pool = h('select', { id: 'round-pool', required: true },
      pools.map((c) => h('option', { value: String(c.id), selected: String(c.id) === poolId },
        c.name + ' (' + c.n_members + ' organisation(s), ' + num(c.total_kg_per_round) + ' kg par tournée)')));
    const date = h('input', { id: 'round-date', type: 'date' });
    form = pools.length ? h('form', { class: 'card', id: 'round-form' },
      h('label', { for: 'round-pool' }, 'Collecte mutualisée'), pool,
      h('label', { for: 'round-date' }, 'Date prévue (facultatif)'), date,
      h('p', {}, h('button', { type: 'submit' }, 'Calculer et enregistrer les tournées')))
      : h('p', { id: 'round-form-empty' }, 'Aucune collecte mutualisée : ', h('a', { href: '#/collectes' }, 'créez-en une'), '.');
    if (pools.length) form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const body = { collection_id: Number(pool.value) };
        if (date.value) body.date = date.value;
        status('Calcul des tournées…');
        const r = await post('/rounds', body);
        status('Tournées n° ' + r.id + ' enregistrées.', 'ok');
        location.hash = '#/tournee/' + r.id;
      } catch (e) {
        status(e.status === 422 ? 'Calcul impossible : ' + e.message : frenchMessage(e), 'error');
      }
    });
  }
  const data = await get('/rounds?per_page=100');
  const rows = data.items.map((r) => h('tr', { 'data-id': r.id },
    h('td', {}, h('a', { href: '#/tournee/' + r.id }, 'n° ' + r.id)),
    h('td', {}, r.collection), h('td', {}, r.collector || '—'), h('td', {}, r.date || when(r.created_at)),
    h('td', {}, String(r.n_routes)), h('td', {}, num(r.km) + ' / ' + num(r.baseline.km)),
    h('td', {}, duration(r.duration_min) + ' / ' + duration(r.baseline.duration_min)),
    h('td', {}, num(r.co2e_kg) + ' / ' + num(r.baseline.co2e_kg))));
  mount(h('h1', {}, 'Tournées de collecte'),
    h('p', { class: 'hint' }, 'Une collecte mutualisée devient des tournées depuis le dépôt du collecteur ' +
      '(problème de tournées de véhicules avec capacité), comparées à chaque entreprise apportant seule ses déchets.'),
    form,
    rows.length ? table('Tournées enregistrées (mutualisées / chacun seul)',
      ['Tournées', 'Collecte', 'Collecteur', 'Date', 'Véhicules', 'km', 'Temps', 'kg CO2e'], rows)
      : h('p', {}, 'Aucune tournée enregistrée pour le moment.'));
}
