// prospects.js - the call list of a territory for its facilitators and the
// regional admin: establishments of the SIRENE register ranked by the
// likely synergies of flows estimated from their activity and size, with
// the reasons, filters by activity and size, the list as CSV, and the
// one-step enrolment of a prospect (its estimated flows become drafts the
// company confirms on its organisation's page). Every figure is an
// estimate and the page says so.
import { get, post, frenchMessage } from './api.js';
import { h, mount, num, status } from './dom.js';
import { territoryChoices } from './net.js';

const SIZES = [['0', 'Toutes tailles'], ['10', '10 salariés et plus'], ['50', '50 salariés et plus'],
  ['100', '100 salariés et plus'], ['250', '250 salariés et plus']];

function query(terr, naf, min, format) {
  const q = new URLSearchParams({ territory_id: terr, limit: '100' });
  if (naf) q.set('naf', naf);
  if (min && min !== '0') q.set('min_employees', min);
  if (format) q.set('format', format);
  return '/prospects?' + q.toString();
}

async function enrol(p, terr, cell) {
  const btn = cell.querySelector('button');
  if (btn) btn.disabled = true;
  try {
    const r = await post('/prospects/enrol', { siret: p.siret, territory_id: Number(terr) });
    cell.replaceChildren(h('a', { href: '#/organisation/' + r.organisation_id, id: 'enrolled-' + p.siret },
      'Voir l’organisation inscrite'));
    status('Prospect inscrit (organisation n° ' + r.organisation_id + ') ; ' + r.n_drafts +
      ' flux estimé(s) en brouillon, à confirmer par l’entreprise.', 'ok');
  } catch (e) {
    if (btn) btn.disabled = false;
    status(e.status === 409 ? e.message : frenchMessage(e), 'error');
  }
}

/* The first reasons, the others folded: a prospect may have dozens. */
function reasons(list) {
  const li = (r) => h('li', {}, r);
  return [h('ul', { class: 'reasons' }, list.slice(0, 2).map(li)),
    list.length > 2 ? h('details', {}, h('summary', {}, (list.length - 2) + ' autre(s) raison(s)'),
      h('ul', { class: 'reasons' }, list.slice(2).map(li))) : null];
}

function row(p, terr) {
  const action = h('td', {}, h('button', { type: 'button', id: 'enrol-' + p.siret,
    onclick: () => enrol(p, terr, action) }, 'Inscrire'));
  return h('tr', {},
    h('td', {}, String(p.rank)),
    h('td', {}, p.name || h('span', { class: 'anon' }, 'établissement non diffusible'), h('br'),
      h('span', { class: 'hint' }, 'SIRET ' + p.siret)),
    h('td', {}, p.naf), h('td', {}, p.employee_band || '—'), h('td', {}, p.commune_insee),
    h('td', {}, String(p.n_matches) + ' (dont ' + p.n_with_enrolled + ' avec des inscrits)'),
    h('td', {}, num(p.gain_eur_estimated) + ' € ', h('span', { class: 'badge estimated' }, 'estimé')),
    h('td', {}, reasons(p.reasons)),
    action);
}

export async function viewProspects(session) {
  const terrs = await territoryChoices(session.me, false);
  if (!terrs.length) {
    mount(h('h1', {}, 'Prospects'), h('p', {}, 'Aucun territoire à prospecter pour votre compte.'));
    return;
  }
  const sel = h('select', { id: 'prospects-terr' }, terrs.map(([id, name]) => h('option', { value: id }, name)));
  const naf = h('input', { id: 'prospects-naf', maxlength: 7, placeholder: 'ex. 17 ou 10.71',
    pattern: '[0-9A-Z.]*' });
  const size = h('select', { id: 'prospects-size' }, SIZES.map(([v, l]) => h('option', { value: v }, l)));
  const csv = h('a', { class: 'button secondary', id: 'prospects-csv' }, 'Télécharger la liste d’appels (CSV)');
  const summary = h('p', { class: 'hint', id: 'prospects-summary' });
  const body = h('tbody', {});
  const load = async () => {
    const args = [sel.value, naf.value.trim().toUpperCase(), size.value];
    csv.setAttribute('href', '/api/v1' + query(...args, 'csv'));
    body.replaceChildren();
    summary.textContent = 'Chargement…';
    try {
      const r = await get(query(...args));
      body.replaceChildren(...r.items.map((p) => row(p, sel.value)));
      summary.textContent = r.items.length + ' prospect(s) sur ' + r.total +
        ', classés par potentiel de synergies estimé (flux types de l’activité et de la taille, jamais déclarés).';
    } catch (e) {
      summary.textContent = '';
      status(frenchMessage(e), 'error');
    }
  };
  const form = h('form', { class: 'card filters', id: 'prospects-filters' },
    h('label', { for: 'prospects-terr' }, 'Territoire'), sel,
    h('label', { for: 'prospects-naf' }, 'Activité (début du code NAF)'), naf,
    h('label', { for: 'prospects-size' }, 'Taille'), size,
    h('p', {}, h('button', { type: 'submit' }, 'Afficher'), ' ', csv));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  sel.addEventListener('change', load);
  mount(h('h1', {}, 'Prospects'),
    h('p', {}, 'Établissements du répertoire SIRENE du territoire qui ne sont pas encore inscrits, ' +
      'classés par les synergies probables de leurs flux estimés. « Inscrire » crée l’organisation en ' +
      'une étape (SIRET, adresse et coordonnées repris) ; ses flux estimés restent des brouillons ' +
      'tant que l’entreprise ne les a pas confirmés.'),
    form, summary,
    h('table', { id: 'prospects-table' }, h('thead', {}, h('tr', {}, h('th', {}, 'Rang'), h('th', {}, 'Établissement'),
      h('th', {}, 'NAF'), h('th', {}, 'Effectif'), h('th', {}, 'Commune (INSEE)'),
      h('th', {}, 'Synergies probables'), h('th', {}, 'Gain'), h('th', {}, 'Pourquoi (estimé)'),
      h('th', {}, ''))), body));
  await load();
}
