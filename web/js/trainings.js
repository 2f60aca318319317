// trainings.js - joint training sessions: minimum and maximum, status
// (open, confirmed once the minimum is reached, full), registration.
import { get, post, del } from './api.js';
import { h, mount, status } from './dom.js';
import { errText, field, input, select, when, REG_FR, canOrganise, territoryChoices, withTerritory } from './net.js';

const STATUS_FR = { open: 'Inscriptions ouvertes (minimum non atteint)', confirmed: 'Confirmée', full: 'Complète' };

function trainingForm(reload, terrs) {
  const title = input('tr-title', { required: true, maxlength: 200 });
  const topic = input('tr-topic', { maxlength: 200 });
  const starts = input('tr-starts', { type: 'datetime-local', required: true });
  const ends = input('tr-ends', { type: 'datetime-local', required: true });
  const loc = input('tr-location', { required: true, maxlength: 300 });
  const min = input('tr-min', { type: 'number', min: 1, value: 3 });
  const max = input('tr-max', { type: 'number', min: 1, value: 12 });
  const terr = select('tr-territory', terrs);
  const form = h('form', { class: 'card', id: 'training-form' }, h('h2', {}, 'Nouvelle session'),
    field('Titre', title), field('Thème', topic), field('Début (heure de Paris)', starts),
    field('Fin (heure de Paris)', ends), field('Lieu', loc), field('Minimum de participant·es', min),
    field('Maximum de participant·es', max), field('Pour', terr), h('p', {}, h('button', { type: 'submit' }, 'Créer la session')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/trainings', withTerritory({ title: title.value, topic: topic.value, starts_at: starts.value, ends_at: ends.value,
        location: loc.value, min_participants: Number(min.value), max_participants: Number(max.value) }, terr));
      status('Session créée.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewTrainings(session) {
  const reload = () => viewTrainings(session);
  const data = await get('/trainings');
  mount(h('h1', {}, 'Formations mutualisées'),
    data.items.length ? h('div', { id: 'trainings' }, data.items.map((t) => h('article', { class: 'card', 'data-id': t.id },
      h('h2', {}, t.title), t.topic ? h('p', {}, 'Thème : ' + t.topic) : null,
      h('p', {}, when(t.starts_at, t.ends_at) + (t.location ? ' — ' + t.location : '')),
      h('p', {}, t.n_registered + ' inscrit·es (minimum ' + t.min_participants + ', maximum ' + t.max_participants + ')' +
        (t.n_waiting ? ', ' + t.n_waiting + ' en attente' : '')),
      h('p', { class: 'training-status' }, 'Statut : ' + (STATUS_FR[t.status] || t.status)),
      t.my_status ? h('p', {}, 'Votre inscription : ' + REG_FR[t.my_status]) : null,
      // observers and collectors do not take seats (the API says 403)
      !t.my_status && ['observer', 'collector'].includes(session.me.role) ? null : h('div', { class: 'row' }, t.my_status
        ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try { await del('/trainings/' + t.id + '/registration'); status('Inscription annulée.', 'ok'); reload(); }
          catch (e) { status(errText(e), 'error'); }
        } }, 'Annuler mon inscription')
        : h('button', { type: 'button', onclick: async () => {
          try {
            const r = await post('/trainings/' + t.id + '/registration');
            status(r.status === 'waiting' ? 'Complet : vous êtes en liste d’attente.'
              : r.confirmed ? 'Inscription enregistrée : la session est confirmée.' : 'Inscription enregistrée.', 'ok');
            reload();
          } catch (e) { status(errText(e), 'error'); }
        } }, 'S’inscrire')))))
      : h('p', {}, 'Aucune session de formation.'),
    canOrganise(session.me) ? trainingForm(reload, await territoryChoices(session.me, true)) : null);
}
