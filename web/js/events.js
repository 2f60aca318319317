// events.js - the network's events (network meetings, webinars,
// workshops): registration with a waiting list, the organisers' form,
// and the iCalendar feeds (the whole network, or a personal link).
import { get, post, del } from './api.js';
import { h, mount, status } from './dom.js';
import { errText, field, input, select, when, REG_FR, canOrganise, territoryChoices, withTerritory } from './net.js';

const KIND_FR = { network_meeting: 'Rencontre du réseau', webinar: 'Webinaire', workshop: 'Atelier' };

// canRegister: observers follow events without taking seats (the API says 403)
function eventCard(ev, reload, canRegister) {
  const places = ev.capacity ? ev.n_registered + ' / ' + ev.capacity + ' places prises' : ev.n_registered + ' inscrit·es';
  const mine = ev.my_status;
  const act = async (fn, ok) => {
    try { await fn(); status(ok, 'ok'); reload(); } catch (e) { status(errText(e), 'error'); }
  };
  return h('article', { class: 'card event', 'data-id': ev.id },
    h('h2', {}, ev.title),
    h('p', {}, (KIND_FR[ev.kind] || ev.kind) + ' — ' + when(ev.starts_at, ev.ends_at)),
    ev.location ? h('p', {}, 'Lieu : ' + ev.location) : null,
    ev.video_url ? h('p', {}, 'Visio : ', h('a', { href: ev.video_url, rel: 'noopener noreferrer', target: '_blank' }, ev.video_url)) : null,
    ev.description ? h('p', { class: 'pre' }, ev.description) : null,
    h('p', {}, places + (ev.n_waiting ? ', ' + ev.n_waiting + ' en liste d’attente' : '')),
    ev.is_cancelled ? h('p', { class: 'errors' }, 'Événement annulé.') : null,
    mine ? h('p', { class: 'reg-status' }, 'Votre inscription : ' + REG_FR[mine]) : null,
    ev.is_cancelled || (!mine && !canRegister) ? null : h('div', { class: 'row' },
      mine ? h('button', { type: 'button', class: 'secondary unregister', onclick: () =>
        act(() => del('/events/' + ev.id + '/registration'), 'Inscription annulée.') }, 'Annuler mon inscription')
        : h('button', { type: 'button', class: 'register', onclick: async () => {
          try {
            const r = await post('/events/' + ev.id + '/registration');
            status(r.status === 'waiting' ? 'Complet : vous êtes en liste d’attente.' : 'Inscription enregistrée.', 'ok');
            reload();
          } catch (e) { status(errText(e), 'error'); }
        } }, 'S’inscrire')));
}

function eventForm(reload, terrs) {
  const kind = select('ev-kind', Object.entries(KIND_FR));
  const title = input('ev-title', { required: true, maxlength: 200 });
  const starts = input('ev-starts', { type: 'datetime-local', required: true });
  const ends = input('ev-ends', { type: 'datetime-local', required: true });
  const loc = input('ev-location', { maxlength: 300 });
  const video = input('ev-video', { type: 'url', maxlength: 500 });
  const cap = input('ev-capacity', { type: 'number', min: 0, value: 0 });
  const desc = h('textarea', { id: 'ev-description', rows: 3 });
  const terr = select('ev-territory', terrs);
  const form = h('form', { class: 'card', id: 'event-form' }, h('h2', {}, 'Nouvel événement'),
    field('Type', kind), field('Titre', title), field('Début (heure de Paris)', starts),
    field('Fin (heure de Paris)', ends), field('Lieu', loc, 'Obligatoire sauf pour un webinaire.'),
    field('Lien de visio', video, 'Obligatoire pour un webinaire.'),
    field('Places (0 = sans limite)', cap), field('Description', desc), field('Pour', terr),
    h('p', {}, h('button', { type: 'submit' }, 'Créer l’événement')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/events', withTerritory({ kind: kind.value, title: title.value, starts_at: starts.value, ends_at: ends.value,
        location: loc.value, video_url: video.value, capacity: Number(cap.value || 0), description: desc.value }, terr));
      status('Événement créé.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewEvents(session) {
  const reload = () => viewEvents(session);
  const data = await get('/events');
  const feed = h('p', { id: 'feed' });
  const feedBtn = h('button', { type: 'button', class: 'secondary', id: 'feed-token', onclick: async () => {
    try {
      const r = await post('/calendar/token');
      const url = location.origin + r.url;
      feed.replaceChildren('Votre lien personnel (à garder pour vous ; un nouveau lien révoque l’ancien) : ',
        h('a', { href: r.url }, url));
    } catch (e) { status(errText(e), 'error'); }
  } }, 'Créer mon lien d’abonnement personnel');
  mount(h('h1', {}, 'Réseau régional : événements'),
    h('div', { class: 'card' }, h('h2', {}, 'Agenda'),
      h('p', {}, h('a', { href: '/api/v1/events.ics', id: 'ics-link' }, 'Agenda du réseau au format iCalendar (.ics)')),
      feedBtn, feed),
    data.items.length ? h('div', { id: 'events' }, data.items.map((ev) => eventCard(ev, reload, session.me.role !== 'observer')))
      : h('p', {}, 'Aucun événement à venir.'),
    canOrganise(session.me) ? eventForm(reload, await territoryChoices(session.me, session.me.role === 'regional_admin')) : null);
}
