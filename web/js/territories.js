// territories.js - the regional registry: a map of the initiatives
// (each territory at the centre of its communes, coloured by stage of
// the shared method), the comparable indicators as a sortable table with
// its CSV export, and one territory's page (pilot, facilitators,
// communes, companies, checklist, actors, key dates).
import { get, api, post } from './api.js';
import { h, svg, mount, status, num } from './dom.js';
import { errText, field, input, select, table, STAGE_FR } from './net.js';

const STAGE_COLORS = ['#6c7a89', '#2f6db5', '#7a4fb5', '#b57b0b', '#0b6e4f', '#a33b20'];
const STAGES = Object.keys(STAGE_FR);

function initiativesMap(regs) {
  const pts = regs.filter((r) => r.centre);
  if (!pts.length) return h('p', {}, 'Aucune position connue.');
  const lats = pts.map((r) => r.centre.lat), lons = pts.map((r) => r.centre.lon);
  const [la0, la1, lo0, lo1] = [Math.min(...lats) - 0.2, Math.max(...lats) + 0.2, Math.min(...lons) - 0.3, Math.max(...lons) + 0.3];
  const W = 780, H = 420;
  const x = (lon) => 20 + (W - 400) * (lon - lo0) / (lo1 - lo0);
  const y = (lat) => 20 + (H - 40) * (la1 - lat) / (la1 - la0);
  const map = svg('svg', { class: 'chart', id: 'initiatives-map', width: W, height: H, role: 'img',
    'aria-label': 'Carte des démarches par territoire et par étape' },
  svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#f4f7f6' }));
  for (const r of pts) {
    const i = STAGES.indexOf(r.stage);
    map.append(svg('circle', { cx: x(r.centre.lon), cy: y(r.centre.lat), r: 9, fill: STAGE_COLORS[i] || '#333' }),
      svg('text', { x: x(r.centre.lon) + 12, y: y(r.centre.lat) + 5 }, r.name));
  }
  STAGES.forEach((s, i) => map.append(svg('circle', { cx: W - 170, cy: 30 + i * 24, r: 7, fill: STAGE_COLORS[i] }),
    svg('text', { x: W - 156, y: 35 + i * 24 }, STAGE_FR[s])));
  return map;
}

const COLS = [['name', 'Territoire'], ['stage', 'Étape'], ['companies', 'Entreprises'], ['flows', 'Flux'],
  ['implemented', 'Synergies réalisées'], ['t_diverted', 't détournées'], ['co2e_t', 't CO2e évitées'], ['eur_saved', '€ économisés']];
const CSV_COL = { name: 'territory', stage: 'stage', companies: 'companies', flows: 'flows',
  implemented: 'synergies_implemented', t_diverted: 't_diverted', co2e_t: 'co2e_t', eur_saved: 'eur_saved' };

function indicatorsTable(rows, canExport) {
  const state = { key: 'name', desc: false };
  const box = h('div', { id: 'indicators-box' });
  const value = (t, k) => k === 'implemented' ? t.synergies_by_status.implemented : k === 'stage' ? STAGES.indexOf(t.stage) : t[k];
  const draw = () => {
    const sorted = rows.slice().sort((a, b) => {
      const va = value(a, state.key), vb = value(b, state.key);
      const c = typeof va === 'string' ? va.localeCompare(vb, 'fr') : va - vb;
      return state.desc ? -c : c;
    });
    const th = COLS.map(([k, l]) => h('th', { scope: 'col', 'aria-sort': state.key === k ? (state.desc ? 'descending' : 'ascending') : 'none' },
      h('button', { type: 'button', class: 'sort', 'data-key': k, onclick: () => {
        state.desc = state.key === k ? !state.desc : false;
        state.key = k;
        draw();
        box.querySelector('button[data-key="' + k + '"]').focus();
      } }, l + (state.key === k ? (state.desc ? ' ▼' : ' ▲') : ''))));
    const sortParam = (state.desc ? '-' : '') + CSV_COL[state.key];
    box.replaceChildren(h('table', { id: 'indicators' }, h('thead', {}, h('tr', {}, th)),
      h('tbody', {}, sorted.map((t) => h('tr', {}, h('td', {}, h('a', { href: '#/territoires/' + t.territory_id }, t.name)),
        h('td', {}, STAGE_FR[t.stage] || t.stage), h('td', {}, num(t.companies)), h('td', {}, num(t.flows)),
        h('td', {}, num(t.synergies_by_status.implemented)), h('td', {}, num(t.t_diverted)),
        h('td', {}, num(t.co2e_t)), h('td', {}, num(t.eur_saved)))))),
    canExport ? h('p', {}, h('a', { id: 'indicators-csv', href: '/api/v1/indicators.csv?sort=' + encodeURIComponent(sortParam), download: '' },
      'Exporter ce tableau (CSV)')) : null);
  };
  draw();
  return box;
}

export async function viewTerritories(session) {
  const terrs = await get('/territories?per_page=200');
  const regs = await Promise.all(terrs.items.map((t) => get('/territories/' + t.id + '/registry').catch(() => null)));
  const ind = await get('/indicators');
  const canExport = session.me.role === 'regional_admin' || session.me.role === 'observer';
  mount(h('h1', {}, 'Territoires du réseau'),
    h('div', { class: 'card' }, h('h2', {}, 'Carte des démarches'), initiativesMap(regs.filter(Boolean))),
    h('div', { class: 'card' }, h('h2', {}, 'Démarches'),
      table('registry', ['Territoire', 'Pilote', 'Étape', 'Communes', 'Entreprises'], regs.filter(Boolean).map((r) =>
        h('tr', {}, h('td', {}, h('a', { href: '#/territoires/' + r.id }, r.name)), h('td', {}, r.pilot || '—'),
          h('td', {}, r.stage_label), h('td', {}, String(r.communes.length)), h('td', {}, String(r.n_companies)))))),
    ind.territories && ind.territories.length ? h('div', { class: 'card' }, h('h2', {}, 'Indicateurs comparés'),
      indicatorsTable(ind.territories, canExport)) : null);
}

export async function viewTerritory(session, id) {
  const r = await get('/territories/' + id + '/registry');
  const canEdit = session.me.role === 'regional_admin' ||
    (session.me.role === 'facilitator' && (session.me.territory_ids || []).includes(Number(id)));
  const reload = () => viewTerritory(session, id);
  const checklist = r.checklist.map((st) => h('section', { class: 'card' },
    h('h3', {}, st.label + (st.stage === r.stage ? ' (étape actuelle)' : '')),
    h('ul', { class: 'checklist' }, st.items.map((it) => {
      const cb = h('input', { type: 'checkbox', id: 'ck-' + st.stage + '-' + it.index, checked: it.done, disabled: !canEdit });
      cb.addEventListener('change', async () => {
        try { await api('PUT', '/territories/' + id + '/checklist', { stage: st.stage, item: it.index, done: cb.checked }); status('Liste mise à jour.', 'ok'); }
        catch (e) { cb.checked = !cb.checked; status(errText(e), 'error'); }
      });
      return h('li', {}, cb, ' ', h('label', { for: cb.id, class: 'inline' }, it.text));
    }))));
  const date = input('kd-date', { type: 'date', required: true });
  const label = input('kd-label', { required: true, maxlength: 200 });
  const kdForm = h('form', { class: 'card', id: 'key-date-form' }, h('h2', {}, 'Ajouter une date clé'),
    field('Date', date), field('Libellé', label), h('p', {}, h('button', { type: 'submit' }, 'Ajouter')));
  kdForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { await post('/territories/' + id + '/key_dates', { date: date.value, label: label.value }); status('Date ajoutée.', 'ok'); reload(); }
    catch (e) { status(errText(e), 'error'); }
  });
  const role = select('ac-role', [['pilot', 'pilote'], ['facilitator', 'animation'], ['chamber', 'chambre consulaire'],
    ['economic_developer', 'développeur économique'], ['company', 'entreprise'], ['funder', 'financeur'], ['commune', 'commune']]);
  const aname = input('ac-name', { required: true, maxlength: 200 });
  const aemail = input('ac-email', { type: 'email', maxlength: 254 });
  const acForm = h('form', { class: 'card', id: 'actor-form' }, h('h2', {}, 'Ajouter un acteur'),
    field('Rôle', role), field('Nom', aname), field('Contact (adresse électronique)', aemail),
    h('p', {}, h('button', { type: 'submit' }, 'Ajouter')));
  acForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = { role: role.value, name: aname.value };
    if (aemail.value) b.email = aemail.value;
    try { await post('/territories/' + id + '/actors', b); status('Acteur ajouté.', 'ok'); reload(); }
    catch (e) { status(errText(e), 'error'); }
  });
  const canEvaluate = ['regional_admin', 'facilitator', 'observer'].includes(session.me.role);
  mount(h('h1', {}, r.name),
    canEvaluate ? h('p', {}, h('a', { id: 'evaluation-link', href: '#/evaluation/' + id + '/' + new Date().getFullYear() },
      'Évaluation annuelle et rapports')) : null,
    h('div', { class: 'card' },
      h('p', {}, 'Pilote : ' + (r.pilot || '—')),
      h('p', {}, 'Animation : ' + (r.facilitators.join(', ') || '—')),
      h('p', {}, 'Étape : ' + r.stage_label + (r.start_date ? ' — démarche lancée le ' + r.start_date : '')),
      h('p', {}, 'Communes membres : ' + (r.communes.map((c) => c.name || c.insee).join(', ') || '—')),
      h('p', {}, 'Entreprises engagées : ' + r.n_companies + (r.companies.length ? ' (' + r.companies.map((c) => c.name).join(', ') + ')' : ''))),
    h('h2', {}, 'Acteurs'),
    r.actors.length ? table('actors', ['Rôle', 'Nom', 'Contact'], r.actors.map((a) =>
      h('tr', {}, h('td', {}, a.role_label), h('td', {}, a.name), h('td', {}, a.email || '')))) : h('p', {}, 'Aucun acteur renseigné.'),
    h('h2', {}, 'Dates clés'),
    r.key_dates.length ? h('ul', { id: 'key-dates' }, r.key_dates.map((d) => h('li', {}, d.date + ' — ' + d.label))) : h('p', {}, 'Aucune date clé.'),
    h('h2', {}, 'Méthode partagée : liste de contrôle'), checklist,
    canEdit ? [kdForm, acForm] : null,
    h('p', {}, h('a', { href: '#/territoires' }, 'Retour aux territoires')));
}
