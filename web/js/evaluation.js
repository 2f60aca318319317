// evaluation.js - the yearly evaluation: a territory's page (the form of
// entered indicators, the computed ones with how they are computed, a
// radar per family, curves over the years, the maturity level, closing the
// year) and, for the region, every territory side by side with the totals.
// Messages of refusals come from the server in French and name the field.
import { api, get, post, ApiError, frenchMessage } from './api.js';
import { h, svg, mount, num, status } from './dom.js';
import { STAGE_FR } from './net.js';

const FAMILY_COLORS = { gouvernance: '#2f6db5', modele_economique: '#b57b0b', activites_resultats: '#0b6e4f' };
const YEAR_NOW = new Date().getFullYear();

function serverMessage(e) {
  return e instanceof ApiError && (e.status === 409 || e.status === 422) ? e.message : frenchMessage(e);
}

// One radar: axes [{indicator, value 0..1}], one or several polygons.
function radar(fam, polys, labels) {
  // wide enough for the labels on both sides
  const w = 400, size = 300, cx = w / 2, c = size / 2, r = 95;
  const n = fam.axes.length;
  const pt = (k, v) => {
    const a = -Math.PI / 2 + 2 * Math.PI * k / n;
    return [cx + r * v * Math.cos(a), c + r * v * Math.sin(a)];
  };
  const el = svg('svg', { class: 'radar', width: w, height: size, viewBox: '0 0 ' + w + ' ' + size,
    role: 'img', 'aria-label': 'Radar ' + fam.label });
  for (let ring = 1; ring <= 4; ring++) {
    el.append(svg('polygon', { points: fam.axes.map((_, k) => pt(k, ring / 4).join(',')).join(' '),
      fill: 'none', stroke: '#ccc', 'stroke-width': 0.6 }));
  }
  fam.axes.forEach((ax, k) => {
    const [x, y] = pt(k, 1);
    el.append(svg('line', { x1: cx, y1: c, x2: x, y2: y, stroke: '#ccc', 'stroke-width': 0.6 }));
    const [lx, ly] = pt(k, 1.18);
    const label = labels[ax.indicator] || ax.indicator;
    el.append(svg('text', { x: lx, y: ly, 'font-size': 8, 'text-anchor': Math.abs(lx - cx) < 8 ? 'middle' : lx > cx ? 'start' : 'end' },
      label.length > 30 ? label.slice(0, 29) + '…' : label));
  });
  for (const p of polys) {
    el.append(svg('polygon', { points: p.axes.map((ax, k) => pt(k, ax.value).join(',')).join(' '),
      fill: p.color, 'fill-opacity': p.opacity, stroke: p.color, 'stroke-width': 1.5 },
      svg('title', {}, p.name)));
  }
  return el;
}

function curve(ind, years) {
  const w = 220, hgt = 90, pad = 18;
  const vals = ind.history;
  const max = ind.kind === 'level' ? 4 : Math.max(0, ...vals.filter((v) => v !== null));
  const x = (k) => years.length > 1 ? pad + (w - 2 * pad) * k / (years.length - 1) : w / 2;
  const y = (v) => hgt - pad - (max > 0 ? v / max : 0) * (hgt - 2 * pad);
  const el = svg('svg', { class: 'curve', width: w, height: hgt, role: 'img', 'aria-label': 'Évolution : ' + ind.label });
  el.append(svg('line', { x1: pad, y1: hgt - pad, x2: w - pad, y2: hgt - pad, stroke: '#bbb' }));
  const pts = vals.map((v, k) => v === null ? null : [x(k), y(v)]).filter(Boolean);
  if (pts.length > 1) el.append(svg('polyline', { points: pts.map((p) => p.join(',')).join(' '), fill: 'none', stroke: '#0b6e4f', 'stroke-width': 1.5 }));
  vals.forEach((v, k) => {
    if (v !== null) el.append(svg('circle', { cx: x(k), cy: y(v), r: 2.5, fill: '#0b6e4f' }, svg('title', {}, years[k] + ' : ' + num(v))));
  });
  el.append(svg('text', { x: pad, y: hgt - 4, 'font-size': 8 }, String(years[0])),
    svg('text', { x: w - pad, y: hgt - 4, 'font-size': 8, 'text-anchor': 'end' }, String(years[years.length - 1])));
  return h('figure', { class: 'curve-box' }, h('figcaption', {}, ind.label), el);
}

function yearPicker(current, go) {
  return h('label', {}, 'Année : ', h('select', { id: 'eval-year', onchange: (ev) => go(Number(ev.target.value)) },
    [0, 1, 2, 3, 4, 5].map((k) => h('option', { value: YEAR_NOW - k, selected: YEAR_NOW - k === current }, String(YEAR_NOW - k)))));
}

function valueText(ind) {
  if (ind.value === null) return '—';
  if (ind.kind === 'level') return ind.value + ' / 4 : ' + ind.levels[ind.value];
  return num(ind.value) + ' ' + ind.unit;
}

function entryInput(ind, disabled) {
  const id = 'ind-' + ind.id;
  if (ind.kind === 'level') {
    return h('select', { id, name: ind.id, disabled },
      h('option', { value: '' }, '— non renseigné —'),
      ind.levels.map((d, k) => h('option', { value: String(k), selected: ind.value === k }, k + ' – ' + d)));
  }
  return h('input', { id, name: ind.id, type: 'text', inputmode: 'decimal', disabled,
    value: ind.value === null ? '' : String(ind.value).replace('.', ','), 'aria-describedby': id + '-err' });
}

export async function viewEvaluation(session, territoryId, year) {
  year = Number(year) || YEAR_NOW;
  const ev = await get('/territories/' + territoryId + '/evaluations/' + year);
  const role = session.me.role;
  const canWrite = !ev.closed && (role === 'regional_admin' ||
    (role === 'facilitator' && (session.me.territory_ids || []).includes(Number(territoryId))));
  const labels = Object.fromEntries(ev.indicators.map((i) => [i.id, i.label]));
  const go = (y) => { location.hash = '#/evaluation/' + territoryId + '/' + y; };
  const reload = () => viewEvaluation(session, territoryId, year);
  const base = '/api/v1/territories/' + territoryId + '/evaluations/' + year;

  const form = h('form', { id: 'evaluation-form', novalidate: true });
  for (const fam of ev.radar) {
    const rows = ev.indicators.filter((i) => i.family === fam.family).map((ind) => {
      const cell = ind.kind === 'computed'
        ? h('td', {}, h('strong', {}, valueText(ind)), h('div', { class: 'hint' }, 'Calculé : ' + ind.method))
        : h('td', {}, entryInput(ind, !canWrite), h('span', { class: 'unit' }, ind.kind === 'level' ? '' : ' ' + ind.unit),
          h('div', { class: 'field-error', id: 'ind-' + ind.id + '-err', role: 'alert' }),
          ind.entered_by ? h('div', { class: 'hint' }, 'Saisi par ' + ind.entered_by) : null);
      return h('tr', {}, h('th', { scope: 'row' }, h('label', { for: ind.kind === 'computed' ? null : 'ind-' + ind.id },
        ind.label + (ind.mandatory ? ' *' : ''))), cell);
    });
    form.append(h('fieldset', {}, h('legend', {}, fam.label), h('table', { class: 'eval' }, h('tbody', {}, rows))));
  }
  const submit = async (evt) => {
    evt.preventDefault();
    const values = {};
    for (const ind of ev.indicators) {
      if (ind.kind === 'computed') continue;
      const el = form.elements[ind.id];
      const txt = el.value.trim();
      const before = ind.value === null ? '' : String(ind.value).replace('.', ',');
      if (txt === before) continue;
      values[ind.id] = txt === '' ? null : txt;
    }
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    try {
      await api('PUT', '/territories/' + territoryId + '/evaluations/' + year, { values });
      status('Valeurs enregistrées.', 'ok');
      reload();
    } catch (e) {
      for (const [f, msg] of Object.entries((e && e.fields) || {})) {
        const box = document.getElementById('ind-' + f.replace(/^values\./, '') + '-err');
        if (box) box.textContent = msg;
      }
      status(serverMessage(e), 'error');
    }
  };
  if (canWrite) {
    form.append(h('p', {}, h('button', { type: 'submit', id: 'eval-save' }, 'Enregistrer'), ' ',
      h('button', { type: 'button', id: 'eval-close', class: 'secondary', onclick: async () => {
        try {
          await post('/territories/' + territoryId + '/evaluations/' + year + '/close');
          status('Année ' + year + ' close.', 'ok');
          reload();
        } catch (e) { status(serverMessage(e), 'error'); }
      } }, 'Clore l’année ' + year)));
    form.addEventListener('submit', submit);
  }
  const reopen = ev.closed && role === 'regional_admin'
    ? h('button', { type: 'button', id: 'eval-reopen', onclick: async () => {
      try { await post('/territories/' + territoryId + '/evaluations/' + year + '/reopen'); reload(); } catch (e) { status(serverMessage(e), 'error'); }
    } }, 'Rouvrir l’année') : null;

  mount(
    h('h1', {}, 'Évaluation ' + year + ' — ' + ev.territory.name),
    h('p', {}, yearPicker(year, go), ' ', 'Étape : ' + (STAGE_FR[ev.territory.stage] || ev.territory.stage)),
    h('div', { class: 'grid' },
      h('div', { class: 'card' }, h('div', { class: 'kpi', id: 'maturity' }, ev.maturity.value === null ? '—' : num(ev.maturity.value) + ' / 4'),
        h('div', { class: 'kpi-label' }, 'Maturité : ' + ev.maturity.label)),
      h('div', { class: 'card' }, h('div', { class: 'kpi', id: 'eval-state' }, ev.closed ? 'Close' : 'Ouverte'),
        h('div', { class: 'kpi-label' }, ev.closed ? 'année validée, en lecture seule' :
          ev.missing.length ? ev.missing.length + ' indicateur(s) obligatoire(s) à saisir' : 'prête à être close'), reopen)),
    h('p', {}, 'Télécharger : ',
      h('a', { id: 'report-pdf', href: base + '/report?format=pdf', download: '' }, 'rapport PDF'), ' · ',
      h('a', { id: 'report-xlsx', href: base + '/report?format=xlsx', download: '' }, 'classeur XLSX'), ' · ',
      h('a', { href: '/api/v1/evaluations/export?format=csv&year=' + year + '&territory_id=' + territoryId, download: '' }, 'valeurs CSV'), ' · ',
      h('a', { href: '/api/v1/evaluations/export?format=json&year=' + year + '&territory_id=' + territoryId, download: '' }, 'valeurs JSON')),
    h('div', { class: 'card' }, h('h2', {}, 'Profil par famille'),
      h('div', { class: 'grid', id: 'radars' }, ev.radar.map((fam) => h('figure', {}, h('figcaption', {}, fam.label),
        radar(fam, [{ name: ev.territory.name, axes: fam.axes, color: FAMILY_COLORS[fam.family], opacity: 0.3 }], labels))))),
    h('div', { class: 'card' }, h('h2', {}, 'Indicateurs ' + year), h('p', { class: 'hint' }, '* obligatoire pour clore l’année'), form),
    h('div', { class: 'card' }, h('h2', {}, 'Évolution ' + ev.years[0] + '–' + year),
      h('div', { class: 'grid', id: 'curves' }, ev.indicators.map((ind) => curve(ind, ev.years)))));
}

const REGION_COLS = [
  ['name', 'Territoire'], ['stage', 'Étape'], ['closed', 'Close'], ['maturity', 'Maturité'],
  ['act_companies_engaged', 'Entreprises'], ['act_synergies_implemented', 'Synergies réalisées'],
  ['act_tonnes_diverted', 't/an'], ['act_co2e_avoided', 't CO2e/an'], ['act_eur_saved', '€/an'],
  ['act_jobs_declared', 'Emplois'], ['n_missing', 'Obligatoires manquants'],
];

export async function viewEvaluations(session, year) {
  year = Number(year) || YEAR_NOW;
  const all = await get('/evaluations?year=' + year);
  const labels = Object.fromEntries(all.framework.map((i) => [i.id, i.label]));
  const state = { key: 'name', desc: false };
  const val = (t, k) => k === 'name' ? t.name : k === 'stage' ? t.stage : k === 'closed' ? (t.closed ? 1 : 0)
    : k === 'maturity' ? t.maturity : k === 'n_missing' ? t.n_missing : t.values[k];
  const box = h('div', { id: 'evaluations-box' });
  const draw = () => {
    const rows = all.territories.slice().sort((a, b) => {
      const va = val(a, state.key), vb = val(b, state.key);
      const c = typeof va === 'string' ? va.localeCompare(vb, 'fr') : (va ?? -1) - (vb ?? -1);
      return state.desc ? -c : c;
    });
    const th = REGION_COLS.map(([k, l]) => h('th', { scope: 'col', 'aria-sort': state.key === k ? (state.desc ? 'descending' : 'ascending') : 'none' },
      h('button', { type: 'button', class: 'sort', 'data-key': k, onclick: () => {
        state.desc = state.key === k ? !state.desc : false;
        state.key = k;
        draw();
        box.querySelector('button[data-key="' + k + '"]').focus();
      } }, l + (state.key === k ? (state.desc ? ' ▼' : ' ▲') : ''))));
    const cell = (t, k) => k === 'name' ? h('a', { href: '#/evaluation/' + t.id + '/' + year }, t.name)
      : k === 'stage' ? (STAGE_FR[t.stage] || t.stage) : k === 'closed' ? (t.closed ? 'oui' : 'non')
        : num(val(t, k));
    const total = h('tr', { class: 'total' }, REGION_COLS.map(([k]) => h('td', {},
      k === 'name' ? h('strong', {}, 'Région') : k === 'maturity' ? num(all.region.maturity)
        : k.startsWith('act_') ? h('strong', {}, num(all.region.values[k])) : '')));
    box.replaceChildren(h('table', { id: 'evaluations' }, h('thead', {}, h('tr', {}, th)),
      h('tbody', {}, rows.map((t) => h('tr', {}, REGION_COLS.map(([k]) => h('td', {}, cell(t, k)))))),
      h('tfoot', {}, total)));
  };
  draw();
  const palette = ['#2f6db5', '#b57b0b', '#0b6e4f', '#a33b20', '#6c3fb5', '#3f8fb5', '#8a8a1f', '#b53f8a'];
  const overlay = all.region.radar.map((fam, f) => h('figure', {}, h('figcaption', {}, fam.label),
    radar(fam, all.territories.map((t, k) => ({ name: t.name, axes: t.radar[f].axes, color: palette[k % palette.length], opacity: 0.08 })), labels)));
  const canRegion = session.me.role === 'regional_admin' || session.me.role === 'observer';
  mount(
    h('h1', {}, 'Évaluation ' + year + ' des territoires'),
    h('p', {}, yearPicker(year, (y) => { location.hash = '#/evaluation/' + y; })),
    canRegion ? h('p', {}, 'Télécharger : ',
      h('a', { id: 'region-pdf', href: '/api/v1/evaluations/report?format=pdf&year=' + year, download: '' }, 'rapport régional PDF'), ' · ',
      h('a', { id: 'region-xlsx', href: '/api/v1/evaluations/report?format=xlsx&year=' + year, download: '' }, 'classeur XLSX'), ' · ',
      h('a', { href: '/api/v1/evaluations/export?format=csv&year=' + year, download: '' }, 'valeurs CSV'), ' · ',
      h('a', { href: '/api/v1/evaluations/export?format=json&year=' + year, download: '' }, 'valeurs JSON')) : null,
    h('div', { class: 'card' }, h('h2', {}, 'Les territoires côte à côte'), box),
    h('div', { class: 'card' }, h('h2', {}, 'Radars superposés'), h('div', { class: 'grid', id: 'overlay' }, overlay)));
}
