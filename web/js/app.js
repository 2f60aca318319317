// app.js - the single-page interface: session, navigation by #/route,
// and the views of each page (each in its own module).
import { get, post, setCsrf, frenchMessage } from './api.js';
import { h, mount, status, clearStaleStatus, ROLE_FR } from './dom.js';
import { viewDashboard } from './dashboard.js';
import { viewMap } from './map.js';
import { viewOrgs, viewOrg, viewOrgForm } from './orgs.js';
import { viewFlows, viewFlowForm } from './flows.js';
import { viewSuggestions, viewBoard } from './synergies.js';
import { viewImport } from './import.js';
import { viewTerritories, viewTerritory } from './territories.js';
import { viewEvents } from './events.js';
import { viewForum, viewThread, viewNotifications, unreadCount } from './forum.js';
import { viewLibrary } from './library.js';
import { viewRooms } from './rooms.js';
import { viewTrainings } from './trainings.js';
import { viewPurchases, viewPurchase } from './purchases.js';
import { viewAllocations, viewAllocation, viewRounds, viewRound } from './optim.js';
import { viewCollections, viewCollection } from './collect.js';
import { viewAccounts, viewPassword } from './accounts.js';
import { viewEvaluation, viewEvaluations } from './evaluation.js';
import { viewProspects } from './prospects.js';

export const session = { me: null };

const routes = [
  [/^#\/tableau$/, viewDashboard],
  [/^#\/evaluation$/, viewEvaluations],
  [/^#\/evaluation\/(\d{4})$/, viewEvaluations],
  [/^#\/evaluation\/(\d+)\/(\d{4})$/, viewEvaluation],
  [/^#\/carte$/, viewMap],
  [/^#\/prospects$/, viewProspects],
  [/^#\/organisations$/, viewOrgs],
  [/^#\/organisations\/nouvelle$/, viewOrgForm],
  [/^#\/organisation\/(\d+)$/, viewOrg],
  [/^#\/flux$/, viewFlows],
  [/^#\/flux\/nouveau$/, viewFlowForm],
  [/^#\/flux\/(\d+)$/, viewFlowForm],
  [/^#\/suggestions$/, viewSuggestions],
  [/^#\/synergies$/, viewBoard],
  [/^#\/import$/, viewImport],
  [/^#\/territoires$/, viewTerritories],
  [/^#\/territoires\/(\d+)$/, viewTerritory],
  [/^#\/reseau$/, viewEvents],
  [/^#\/forum$/, viewForum],
  [/^#\/forum\/(\d+)$/, viewThread],
  [/^#\/notifications$/, viewNotifications],
  [/^#\/bibliotheque$/, viewLibrary],
  [/^#\/salles$/, viewRooms],
  [/^#\/formations$/, viewTrainings],
  [/^#\/achats$/, viewPurchases],
  [/^#\/achats\/(\d+)$/, viewPurchase],
  [/^#\/repartition$/, viewAllocations],
  [/^#\/repartition\/(\d+)$/, viewAllocation],
  [/^#\/tournees$/, viewRounds],
  [/^#\/tournees\/collecte\/(\d+)$/, viewRounds],
  [/^#\/collectes$/, viewCollections],
  [/^#\/collectes\/(\d+)$/, viewCollection],
  [/^#\/tournee\/(\d+)$/, viewRound],
  [/^#\/comptes$/, viewAccounts],
  [/^#\/mot-de-passe$/, viewPassword],
];

function showWho() {
  const who = document.getElementById('who');
  const nav = document.getElementById('nav');
  if (!session.me) {
    who.replaceChildren();
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  who.replaceChildren(
    h('span', {}, session.me.email + ' (' + (ROLE_FR[session.me.role] || session.me.role) + ')'),
    h('button', { class: 'secondary', type: 'button', id: 'logout', onclick: logout }, 'Se déconnecter'));
  for (const a of nav.querySelectorAll('a')) {
    // pages some roles have no access to (data-roles lists those who do)
    a.hidden = Boolean(a.dataset.roles) && !a.dataset.roles.split(' ').includes(session.me.role);
    a.toggleAttribute('aria-current', false);
    if (location.hash.startsWith(a.getAttribute('href'))) a.setAttribute('aria-current', 'page');
  }
  showUnread();
}

/* The number of unread notifications next to "Forum" in the menu. */
async function showUnread() {
  const badge = document.getElementById('unread');
  if (!badge) return;
  const n = await unreadCount();
  badge.textContent = n ? String(n) : '';
  badge.hidden = !n;
  badge.setAttribute('aria-label', n + ' notification(s) non lue(s)');
}

async function logout() {
  try { await post('/auth/logout'); } catch (_) { /* the session is gone either way */ }
  session.me = null;
  setCsrf('');
  location.hash = '#/connexion';
}

function viewLogin() {
  const email = h('input', { id: 'email', type: 'email', autocomplete: 'username', required: true });
  const pw = h('input', { id: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'card', id: 'login-form' },
    h('h1', {}, 'Connexion'),
    h('label', { for: 'email' }, 'Adresse électronique'), email,
    h('label', { for: 'password' }, 'Mot de passe'), pw,
    h('p', {}, h('button', { type: 'submit' }, 'Se connecter')),
    h('p', { class: 'hint' }, 'Les comptes de démonstration sont affichés au lancement de « symbiose serve ».'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const me = await post('/auth/login', { email: email.value, password: pw.value });
      session.me = me;
      setCsrf(me.csrf_token);
      status('Connecté.', 'ok');
      location.hash = '#/tableau';
    } catch (e) {
      status(e.status === 401 ? 'Adresse ou mot de passe incorrect.' : frenchMessage(e), 'error');
      pw.value = '';
      pw.focus();
    }
  });
  mount(form);
  email.focus();
}

async function route() {
  if (!session.me) {
    try {
      session.me = await get('/auth/me');
      setCsrf(session.me.csrf_token);
    } catch (_) {
      session.me = null;
    }
  }
  showWho();
  if (!session.me) {
    viewLogin();
    return;
  }
  const hash = location.hash || '#/tableau';
  for (const [re, view] of routes) {
    const m = hash.match(re);
    if (m) {
      try {
        await view(session, ...m.slice(1));
      } catch (e) {
        status(frenchMessage(e), 'error');
        if (e.status === 401) { session.me = null; viewLogin(); }
      }
      return;
    }
  }
  location.hash = '#/tableau';
}

window.addEventListener('hashchange', () => { clearStaleStatus(); route(); });
route();
