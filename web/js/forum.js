// forum.js - the exchange platform: threads (the network's and those of
// the caller's territories), replies, mentions (@adresse or @Prénom.Nom)
// and the notifications list.
import { get, post } from './api.js';
import { h, mount, status } from './dom.js';
import { errText, field, input } from './net.js';

const dt = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' });
const at = (s) => dt.format(new Date(s * 1000));

export async function unreadCount() {
  try { return (await get('/notifications?unread=1')).unread; } catch (_) { return 0; }
}

export async function viewForum(session) {
  const [data, terrs] = await Promise.all([get('/threads'), get('/territories?per_page=200').catch(() => ({ items: [] }))]);
  const title = input('th-title', { required: true, maxlength: 200 });
  const body = h('textarea', { id: 'th-body', rows: 5, required: true });
  const terr = h('select', { id: 'th-territory' }, h('option', { value: '' }, 'Tout le réseau'),
    terrs.items.map((t) => h('option', { value: String(t.id) }, t.name)));
  const form = h('form', { class: 'card', id: 'thread-form' }, h('h2', {}, 'Nouvelle discussion'),
    field('Titre', title), field('Message', body, 'Mentionnez quelqu’un avec @adresse@exemple.fr ou @Prénom.Nom.'),
    field('Visible par', terr), h('p', {}, h('button', { type: 'submit' }, 'Publier')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const b = { title: title.value, body: body.value };
      if (terr.value) b.territory_id = Number(terr.value);
      const r = await post('/threads', b);
      status('Discussion publiée.', 'ok');
      location.hash = '#/forum/' + r.id;
    } catch (e) { status(errText(e), 'error'); }
  });
  mount(h('h1', {}, 'Forum'),
    h('p', {}, h('a', { href: '#/notifications' }, 'Mes notifications')),
    data.items.length ? h('ul', { id: 'threads' }, data.items.map((t) => h('li', {},
      h('a', { href: '#/forum/' + t.id }, t.title), ' — ' + t.author + ', ' + t.n_posts + ' message(s), dernier le ' + at(t.last_post_at))))
      : h('p', {}, 'Aucune discussion.'),
    session.me.role === 'observer' || session.me.role === 'collector' ? null : form);
}

export async function viewThread(session, id) {
  const t = await get('/threads/' + id);
  const body = h('textarea', { id: 'reply-body', rows: 4, required: true });
  const form = h('form', { class: 'card', id: 'reply-form' }, field('Votre réponse', body),
    h('p', {}, h('button', { type: 'submit' }, 'Répondre')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/threads/' + id + '/posts', { body: body.value });
      status('Réponse publiée.', 'ok');
      viewThread(session, id);
    } catch (e) { status(errText(e), 'error'); }
  });
  mount(h('h1', {}, t.title),
    h('div', { id: 'posts' }, t.posts.map((p) => h('article', { class: 'card post' },
      h('p', { class: 'hint' }, p.author + ', le ' + at(p.created_at)), h('p', { class: 'pre' }, p.body)))),
    session.me.role === 'observer' || session.me.role === 'collector' ? null : form,
    h('p', {}, h('a', { href: '#/forum' }, 'Retour au forum')));
}

export async function viewNotifications() {
  const data = await get('/notifications');
  const link = (l) => {
    const m = /^\/api\/v1\/threads\/(\d+)$/.exec(l || '');
    return m ? '#/forum/' + m[1] : null;
  };
  mount(h('h1', {}, 'Notifications'),
    data.items.length ? h('ul', { id: 'notifications' }, data.items.map((n) => h('li', { class: n.unread ? 'unread' : '' },
      link(n.link) ? h('a', { href: link(n.link) }, n.text) : n.text, ' — ' + at(n.created_at))))
      : h('p', {}, 'Aucune notification.'),
    h('button', { type: 'button', class: 'secondary', onclick: async () => {
      try { await post('/notifications/read', {}); status('Notifications marquées comme lues.', 'ok'); viewNotifications(); }
      catch (e) { status(errText(e), 'error'); }
    } }, 'Tout marquer comme lu'));
}
