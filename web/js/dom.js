// dom.js - builds elements without innerHTML: every text from the server
// goes in through textContent, so HTML typed in a field shows as typed.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// The content of a Leaflet tooltip or popup: Leaflet puts a string in
// through innerHTML, so strings never reach it; a node with text does.
export function leafletText(...parts) {
  return h('span', {}, ...parts);
}

export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function mount(...nodes) {
  const main = document.getElementById('main');
  main.replaceChildren(...nodes.flat(2).filter((n) => n !== null && n !== undefined && n !== false));
  main.focus({ preventScroll: true });
}

let statusAt = 0;

/* Clears a message unless it was just set (a view that saves then
 * navigates keeps its confirmation visible on the next page). */
export function clearStaleStatus() {
  if (Date.now() - statusAt > 1500) status('');
}

export function status(text, kind) {
  statusAt = text ? Date.now() : 0;
  const el = document.getElementById('status');
  el.textContent = text || '';
  el.className = 'status' + (kind ? ' ' + kind : '');
}

const nf = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
export function num(x) {
  return x === null || x === undefined ? '—' : nf.format(x);
}

export const STATUS_FR = {
  suggested: 'Suggérée', studied: 'Étudiée', in_progress: 'En cours',
  implemented: 'Réalisée', abandoned: 'Abandonnée',
};
export const DIRECTION_FR = { offer: 'Offre', need: 'Besoin' };
export const ROLE_FR = {
  regional_admin: 'administration régionale', facilitator: 'animation de territoire',
  member: 'membre', collector: 'collecteur', observer: 'observation',
};

export function badge(statusName) {
  return h('span', { class: 'badge ' + statusName }, STATUS_FR[statusName] || statusName);
}
