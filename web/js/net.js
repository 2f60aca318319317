// net.js - helpers shared by the pages of the regional network: French
// error texts from the services' messages, small form builders and dates
// shown in Paris time. Text always goes in through textContent (dom.js).
import { ApiError, frenchMessage, fieldMessageFr, get } from './api.js';
import { h } from './dom.js';

const FIELD_LABELS = {
  title: 'Titre', body: 'Message', starts_at: 'Début', ends_at: 'Fin', location: 'Lieu',
  video_url: 'Lien de visio', capacity: 'Capacité', name: 'Nom', address: 'Adresse',
  quantity: 'Quantité', deadline: 'Date limite', unit: 'Unité', category: 'Catégorie',
  min_participants: 'Minimum', max_participants: 'Maximum', file: 'Fichier', date: 'Date',
  label: 'Libellé', kind: 'Type', visibility: 'Visibilité', territory_id: 'Territoire',
  room_id: 'Salle', purpose: 'Objet', original_name: 'Nom du fichier',
};

/* "starts_at : la salle … est déjà réservée" -> "La salle … est déjà réservée". */
function stripField(msg) {
  const m = /^[a-z_0-9]+ : (.*)$/s.exec(msg || '');
  const t = m ? m[1] : (msg || '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const FRENCH = /[àâçéèêëîïôûùüÿœ«»’]|\bvous\b|\bintrouvable\b|\bobligatoire\b/i;

export function errText(e) {
  if (!(e instanceof ApiError)) return frenchMessage(e);
  const fields = Object.entries(e.fields || {});
  if (fields.length) {
    return 'Certaines valeurs ne sont pas valides : ' + fields.map(([k, v]) =>
      (FIELD_LABELS[k] || k) + ' — ' + fieldMessageFr(v)).join(' ; ') + '.';
  }
  if (e.status === 409 || FRENCH.test(e.message)) return stripField(e.message);
  return frenchMessage(e);
}

let uid = 0;
/* A labelled control; returns [label, control] for a form. */
export function field(label, control, hint) {
  if (!control.id) control.id = 'f' + (++uid);
  return [h('label', { for: control.id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null];
}

export function input(id, attrs) {
  return h('input', Object.assign({ id, name: id }, attrs || {}));
}

export function select(id, options, attrs) {
  return h('select', Object.assign({ id, name: id }, attrs || {}),
    options.map(([v, l]) => h('option', { value: v }, l)));
}

const dtf = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });
const tf = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' });
export function when(startIso, endIso) {
  const s = new Date(startIso), e = new Date(endIso);
  return dtf.format(s) + ' – ' + tf.format(e);
}

export function table(id, headers, rows) {
  return h('table', { id }, h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows));
}

export const REG_FR = { registered: 'Inscrit·e', waiting: 'En liste d’attente', cancelled: 'Annulée', '': '' };
export const STAGE_FR = {
  mobilisation: 'Mobilisation', data_collection: 'Collecte des données', detection: 'Détection',
  feasibility: 'Faisabilité', implementation: 'Mise en œuvre', evaluation: 'Évaluation',
};
export const canOrganise = (me) => me.role === 'regional_admin' || me.role === 'facilitator';

/* The territories the caller may pick for a new item: every one for the
 * region, their own for facilitators (first, so it is the default). */
export async function territoryChoices(me, allowNetwork) {
  let items = [];
  try { items = (await get('/territories?per_page=200')).items; } catch (_) { items = []; }
  const own = me.territory_ids || [];
  if (me.role === 'facilitator') items = items.filter((t) => own.includes(t.id));
  const opts = items.map((t) => [String(t.id), t.name]);
  return allowNetwork ? [['', 'Tout le réseau'], ...opts] : opts;
}

/* Adds territory_id to a body when one is chosen. */
export function withTerritory(body, sel) {
  if (sel && sel.value) body.territory_id = Number(sel.value);
  return body;
}
