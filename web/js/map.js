// map.js - all organisations of the user's scope on a Leaflet map, in
// clusters (usable with 10,000 points), with layers for offers, needs
// and synergies (lines coloured by status). Tiles come from the same
// origin (/tiles/z/x/y.png, when an operator installs them); the machine
// is offline, so without them a French notice explains the plain
// background and the points stay usable.
import { get } from './api.js';
import { h, mount, status, num, STATUS_FR, leafletText } from './dom.js';
import { territoryChoices } from './net.js';

const LINE_COLORS = {
  suggested: '#6c7a89', studied: '#2f6db5', in_progress: '#b57b0b',
  implemented: '#0b6e4f', abandoned: '#a33b20',
};

export async function viewMap(session) {
  const note = h('p', { class: 'map-note', id: 'map-note', hidden: true });
  const box = h('div', { id: 'map', role: 'region', 'aria-label': 'Carte des organisations' });
  const layerBoxes = {};
  const layersUi = h('fieldset', { class: 'layers' }, h('legend', {}, 'Couches'),
    ...[['orgs', 'Organisations', true], ['offers', 'Offres', false], ['needs', 'Besoins', false],
      ['synergies', 'Synergies', true]].map(([key, label, on]) => {
      layerBoxes[key] = h('input', { type: 'checkbox', id: 'layer-' + key, checked: on });
      return h('label', { for: 'layer-' + key }, layerBoxes[key], ' ' + label);
    }));
  const count = h('p', { class: 'hint', id: 'map-count' });
  mount(h('h1', {}, 'Carte'), layersUi, note, box, count);
  if (!window.L || !window.L.markerClusterGroup) {
    note.hidden = false;
    note.textContent = 'La carte n’est pas disponible : les bibliothèques Leaflet ne sont pas installées ' +
      '(lancez « make setup »). Les données restent consultables dans les pages Organisations et Flux.';
    return;
  }
  const data = await get('/map');
  const L = window.L;
  const map = L.map(box, { preferCanvas: true, keyboard: true }).setView([47.4, -0.9], 8);
  let tileFailed = false;
  L.tileLayer('/tiles/{z}/{x}/{y}.png', { maxZoom: 18, attribution: '© contributeurs OpenStreetMap' })
    .on('tileerror', () => {
      if (tileFailed) return;
      tileFailed = true;
      note.hidden = false;
      note.textContent = 'Fond de carte indisponible (machine hors ligne ou tuiles non installées) : ' +
        'les organisations et les synergies restent affichées sur un fond neutre.';
    }).addTo(map);
  const renderer = L.canvas({ padding: 0.3 });
  const make = (filter, color) => {
    const group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    const markers = [];
    for (const [id, lat, lon, nOff, nNeed, isFull, label] of data.organisations) {
      if (!filter(nOff, nNeed)) continue;
      const m = L.circleMarker([lat, lon], { renderer, radius: 6, color, weight: 2, fillOpacity: 0.7 });
      const pop = document.createElement('div');
      const text = isFull ? label : data.activities[label];
      pop.append(h('strong', {}, text), h('br'), nOff + ' offre(s), ' + nNeed + ' besoin(s)');
      if (isFull) pop.append(h('br'), h('a', { href: '#/organisation/' + id }, 'Voir la fiche'));
      else pop.append(h('br'), h('span', { class: 'anon' }, 'organisation anonymisée (commune)'));
      m.bindPopup(pop);
      markers.push(m);
    }
    group.addLayers(markers);
    return group;
  };
  const layers = {
    orgs: make(() => true, '#1b2a2f'),
    offers: make((o) => o > 0, '#0b6e4f'),
    needs: make((o, n) => n > 0, '#2f6db5'),
    synergies: L.layerGroup(data.synergies.map(([id, st, la1, lo1, la2, lo2, code]) =>
      L.polyline([[la1, lo1], [la2, lo2]], { color: LINE_COLORS[st] || '#333', weight: 3, renderer })
        .bindTooltip(leafletText('Synergie ' + id + ' — ' + (STATUS_FR[st] || st) + ' — code ' + code)))),
  };
  for (const [key, cb] of Object.entries(layerBoxes)) {
    const apply = () => (cb.checked ? layers[key].addTo(map) : map.removeLayer(layers[key]));
    cb.addEventListener('change', apply);
    apply();
  }
  addRoundsLayer(map, layersUi);
  if (session && ['facilitator', 'regional_admin'].includes(session.me.role)) {
    addProspectsLayer(map, layersUi, await territoryChoices(session.me, false));
  }
  if (data.organisations.length) {
    map.fitBounds(L.latLngBounds(data.organisations.map((o) => [o[1], o[2]])), { padding: [30, 30] });
  }
  count.textContent = data.organisations.length + ' organisations, ' + data.synergies.length +
    ' synergies affichées.';
  status('');
}

// The latest collection rounds the caller may see, as polylines (one per
// vehicle route, depot to depot), loaded when the layer is first ticked.
const ROUND_COLORS = ['#0b6e4f', '#2f6db5', '#b57b0b', '#a33b20', '#6b4c9a'];
function addRoundsLayer(map, layersUi) {
  const cb = h('input', { type: 'checkbox', id: 'layer-rounds' });
  const info = h('span', { class: 'hint', id: 'rounds-count' });
  layersUi.append(h('label', { for: 'layer-rounds' }, cb, ' Tournées de collecte'), info);
  let layer = null;
  cb.addEventListener('change', async () => {
    if (!cb.checked) { if (layer) map.removeLayer(layer); return; }
    if (!layer) {
      layer = window.L.layerGroup();
      try {
        const list = await get('/rounds?per_page=5');
        const bounds = [];
        for (const item of list.items) {
          const r = await get('/rounds/' + item.id);
          r.geometry.coordinates.forEach((line, i) => {
            const latlngs = line.map(([lon, lat]) => [lat, lon]);
            bounds.push(...latlngs);
            window.L.polyline(latlngs,
              { color: ROUND_COLORS[i % ROUND_COLORS.length], weight: 4, dashArray: '8 4' })
              .bindTooltip(leafletText(r.collection + ' — tournée ' + r.routes[i].route + ' : ' +
                num(r.routes[i].km) + ' km ; toutes tournées ' + num(r.co2e_kg) + ' kg CO2e contre ' +
                num(r.baseline.co2e_kg) + ' kg si chacun va seul au site de traitement'))
              .addTo(layer);
          });
        }
        // the rounds are local: show them rather than the whole region
        if (bounds.length) map.fitBounds(window.L.latLngBounds(bounds), { padding: [40, 40] });
        info.textContent = list.items.length + ' tournée(s) de collecte récente(s)';
      } catch (e) {
        status(e.status === 403 ? 'Les tournées ne sont pas accessibles à votre compte.' : 'Tournées indisponibles.', 'error');
      }
    }
    layer.addTo(map);
  });
}

// Prospects of a territory (facilitators and the regional admin only):
// establishments of the SIRENE register ranked by the likely synergies of
// their estimated flows, sized and shaded by that potential. Everything
// shown is an estimate, and the popups say so. Loaded when ticked.
function addProspectsLayer(map, layersUi, terrs) {
  if (!terrs.length) return;
  const cb = h('input', { type: 'checkbox', id: 'layer-prospects' });
  const sel = h('select', { id: 'prospects-territory', 'aria-label': 'Territoire des prospects' },
    terrs.map(([id, name]) => h('option', { value: id }, name)));
  const info = h('span', { class: 'hint', id: 'prospects-count' });
  layersUi.append(h('label', { for: 'layer-prospects' }, cb, ' Prospects (flux estimés)'), sel, info);
  let layer = null;
  const load = async () => {
    if (layer) { map.removeLayer(layer); layer = null; }
    if (!cb.checked) { info.textContent = ''; return; }
    const L = window.L;
    layer = L.layerGroup();
    try {
      const r = await get('/prospects?limit=500&territory_id=' + encodeURIComponent(sel.value));
      const max = Math.max(1, ...r.items.map((p) => p.score));
      for (const p of r.items) {
        const k = p.score / max;
        const m = L.circleMarker([p.lat, p.lon],
          { radius: 4 + 10 * Math.sqrt(k), color: '#b57b0b', weight: 1, fillOpacity: 0.25 + 0.5 * k });
        const pop = document.createElement('div');
        pop.append(h('strong', {}, p.name || 'Établissement non diffusible'), h('br'),
          'NAF ' + p.naf + ' — ' + (p.employee_band ? p.employee_band + ' salariés' : 'effectif inconnu'),
          h('br'), p.n_matches + ' synergie(s) probable(s) — rang ' + p.rank + ' (estimation)');
        if (p.reasons.length) pop.append(h('br'), h('span', { class: 'hint' }, p.reasons[0]));
        m.bindPopup(pop);
        m.addTo(layer);
      }
      layer.addTo(map);
      info.textContent = ' ' + r.items.length + ' prospect(s) affiché(s) sur ' + r.total +
        ' — flux et potentiel estimés, jamais déclarés';
    } catch (e) {
      status(e.status === 403 ? 'Les prospects ne sont pas accessibles à votre compte.' : 'Prospects indisponibles.', 'error');
    }
  };
  cb.addEventListener('change', load);
  sel.addEventListener('change', load);
}
