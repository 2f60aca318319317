// orgs.js - the organisations of the user's scope (paged table) and one
// organisation's page with its flows and, for an organisation enrolled
// from a prospect, its estimated flows to confirm or discard (shown to its
// members and its facilitators only; the API answers 404 to others).
import { get, post, del, frenchMessage, fieldMessageFr } from './api.js';
import { h, mount, num, status, DIRECTION_FR } from './dom.js';

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
    h('td', {}, o.activity), h('td', {}, o.anonymised ? o.area : o.commune), h('td', {}, o.anonymised ? '—' : o.siret)));
  const table = h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Nom'), h('th', {}, 'Activité'),
    h('th', {}, 'Commune ou secteur'), h('th', {}, 'SIRET'))), h('tbody', {}, rows));
  mount(h('h1', {}, 'Organisations'),
    session.me.role === 'facilitator'
      ? h('p', {}, h('a', { class: 'button', href: '#/organisations/nouvelle' }, 'Inscrire une organisation')) : null,
    pager(page, data.per_page, data.total, (p) => viewOrgs(session, p)), table);
}

/* The drafts section: each estimated flow with its quantity to correct,
 * « Confirmer » (it becomes a declared flow) and « Écarter ». */
function draftsSection(session, id, drafts) {
  if (!drafts.length) return null;
  const rows = drafts.map((d) => {
    const qty = h('input', { type: 'number', min: '0', step: 'any', value: String(d.quantity),
      id: 'draft-qty-' + d.id, 'aria-label': 'Quantité confirmée (' + d.unit + '/an)', class: 'qty' });
    const act = async (fn, done) => {
      try {
        await fn();
        status(done, 'ok');
        await viewOrg(session, id);
      } catch (e) {
        const f = e.fields && e.fields.quantity ? ' (quantité : ' + fieldMessageFr(e.fields.quantity) + ')' : '';
        status(frenchMessage(e) + f, 'error');
      }
    };
    return h('tr', { class: 'draft', id: 'draft-' + d.id },
      h('td', {}, DIRECTION_FR[d.direction]), h('td', {}, d.code + ' ' + (d.code_label || '')),
      h('td', {}, qty, ' ' + d.unit + '/an'),
      h('td', {}, h('span', { class: 'badge estimated' }, d.status),
        h('div', { class: 'hint' }, 'source : ' + d.source + ' — incertitude ×' + num(d.uncertainty_factor))),
      h('td', {},
        h('button', { type: 'button', id: 'draft-confirm-' + d.id,
          onclick: () => act(() => post('/drafts/' + d.id + '/confirm', { quantity: Number(qty.value) }),
            'Flux confirmé : il est désormais déclaré.') }, 'Confirmer'), ' ',
        h('button', { type: 'button', class: 'secondary', id: 'draft-discard-' + d.id,
          onclick: () => act(() => del('/drafts/' + d.id), 'Flux estimé écarté.') }, 'Écarter')));
  });
  return [h('h2', {}, 'Flux estimés à confirmer'),
    h('p', { class: 'hint' }, 'Estimations tirées de l’activité et de la taille de l’établissement : ' +
      'elles ne sont ni déclarées, ni comptées dans les indicateurs, ni montrées aux autres entreprises. ' +
      'Corrigez la quantité si besoin puis confirmez, ou écartez.'),
    h('table', { id: 'drafts' }, h('thead', {}, h('tr', {}, h('th', {}, 'Sens'), h('th', {}, 'Code'),
      h('th', {}, 'Quantité estimée'), h('th', {}, 'Statut'), h('th', {}, ''))), h('tbody', {}, rows))];
}

export async function viewOrg(session, id) {
  const o = await get('/organisations/' + id);
  const flows = o.anonymised ? { items: [] } : await get('/flows?per_page=200&organisation_id=' + id);
  let drafts = [];
  if (!o.anonymised) {
    try { drafts = (await get('/organisations/' + id + '/drafts')).items; } catch (_) { drafts = []; }
  }
  const rows = flows.items.map((f) => h('tr', {},
    h('td', {}, DIRECTION_FR[f.direction]), h('td', {}, f.code + ' ' + (f.code_label || '')),
    h('td', {}, f.anonymised ? f.quantity_band : num(f.quantity) + ' ' + f.unit + '/' + f.period),
    h('td', {}, f.description || ''),
    h('td', {}, f.anonymised ? '' : h('a', { href: '#/flux/' + f.id }, 'Modifier'))));
  mount(
    h('h1', {}, o.anonymised ? 'Organisation anonymisée' : o.name),
    h('div', { class: 'card' },
      h('p', {}, 'Activité : ' + o.activity + (o.anonymised ? '' : ' (' + o.naf + ')')),
      h('p', {}, o.anonymised ? 'Secteur : ' + o.area : 'Commune : ' + o.commune + ' — ' + o.address),
      o.anonymised ? h('p', { class: 'anon' }, 'Les informations détaillées sont réservées.')
        : h('p', {}, 'SIRET : ' + o.siret + ' — effectif : ' + (o.headcount ?? '—'))),
    draftsSection(session, id, drafts),
    h('h2', {}, 'Flux'),
    h('p', {}, h('a', { class: 'button', href: '#/flux/nouveau' }, 'Déclarer un flux')),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Sens'), h('th', {}, 'Code'),
      h('th', {}, 'Quantité'), h('th', {}, 'Description'), h('th', {}, ''))), h('tbody', {}, rows)));
}

/* Enrolment of an establishment by a facilitator; the NAF field suggests
 * codes from words ("boulangerie") through a datalist. */
export function viewOrgForm() {
  const naf = h('input', { id: 'naf', list: 'naf-options', required: true, autocomplete: 'off' });
  const nafList = h('datalist', { id: 'naf-options' });
  let timer = null;
  naf.addEventListener('input', () => {
    clearTimeout(timer);
    const q = naf.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(async () => {
      try {
        const r = await get('/ref/naf?q=' + encodeURIComponent(q));
        nafList.replaceChildren(...r.items.filter((x) => x.level === 5)
          .map((x) => h('option', { value: x.code }, x.code + ' — ' + x.label)));
      } catch (_) { /* the field still accepts a typed code */ }
    }, 150);
  });
  const fields = {
    siret: h('input', { id: 'siret', required: true, inputmode: 'numeric', maxlength: 14 }),
    name: h('input', { id: 'name', required: true, maxlength: 200 }),
    naf,
    commune_insee: h('input', { id: 'commune_insee', required: true, maxlength: 5, inputmode: 'numeric' }),
    address: h('input', { id: 'address', maxlength: 300 }),
  };
  const errs = {};
  const row = (k, label, hint) => {
    errs[k] = h('div', { class: 'errors', id: 'err-' + k });
    return [h('label', { for: k }, label), fields[k], hint ? h('div', { class: 'hint' }, hint) : null, errs[k]];
  };
  const form = h('form', { class: 'card', id: 'org-form' },
    h('h1', {}, 'Inscrire une organisation'),
    row('siret', 'SIRET (14 chiffres)'), row('name', 'Nom'),
    row('naf', 'Code NAF', 'Tapez une activité (« boulangerie ») ou un code (« 10.71C »).'), nafList,
    row('commune_insee', 'Code INSEE de la commune'), row('address', 'Adresse'),
    h('p', {}, h('button', { type: 'submit' }, 'Enregistrer')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const b of Object.values(errs)) b.textContent = '';
    const body = {};
    for (const [k, el] of Object.entries(fields)) if (el.value.trim()) body[k] = el.value.trim();
    try {
      const o = await post('/organisations', body);
      status('Organisation inscrite (n° ' + o.id + ').', 'ok');
      location.hash = '#/organisation/' + o.id;
    } catch (e) {
      status(frenchMessage(e), 'error');
      for (const [k, msg] of Object.entries(e.fields || {})) if (errs[k]) errs[k].textContent = fieldMessageFr(msg);
    }
  });
  mount(form);
  fields.siret.focus();
}
