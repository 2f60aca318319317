// orgs.js - the organisations of the user's scope (paged table) and one
// organisation's page with its flows.
import { get } from './api.js';
import { h, mount, num, DIRECTION_FR } from './dom.js';

function pager(page, perPage, total, go) {
  const last = Math.max(1, Math.ceil(total / perPage));
  return h('div', { class: 'pager' },
    h('button', { class: 'secondary', type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, '← Précédente'),
    h('span', {}, 'Page ' + page + ' sur ' + last + ' (' + total + ')'),
    h('button', { class: 'secondary', type: 'button', disabled: page >= last, onclick: () => go(page + 1) }, 'Suivante →'));
}
export { pager };

export async function viewOrgs(session, page) {
  page = Number(page) || 1;
  const data = await get('/organisations?per_page=50&page=' + page);
  const rows = data.items.map((o) => h('tr', {},
    h('td', {}, o.anonymised ? h('span', { class: 'anon' }, 'anonymisée')
      : h('a', { href: '#/organisation/' + o.id }, o.name)),
    h('td', {}, o.activity), h('td', {}, o.commune), h('td', {}, o.anonymised ? '—' : o.siret)));
  const table = h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Nom'), h('th', {}, 'Activité'),
    h('th', {}, 'Commune'), h('th', {}, 'SIRET'))), h('tbody', {}, rows));
  mount(h('h1', {}, 'Organisations'),
    pager(page, data.per_page, data.total, (p) => viewOrgs(session, p)), table);
}

export async function viewOrg(session, id) {
  const o = await get('/organisations/' + id);
  const flows = o.anonymised ? { items: [] } : await get('/flows?per_page=200&organisation_id=' + id);
  const rows = flows.items.map((f) => h('tr', {},
    h('td', {}, DIRECTION_FR[f.direction]), h('td', {}, f.code + ' ' + (f.code_label || '')),
    h('td', {}, f.anonymised ? f.quantity_band : num(f.quantity) + ' ' + f.unit + '/' + f.period),
    h('td', {}, f.description || ''),
    h('td', {}, f.anonymised ? '' : h('a', { href: '#/flux/' + f.id }, 'Modifier'))));
  mount(
    h('h1', {}, o.anonymised ? 'Organisation anonymisée' : o.name),
    h('div', { class: 'card' },
      h('p', {}, 'Activité : ' + o.activity + ' (' + o.naf + ')'),
      h('p', {}, 'Commune : ' + o.commune + (o.anonymised ? '' : ' — ' + o.address)),
      o.anonymised ? h('p', { class: 'anon' }, 'Les informations détaillées sont réservées.')
        : h('p', {}, 'SIRET : ' + o.siret + ' — effectif : ' + (o.headcount ?? '—'))),
    h('h2', {}, 'Flux'),
    h('p', {}, h('a', { class: 'button', href: '#/flux/nouveau' }, 'Déclarer un flux')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Sens'), h('th', {}, 'Code'),
      h('th', {}, 'Quantité'), h('th', {}, 'Description'), h('th', {}, ''))), h('tbody', {}, rows)));
}
