// purchases.js - group purchases: the list with totals, one's own
// organisation's quantity until the deadline, the lines one may see and
// the supplier list as CSV for the organisers.
import { get, post, api } from './api.js';
import { h, mount, status, num } from './dom.js';
import { errText, field, input, select, table, canOrganise, territoryChoices, withTerritory } from './net.js';

function purchaseForm(reload, terrs) {
  const title = input('pu-title', { required: true, maxlength: 200 });
  const cat = input('pu-category', { required: true, maxlength: 200 });
  const unit = input('pu-unit', { required: true, maxlength: 50 });
  const dl = input('pu-deadline', { type: 'date', required: true });
  const terr = select('pu-territory', terrs);
  const form = h('form', { class: 'card', id: 'purchase-form' }, h('h2', {}, 'Nouvel achat groupé'),
    field('Titre', title), field('Catégorie', cat), field('Unité', unit, 'ramette, litre, kg…'),
    field('Date limite', dl), field('Pour', terr), h('p', {}, h('button', { type: 'submit' }, 'Ouvrir l’achat groupé')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/purchases', withTerritory({ title: title.value, category: cat.value, unit: unit.value, deadline: dl.value }, terr));
      status('Achat groupé ouvert.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewPurchase(session, id) {
  const p = await get('/purchases/' + id);
  const reload = () => viewPurchase(session, id);
  const qty = input('pu-qty', { type: 'number', min: 0, step: 'any' });
  const comment = input('pu-comment', { maxlength: 500 });
  const form = h('form', { class: 'card', id: 'quantity-form' }, h('h2', {}, 'Quantité de mon organisation'),
    field('Quantité (' + p.unit + ')', qty, '0 retire votre ligne.'), field('Commentaire', comment),
    h('p', {}, h('button', { type: 'submit' }, 'Enregistrer')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('PUT', '/purchases/' + id + '/quantity', { quantity: Number(qty.value), comment: comment.value });
      status('Quantité enregistrée.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  mount(h('h1', {}, p.title),
    h('p', {}, 'Catégorie : ' + p.category + ' — date limite : ' + p.deadline),
    h('p', { id: 'purchase-total' }, 'Total : ' + num(p.total) + ' ' + p.unit + ' pour ' + p.n_organisations + ' organisation(s)'),
    p.lines.length ? table('purchase-lines', ['Organisation', 'Quantité', 'Commentaire'],
      p.lines.map((l) => h('tr', {}, h('td', {}, l.organisation), h('td', {}, num(l.quantity)), h('td', {}, l.comment)))) : null,
    session.me.organisation_id ? form : null,
    canOrganise(session.me) ? h('p', {}, h('a', { href: '/api/v1/purchases/' + id + '/suppliers.csv', download: '' },
      'Liste pour le fournisseur (CSV)')) : null,
    h('p', {}, h('a', { href: '#/achats' }, 'Retour aux achats groupés')));
}

export async function viewPurchases(session) {
  const data = await get('/purchases');
  mount(h('h1', {}, 'Achats groupés'),
    data.items.length ? table('purchases', ['Achat', 'Catégorie', 'Date limite', 'Total', 'Organisations'],
      data.items.map((p) => h('tr', {}, h('td', {}, h('a', { href: '#/achats/' + p.id }, p.title)),
        h('td', {}, p.category), h('td', {}, p.deadline), h('td', {}, num(p.total) + ' ' + p.unit),
        h('td', {}, String(p.n_organisations)))))
      : h('p', {}, 'Aucun achat groupé.'),
    purchaseForm(() => viewPurchases(session), await territoryChoices(session.me, true)));
}
