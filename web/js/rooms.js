// rooms.js - shared rooms: the list, offering a room of one's
// organisation, the bookings of a room and the booking form, whose
// refusal of an overlapping slot is shown in plain French.
import { get, post, del } from './api.js';
import { h, mount, status } from './dom.js';
import { errText, field, input, select, when, table } from './net.js';

async function bookingsOf(roomId, box, reload) {
  const data = await get('/rooms/' + roomId + '/bookings');
  box.replaceChildren(data.items.length ? table('bookings', ['Créneau', 'Objet', ''],
    data.items.map((b) => h('tr', {}, h('td', {}, when(b.starts_at, b.ends_at)),
      h('td', {}, b.mine ? b.purpose : 'réservé'),
      h('td', {}, b.mine ? h('button', { type: 'button', class: 'secondary', onclick: async () => {
        try { await del('/bookings/' + b.id); status('Réservation annulée.', 'ok'); reload(); }
        catch (e) { status(errText(e), 'error'); }
      } }, 'Annuler') : ''))))
    : h('p', {}, 'Aucune réservation à venir.'));
}

function bookingForm(rooms, onDone) {
  const room = select('bk-room', rooms.map((r) => [String(r.id), r.name + ' (' + r.organisation + ')']));
  const starts = input('bk-starts', { type: 'datetime-local', required: true });
  const ends = input('bk-ends', { type: 'datetime-local', required: true });
  const purpose = input('bk-purpose', { maxlength: 500 });
  const msg = h('p', { id: 'booking-msg', role: 'alert' });
  const form = h('form', { class: 'card', id: 'booking-form' }, h('h2', {}, 'Réserver une salle'),
    field('Salle', room), field('Début (heure de Paris)', starts), field('Fin (heure de Paris)', ends),
    field('Objet', purpose), h('p', {}, h('button', { type: 'submit' }, 'Réserver')), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    msg.textContent = '';
    msg.className = '';
    try {
      await post('/bookings', { room_id: Number(room.value), starts_at: starts.value, ends_at: ends.value, purpose: purpose.value });
      status('Salle réservée.', 'ok');
      msg.textContent = 'Réservation enregistrée.';
      onDone(room.value);
    } catch (e) {
      msg.textContent = errText(e);
      msg.className = 'errors clash';
      status(errText(e), 'error');
    }
  });
  return form;
}

function roomForm(reload) {
  const name = input('room-name', { required: true, maxlength: 200 });
  const cap = input('room-capacity', { type: 'number', min: 1, required: true });
  const addr = input('room-address', { required: true, maxlength: 300 });
  const eq = input('room-equipment', { maxlength: 500 });
  const form = h('form', { class: 'card', id: 'room-form' }, h('h2', {}, 'Proposer une salle de mon organisation'),
    field('Nom', name), field('Places', cap), field('Adresse', addr), field('Équipement', eq, 'Vidéoprojecteur, visio…'),
    h('p', {}, h('button', { type: 'submit' }, 'Proposer la salle')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/rooms', { name: name.value, capacity: Number(cap.value), address: addr.value, equipment: eq.value });
      status('Salle proposée.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  });
  return form;
}

export async function viewRooms(session) {
  const reload = () => viewRooms(session);
  const data = await get('/rooms');
  const box = h('div', { id: 'room-bookings' });
  const show = (id) => bookingsOf(id, box, reload).catch((e) => status(errText(e), 'error'));
  mount(h('h1', {}, 'Salles partagées'),
    data.items.length ? table('rooms', ['Salle', 'Organisation', 'Places', 'Équipement', 'Adresse', ''],
      data.items.map((r) => h('tr', {}, h('td', {}, r.name), h('td', {}, r.organisation), h('td', {}, String(r.capacity)),
        h('td', {}, r.equipment), h('td', {}, r.address),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => show(r.id) }, 'Voir les réservations')))))
      : h('p', {}, 'Aucune salle partagée pour le moment.'),
    box,
    data.items.length ? bookingForm(data.items, show) : null,
    session.me.organisation_id ? roomForm(reload) : null);
}
