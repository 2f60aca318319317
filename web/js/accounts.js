// accounts.js - one's own password, and the regional admin's list of
// accounts: role and scope, disabling and enabling, a new password for
// someone who lost theirs. Every change is audited by the server.
import { ApiError, get, patch, post } from './api.js';
import { h, mount, status, ROLE_FR } from './dom.js';
import { errText, field, input, select } from './net.js';

const PASSWORD_FR = {
  current_password: 'Mot de passe actuel incorrect.',
  new_password: 'Le nouveau mot de passe doit compter au moins 8 caractères.',
};

function passwordError(e) {
  if (e instanceof ApiError) {
    for (const k of Object.keys(e.fields || {})) if (PASSWORD_FR[k]) return PASSWORD_FR[k];
  }
  return errText(e);
}

export function viewPassword() {
  const cur = input('pw-current', { type: 'password', autocomplete: 'current-password', required: true });
  const next = input('pw-new', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const again = input('pw-again', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
  const form = h('form', { class: 'card', id: 'password-form' }, h('h1', {}, 'Changer mon mot de passe'),
    field('Mot de passe actuel', cur), field('Nouveau mot de passe', next, 'Au moins 8 caractères.'),
    field('Nouveau mot de passe (à nouveau)', again),
    h('p', {}, h('button', { type: 'submit' }, 'Changer le mot de passe')),
    h('p', { class: 'hint' }, 'Vos autres sessions ouvertes seront fermées.'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (next.value !== again.value) {
      status('Les deux saisies du nouveau mot de passe diffèrent.', 'error');
      return;
    }
    try {
      await post('/auth/password', { current_password: cur.value, new_password: next.value });
      status('Mot de passe changé.', 'ok');
      form.reset();
    } catch (e) { status(passwordError(e), 'error'); }
  });
  mount(form);
}

const ROLES = ['regional_admin', 'facilitator', 'member', 'collector', 'observer'];

function scopeText(a) {
  if (a.role === 'facilitator') return 'territoire(s) ' + a.territory_ids.join(', ');
  if (a.role === 'member') return 'organisation ' + a.organisation_id;
  return '—';
}

/* The editing form of one account (role, scope, new password). */
function accountForm(a, reload) {
  const role = select('acct-role-' + a.id, ROLES.map((r) => [r, ROLE_FR[r]]));
  role.value = a.role;
  const terr = input('acct-terr-' + a.id, { value: a.territory_ids.join(', '), inputmode: 'numeric' });
  const org = input('acct-org-' + a.id, { type: 'number', min: 1, value: a.organisation_id || '' });
  const pw = input('acct-pw-' + a.id, { type: 'password', autocomplete: 'new-password', minlength: 8 });
  const save = async (ev) => {
    ev.preventDefault();
    const body = { role: role.value };
    if (role.value === 'facilitator') {
      body.territory_ids = terr.value.split(/[ ,;]+/).filter(Boolean).map(Number);
    }
    if (role.value === 'member') body.organisation_id = Number(org.value);
    try {
      await patch('/accounts/' + a.id, body);
      status('Compte ' + a.email + ' modifié.', 'ok');
      reload();
    } catch (e) { status(errText(e), 'error'); }
  };
  const reset = async () => {
    try {
      await post('/accounts/' + a.id + '/password', { new_password: pw.value });
      status('Nouveau mot de passe enregistré pour ' + a.email + ' ; ses sessions sont fermées.', 'ok');
      pw.value = '';
    } catch (e) { status(passwordError(e), 'error'); }
  };
  const form = h('form', { class: 'row' },
    field('Rôle', role), field('Territoires (numéros)', terr), field('Organisation (numéro)', org),
    h('button', { type: 'submit' }, 'Enregistrer le rôle'));
  form.addEventListener('submit', save);
  return h('div', {}, form, h('div', { class: 'row' }, field('Nouveau mot de passe', pw),
    h('button', { type: 'button', class: 'secondary', onclick: reset }, 'Définir le mot de passe')));
}

export async function viewAccounts(session) {
  const reload = () => viewAccounts(session);
  if (session.me.role !== 'regional_admin') {
    mount(h('h1', {}, 'Comptes'), h('p', {}, 'La gestion des comptes est réservée à l’administration régionale.'));
    return;
  }
  const data = await get('/accounts?per_page=200');
  mount(h('h1', {}, 'Comptes'),
    h('p', {}, data.total + ' compte(s). Un compte désactivé ne peut plus se connecter et ses sessions sont fermées.'),
    h('div', { id: 'accounts' }, data.items.map((a) => h('article', { class: 'card', 'data-id': a.id },
      h('h2', {}, a.email + (a.display_name ? ' — ' + a.display_name : '')),
      h('p', {}, 'Rôle : ' + (ROLE_FR[a.role] || a.role) + ' ; périmètre : ' + scopeText(a)),
      h('p', { class: 'account-state' }, a.disabled ? 'Désactivé' : 'Actif'),
      a.id === session.me.id ? h('p', { class: 'hint' }, 'Votre propre compte : ni désactivable ni rétrogradable ici.')
        : [h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: async () => {
          try {
            await patch('/accounts/' + a.id, { disabled: !a.disabled });
            status(a.disabled ? 'Compte réactivé.' : 'Compte désactivé ; ses sessions sont fermées.', 'ok');
            reload();
          } catch (e) { status(errText(e), 'error'); }
        } }, a.disabled ? 'Réactiver' : 'Désactiver')), accountForm(a, reload)]))));
}
