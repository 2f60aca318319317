// import.js - CSV import of organisations or flows: all or nothing, with
// every line error shown.
import { api, frenchMessage } from './api.js';
import { h, mount, status } from './dom.js';

export function viewImport(session) {
  const kind = h('select', { id: 'kind' }, h('option', { value: 'organisations' }, 'Organisations'),
    h('option', { value: 'flows' }, 'Flux'));
  const file = h('input', { id: 'file', type: 'file', accept: '.csv,text/csv' });
  const out = h('div', { id: 'import-result' });
  const form = h('form', { class: 'card', id: 'import-form' },
    h('h1', {}, 'Import CSV'),
    h('p', { class: 'hint' }, 'Organisations : siret, name, naf, commune_insee (+ lat, lon, address…). ' +
      'Flux : siret, direction, code, quantity, unit (+ period, confidentiality…). Tout ou rien : ' +
      'à la moindre erreur, rien n’est importé.'),
    h('label', { for: 'kind' }, 'Type de fichier'), kind,
    h('label', { for: 'file' }, 'Fichier CSV (UTF-8)'), file,
    h('p', {}, h('button', { type: 'submit' }, 'Importer')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.replaceChildren();
    if (!file.files.length) { status('Choisissez un fichier.', 'error'); return; }
    const text = await file.files[0].text();
    try {
      const r = await api('POST', '/import/' + kind.value, text, 'text/csv');
      status('Import réussi : ' + r.imported.organisations + ' organisation(s), ' + r.imported.flows + ' flux.', 'ok');
    } catch (e) {
      status(frenchMessage(e) + ' Rien n’a été importé.', 'error');
      out.append(h('ul', { class: 'errors' }, (e.lines || []).map((l) => h('li', {}, l))));
    }
  });
  if (session.me.role !== 'facilitator') {
    mount(h('h1', {}, 'Import CSV'), h('p', {}, 'L’import est réservé aux animateurs et animatrices de territoire.'));
    return;
  }
  mount(form);
}
