// dashboard.js - the user's scope at a glance: counts, synergies by
// status as an SVG bar chart, and the effects (measured and potential).
import { get } from './api.js';
import { h, svg, mount, num, STATUS_FR } from './dom.js';

const STATUS_COLORS = {
  suggested: '#6c7a89', studied: '#2f6db5', in_progress: '#b57b0b',
  implemented: '#0b6e4f', abandoned: '#a33b20',
};

function barChart(counts) {
  const keys = Object.keys(STATUS_COLORS);
  const max = Math.max(1, ...keys.map((k) => counts[k] || 0));
  const rowH = 34, w = 520, labelW = 130;
  const chart = svg('svg', { class: 'chart', width: w, height: keys.length * rowH + 10, role: 'img',
    'aria-label': 'Synergies par statut' });
  keys.forEach((k, i) => {
    const v = counts[k] || 0;
    const bw = Math.round((w - labelW - 60) * v / max);
    chart.append(
      svg('text', { x: 0, y: i * rowH + 22 }, STATUS_FR[k]),
      svg('rect', { x: labelW, y: i * rowH + 6, width: Math.max(bw, 2), height: 22, fill: STATUS_COLORS[k] }),
      svg('text', { x: labelW + bw + 8, y: i * rowH + 22 }, String(v)));
  });
  return chart;
}

function kpi(value, label) {
  return h('div', { class: 'card' }, h('div', { class: 'kpi' }, value), h('div', { class: 'kpi-label' }, label));
}

const SCOPE_FR = { organisation: 'votre organisation', territories: 'vos territoires', region: 'la région' };

export async function viewDashboard(session, year) {
  const q = year ? '?year=' + encodeURIComponent(year) : '';
  const ind = await get('/indicators' + q);
  const m = ind.implemented, p = ind.potential;
  const now = new Date().getFullYear();
  const pick = h('select', { id: 'dashboard-year', 'aria-label': 'Période',
    onchange: (ev) => viewDashboard(session, ev.target.value) },
    h('option', { value: '' }, 'à ce jour'),
    [0, 1, 2, 3, 4].map((k) => h('option', { value: String(now - k), selected: String(now - k) === String(year || '') }, 'année ' + (now - k))));
  mount(
    h('h1', {}, 'Tableau de bord'),
    h('p', {}, h('label', {}, 'Période : ', pick)),
    h('div', { class: 'grid', id: 'kpis' },
      kpi(num(ind.companies), 'entreprises engagées'),
      kpi(num(ind.offers), year ? 'offres déclarées dans l’année' : 'offres de flux'),
      kpi(num(ind.needs), year ? 'besoins déclarés dans l’année' : 'besoins de flux'),
      kpi(num(m.t_diverted) + ' t', 'tonnes détournées par an (synergies réalisées)'),
      kpi(num(m.co2e_t) + ' t', 'CO2e évitées par an (synergies réalisées)'),
      kpi(num(m.eur_saved) + ' €', 'euros économisés par an (synergies réalisées)')),
    h('p', { class: 'hint' }, 'Effets des synergies réalisées : mesurés, sinon estimés' +
      (year ? ' ; synergies en fonctionnement au 31 décembre ' + year + '.' : '.')),
    h('div', { class: 'card' }, h('h2', {}, year ? 'Synergies par statut au 31 décembre ' + year : 'Synergies par statut'),
      barChart(ind.synergies_by_status)),
    p ? h('div', { class: 'card' }, h('h2', {}, 'Potentiel des synergies en cours'),
      h('p', { id: 'potential' }, num(p.t_diverted) + ' t détournables, ' + num(p.co2e_t) + ' t CO2e évitables, ' +
        num(p.eur_saved) + ' € d’économies estimées par an.'),
      h('p', { class: 'hint' }, 'Répartition optimale des offres entre les receveurs possibles : chaque offre est comptée une fois.')) : null,
    ind.territories && ind.territories.length ? h('div', { class: 'card' }, h('h2', {}, 'Territoires'),
      h('table', { id: 'territories' }, h('thead', {}, h('tr', {}, ...['Territoire', 'Étape', 'Entreprises', 'Flux',
        'Synergies réalisées', 't détournées', 't CO2e évitées', '€ économisés'].map((t) => h('th', {}, t)))),
      h('tbody', {}, ind.territories.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, t.stage),
        h('td', {}, num(t.companies)), h('td', {}, num(t.flows)), h('td', {}, num(t.synergies_by_status.implemented)),
        h('td', {}, num(t.t_diverted)), h('td', {}, num(t.co2e_t)), h('td', {}, num(t.eur_saved))))))) : null,
    h('p', { class: 'hint' }, 'Périmètre : ' + (SCOPE_FR[ind.scope] || ind.scope)));
}
