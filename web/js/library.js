// library.js - the library of good practices and method sheets: upload
// (the server checks the file's content), list, download, and search
// over the library and the forum.
import { get, api } from './api.js';
import { h, mount, status } from './dom.js';
import { errText, field, input, select, table } from './net.js';

const KIND_FR = { good_practice: 'Bonne pratique', method_sheet: 'Fiche méthode', other: 'Autre' };
const VIS_FR = { network: 'Tout le réseau', territory: 'Un territoire', facilitators: 'Animateur·rices seulement' };

function searchBox() {
  const q = input('lib-q', { type: 'search', required: true, maxlength: 200 });
  const out = h('div', { id: 'search-results' });
  const form = h('form', { class: 'card', id: 'search-form', role: 'search' }, field('Rechercher dans la bibliothèque et le forum', q),
    h('p', {}, h('button', { type: 'submit' }, 'Rechercher')), out);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await get('/search?q=' + encodeURIComponent(q.value));
      out.replaceChildren(r.items.length ? h('ul', {}, r.items.map((it) => h('li', {},
        h('a', { href: it.kind === 'resource' ? '/api/v1/resources/' + it.id + '/file' : '#/forum/' + it.thread_id }, it.title || '(sans titre)'),
        ' — ' + it.snippet.replace(/[[\]]/g, '')))) : h('p', {}, 'Aucun résultat.'));
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

function uploadForm(session, terrs, reload) {
  const file = input('lib-file', { type: 'file', required: true });
  const title = input('lib-title', { required: true, maxlength: 200 });
  const kind = select('lib-kind', Object.entries(KIND_FR));
  const vis = select('lib-visibility', Object.entries(VIS_FR));
  const terr = select('lib-territory', [['', '—'], ...terrs.map((t) => [String(t.id), t.name])]);
  const form = h('form', { class: 'card', id: 'upload-form' }, h('h2', {}, 'Déposer un document'),
    field('Fichier (PDF, image, bureautique, texte ou CSV)', file), field('Titre', title), field('Type', kind),
    field('Visible par', vis), field('Territoire (si visible par un territoire)', terr),
    h('p', {}, h('button', { type: 'submit' }, 'Déposer')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = file.files[0];
    if (!f) { status('Choisissez un fichier.', 'error'); return; }
    const qs = new URLSearchParams({ title: title.value, kind: kind.value, visibility: vis.value, filename: f.name });
    if (terr.value) qs.set('territory_id', terr.value);
    try {
      await api('POST', '/resources?' + qs.toString(), f, 'application/octet-stream');
      status('Document déposé.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewLibrary(session) {
  const reload = () => viewLibrary(session);
  const [data, terrs] = await Promise.all([get('/resources'), get('/territories?per_page=200').catch(() => ({ items: [] }))]);
  const kb = (n) => (n / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 }) + ' Ko';
  mount(h('h1', {}, 'Bibliothèque'), searchBox(),
    data.items.length ? table('resources', ['Titre', 'Type', 'Visibilité', 'Taille', ''],
      data.items.map((r) => h('tr', {}, h('td', {}, r.title), h('td', {}, KIND_FR[r.kind] || r.kind),
        h('td', {}, VIS_FR[r.visibility] || r.visibility), h('td', {}, kb(r.size_bytes)),
        h('td', {}, h('a', { href: r.download, download: '' }, 'Télécharger')))))
      : h('p', {}, 'La bibliothèque est vide.'),
    session.me.role === 'observer' || session.me.role === 'collector' ? null : uploadForm(session, terrs.items, reload));
}
