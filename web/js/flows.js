// flows.js - the flows of the user's scope, and the form to declare or
// change one, with a code search that accepts words ("carton",
// "chaleur") as well as codes ("15 01 01").
import { get, post, patch, frenchMessage, fieldMessageFr } from './api.js';
import { h, mount, status, num, DIRECTION_FR } from './dom.js';
import { pager } from './orgs.js';

function flowTable(items, id) {
  const rows = items.map((f) => h('tr', {},
    h('td', {}, DIRECTION_FR[f.direction]),
    h('td', {}, f.code + (f.code_label ? ' — ' + f.code_label : '')),
    h('td', {}, f.anonymised ? f.quantity_band : num(f.quantity) + ' ' + f.unit + '/' + f.period),
    h('td', {}, f.activity),
    h('td', {}, f.anonymised ? h('span', { class: 'anon' }, 'anonymisé') : (f.description || '')),
    h('td', {}, f.anonymised ? '' : h('a', { href: '#/flux/' + f.id }, 'Modifier'))));
  return h('table', { id }, h('thead', {}, h('tr', {}, h('th', {}, 'Sens'), h('th', {}, 'Code'), h('th', {}, 'Quantité'),
    h('th', {}, 'Activité'), h('th', {}, 'Description'), h('th', {}, ''))), h('tbody', {}, rows));
}

export async function viewFlows(session, page) {
  page = Number(page) || 1;
  const isMember = session.me.role === 'member';
  const mine = isMember ? await get('/flows?per_page=200&mine=1') : null;
  const data = await get('/flows?per_page=50&page=' + page);
  mount(h('h1', {}, 'Flux'),
    h('p', {}, h('a', { class: 'button', href: '#/flux/nouveau', id: 'new-flow' }, 'Déclarer un flux')),
    mine ? [h('h2', {}, 'Les flux de mon organisation'), flowTable(mine.items, 'my-flows'),
      h('h2', {}, 'Tous les flux visibles')] : null,
    pager(page, data.per_page, data.total, (p) => viewFlows(session, p)),
    flowTable(data.items, 'all-flows'));
}

/* A combobox: type words or digits, pick a code with the arrows and Enter. */
export function codeSearch(input) {
  const list = h('ul', { class: 'suggest-list', id: 'code-options', role: 'listbox', hidden: true });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', 'code-options');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  let items = [], active = -1, timer = null;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
  const choose = (i) => { input.value = items[i].code; close(); };
  const render = () => {
    list.replaceChildren(...items.map((it, i) => {
      const li = h('li', { role: 'option', id: 'code-opt-' + i, 'aria-selected': i === active ? 'true' : 'false' },
        it.code + ' — ' + it.label);
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(i); });
      return li;
    }));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    if (active >= 0) input.setAttribute('aria-activedescendant', 'code-opt-' + active);
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) { items = []; render(); return; }
    timer = setTimeout(async () => {
      try {
        const r = await get('/ref/waste?q=' + encodeURIComponent(q));
        items = r.items.filter((x) => x.level === 3).map((x) => ({ code: x.code, label: x.label }))
          .concat(r.other.map((x) => ({ code: x.code, label: x.family })));
        active = -1;
        render();
      } catch (_) { items = []; render(); }
    }, 150);
  });
  input.addEventListener('keydown', (ev) => {
    if (list.hidden) return;
    if (ev.key === 'ArrowDown') { active = Math.min(items.length - 1, active + 1); render(); ev.preventDefault(); }
    else if (ev.key === 'ArrowUp') { active = Math.max(0, active - 1); render(); ev.preventDefault(); }
    else if (ev.key === 'Enter' && active >= 0) { choose(active); ev.preventDefault(); }
    else if (ev.key === 'Escape') close();
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  return list;
}

function select(id, options, value) {
  return h('select', { id }, ...options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}

export async function viewFlowForm(session, id) {
  const flow = id ? await get('/flows/' + id) : null;
  const f = (k, d) => (flow && flow[k] !== undefined && flow[k] !== null ? flow[k] : d);
  let orgField = null;
  if (!id && session.me.role !== 'member') {
    const orgs = await get('/organisations?per_page=200');
    orgField = select('organisation', orgs.items.filter((o) => !o.anonymised).map((o) => [String(o.id), o.name]), '');
  }
  const code = h('input', { id: 'code', value: f('code', ''), autocomplete: 'off', required: true });
  const fields = {
    direction: select('direction', [['offer', 'Offre (ce que le site a en trop)'], ['need', 'Besoin (ce que le site cherche)']], f('direction', 'offer')),
    code,
    quantity: h('input', { id: 'quantity', type: 'number', min: 0, step: 'any', value: f('quantity', ''), required: true }),
    unit: select('unit', [['t', 't'], ['kg', 'kg'], ['MWh', 'MWh'], ['kWh', 'kWh'], ['m3', 'm³'], ['L', 'L'], ['h', 'heures'], ['unit', 'unités'], ['m2', 'm²'], ['place', 'places'], ['session', 'sessions']], f('unit', 't')),
    period: select('period', [['year', 'par an'], ['month', 'par mois'], ['week', 'par semaine'], ['day', 'par jour'], ['once', 'une fois']], f('period', 'year')),
    confidentiality: select('confidentiality', [['anonymised', 'Anonymisé (secteur d’activité, intercommunalité, ordre de grandeur)'], ['public', 'Public'], ['facilitator_only', 'Réservé à l’animation']], f('confidentiality', 'anonymised')),
    description: h('textarea', { id: 'description', rows: 3, maxlength: 2000 }, f('description', '')),
  };
  const errBoxes = {};
  const labelled = (key, label, hint) => {
    errBoxes[key] = h('div', { class: 'errors', id: 'err-' + key });
    return [h('label', { for: key }, label), fields[key] || orgField, hint ? h('div', { class: 'hint' }, hint) : null, errBoxes[key]];
  };
  const form = h('form', { class: 'card', id: 'flow-form' },
    h('h1', {}, id ? 'Modifier le flux' : 'Déclarer un flux'),
    orgField ? [h('label', { for: 'organisation' }, 'Organisation'), orgField] : null,
    labelled('direction', 'Sens'),
    labelled('code', 'Code', 'Tapez des mots (« carton », « chaleur ») ou un code (« 15 01 01 »).'),
    codeSearch(code),
    labelled('quantity', 'Quantité'), labelled('unit', 'Unité'), labelled('period', 'Période'),
    labelled('confidentiality', 'Confidentialité'), labelled('description', 'Description'),
    h('p', {}, h('button', { type: 'submit' }, 'Enregistrer')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const b of Object.values(errBoxes)) b.textContent = '';
    const body = {
      direction: fields.direction.value, code: code.value.trim(), quantity: Number(fields.quantity.value),
      unit: fields.unit.value, period: fields.period.value,
      confidentiality: fields.confidentiality.value, description: fields.description.value,
    };
    if (orgField) body.organisation_id = Number(orgField.value);
    try {
      const saved = id ? await patch('/flows/' + id, body) : await post('/flows', body);
      status('Flux enregistré (n° ' + saved.id + ').', 'ok');
      location.hash = '#/flux';
    } catch (e) {
      status(frenchMessage(e), 'error');
      for (const [k, msg] of Object.entries(e.fields || {})) {
        if (errBoxes[k]) errBoxes[k].textContent = fieldMessageFr(msg);
      }
    }
  });
  mount(form);
  fields.direction.focus();
}
