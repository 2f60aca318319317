// api.js - calls to /api/v1: JSON in and out, the session cookie sent by
// the browser, and the X-CSRF-Token header on every write.

let csrf = '';

export function setCsrf(token) { csrf = token || ''; }

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || 'erreur ' + status);
    this.status = status;
    this.code = err.code || '';
    this.fields = err.fields || {};
    this.lines = err.lines || [];
  }
}

const MESSAGES_FR = {
  401: 'Session expirée ou absente : reconnectez-vous.',
  403: 'Action non autorisée pour votre compte.',
  404: 'Élément introuvable ou hors de votre périmètre.',
  409: 'Conflit : l’élément a changé entre-temps.',
  413: 'Envoi trop volumineux.',
  422: 'Certaines valeurs ne sont pas valides.',
  429: 'Trop de tentatives : réessayez dans quelques minutes.',
};

export function frenchMessage(e) {
  if (e instanceof ApiError) return MESSAGES_FR[e.status] || ('Erreur : ' + e.message);
  return 'Le serveur ne répond pas.';
}

export async function api(method, path, body, contentType) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  const r = await fetch('/api/v1' + path, {
    method, headers, body: payload, credentials: 'same-origin',
  });
  let data = null;
  try { data = await r.json(); } catch (_) { data = null; }
  if (!r.ok) throw new ApiError(r.status, data);
  return data;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b);
export const patch = (p, b) => api('PATCH', p, b);
export const del = (p) => api('DELETE', p);

const FIELD_FR = {
  'is required': 'obligatoire',
  'must not be empty': 'ne doit pas être vide',
  'must be a string': 'doit être un texte',
  'must be a number': 'doit être un nombre',
  'must be an integer': 'doit être un nombre entier',
  'is out of range': 'hors des limites admises',
  'is too long': 'trop long',
  'unknown field': 'champ inconnu',
  'is not one of the allowed values': 'valeur non admise',
  'unknown waste, product, energy or service code': 'code inconnu (déchet, produit, énergie ou service)',
  'unknown unit or period': 'unité ou période inconnue',
  'this waste code is hazardous': 'ce code de déchet est dangereux',
};

export function fieldMessageFr(msg) {
  return FIELD_FR[msg] || msg;
}
