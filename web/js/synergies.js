// synergies.js - suggestions with their explanation and the "mise en
// relation" (the other side stays anonymous until both accept), and the
// synergy pipeline as a board by status, moved with a keyboard-usable
// select on each card.
import { get, post, patch, frenchMessage } from './api.js';
import { h, mount, status, num, badge, STATUS_FR } from './dom.js';

function sideText(org, flow) {
  if (!org) return '—';
  const who = org.anonymised ? org.activity + ' (' + org.area + ')' : org.name + ', ' + org.commune;
  const qty = flow ? (flow.anonymised ? flow.quantity_band : num(flow.quantity) + ' ' + flow.unit + '/' + flow.period) : '';
  return who + (qty ? ' — ' + qty : '');
}

const OPERATION_FR = {
  R1: 'R1 valorisation énergétique', R2: 'R2 régénération des solvants', R3: 'R3 recyclage des matières organiques',
  R4: 'R4 recyclage des métaux', R5: 'R5 recyclage des matières minérales', R6: 'R6 régénération des acides et bases',
  R7: 'R7 récupération des produits de dépollution', R8: 'R8 récupération des catalyseurs', R9: 'R9 régénération des huiles',
  R10: 'R10 épandage au bénéfice des sols', R11: 'R11 utilisation de résidus de valorisation', R12: 'R12 préparation à la valorisation',
  R13: 'R13 regroupement avant valorisation',
};

// The knowledge behind a suggestion: route, recovery operation, how it
// applies to the code (own entry, inherited, generic) and its source.
function routeLine(r) {
  if (!r) return null;
  const op = r.operation ? (OPERATION_FR[r.operation] || r.operation) : 'énergie ou eau';
  return h('p', { class: 'route' }, h('strong', {}, 'Voie de valorisation : '),
    r.id + ' — ' + r.use_fr + ' (' + op + ', ' + r.level_fr + (r.is_local ? ', voie locale' : '') + '). ',
    h('span', { class: 'source' }, 'Source : ' + r.source));
}

function suggestionCard(s, session, reload) {
  const mine = s.my_side;
  const other = mine === 'offer' ? sideText(s.receiver_organisation, s.need) : sideText(s.offer_organisation, s.offer);
  const myDecision = mine === 'offer' ? s.offer_decision : s.receiver_decision;
  const card = h('article', { class: 'card suggestion', 'data-id': s.id },
    h('h2', {}, 'Suggestion n° ' + s.id + ' — code ' + s.code + ' ', badge(s.status)),
    h('p', {}, h('strong', {}, mine === 'offer' ? 'Preneur possible : ' : mine === 'receiver' ? 'Fournisseur possible : ' : 'Offre : '),
      mine ? other : sideText(s.offer_organisation, s.offer)),
    mine ? null : h('p', {}, h('strong', {}, 'Receveur : '), sideText(s.receiver_organisation, s.need)),
    h('p', { class: 'explanation' }, 'Pourquoi : ' + s.explanation),
    routeLine(s.route),
    h('p', {}, 'Effets estimés : ' + num(s.estimated.t_diverted) + ' t/an détournées, ' +
      num(s.estimated.co2e_t) + ' t CO2e évitées, ' + num(s.estimated.eur_saved) + ' € économisés.'));
  if (s.contact_revealed && s.counterpart_contacts) {
    card.append(h('p', {}, h('strong', {}, 'Contacts : '),
      s.counterpart_contacts.map((c) => c.email).join(', ') || 'aucun compte enregistré'));
  } else if (mine) {
    card.append(h('p', { class: 'hint' }, 'Mise en relation : vous — ' + (myDecision === 'accepted' ? 'accepté' : 'en attente') +
      ' ; l’autre partie — ' + ((mine === 'offer' ? s.receiver_decision : s.offer_decision) === 'accepted' ? 'accepté' : 'en attente') +
      '. Les noms s’affichent quand les deux acceptent.'));
  }
  if (mine && s.status === 'suggested') {
    card.append(h('div', { class: 'row' },
      myDecision === 'accepted' ? null : h('button', { type: 'button', class: 'accept', onclick: async () => {
        try { await post('/suggestions/' + s.id + '/accept'); status('Mise en relation acceptée.', 'ok'); reload(); }
        catch (e) { status(frenchMessage(e), 'error'); }
      } }, 'Accepter la mise en relation'),
      h('button', { type: 'button', class: 'danger reject', onclick: async () => {
        try { await post('/suggestions/' + s.id + '/reject'); status('Suggestion refusée.', 'ok'); reload(); }
        catch (e) { status(frenchMessage(e), 'error'); }
      } }, 'Refuser')));
  }
  return card;
}

function plural(n, one, many) {
  return num(n) + ' ' + (n > 1 ? many : one);
}

function detectSummary(r) {
  return 'Détection terminée (' + plural(r.offers, 'offre examinée', 'offres examinées') + ') : ' +
    plural(r.new, 'nouvelle suggestion', 'nouvelles suggestions') + ', ' +
    plural(r.updated, 'mise à jour', 'mises à jour') + ', ' +
    plural(r.kept_abandoned, 'abandonnée laissée de côté', 'abandonnées laissées de côté') + '.';
}

/* "Lancer la détection" for facilitators (their territories) and the
 * regional admin (the region or one territory); then the list again,
 * with the counts of the run. */
async function detectForm(session, onDone) {
  if (!['regional_admin', 'facilitator'].includes(session.me.role)) return null;
  const terrs = (await get('/territories?per_page=200')).items;
  const sel = h('select', { id: 'detect-territory' },
    session.me.role === 'regional_admin' ? h('option', { value: '' }, 'Toute la région') : null,
    terrs.map((t) => h('option', { value: t.id }, t.name)));
  const btn = h('button', { type: 'submit', id: 'detect-run' }, 'Lancer la détection');
  const form = h('form', { class: 'card', id: 'detect-form' },
    h('p', { class: 'hint' }, 'La détection cherche, pour les offres du périmètre choisi, les preneurs ' +
      'possibles dans le rayon (y compris hors du territoire). Les nouvelles pistes sont ajoutées comme ' +
      'suggestions, les pistes connues sont mises à jour, celles qui ont été abandonnées ne reviennent pas.'),
    h('label', { for: 'detect-territory' }, 'Périmètre'), sel, h('p', {}, btn));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    btn.disabled = true;
    status('Détection en cours…');
    try {
      const r = await post('/suggestions/run', sel.value ? { territory_id: Number(sel.value) } : {});
      status(detectSummary(r), 'ok');
      onDone(r);
    } catch (e) {
      status(e.status === 409 ? 'Une détection est déjà en cours sur ce périmètre : réessayez dans un instant.'
        : frenchMessage(e), 'error');
      btn.disabled = false;
    }
  });
  return form;
}

export async function viewSuggestions(session, lastRun) {
  const reload = () => viewSuggestions(session);
  const form = await detectForm(session, (r) => viewSuggestions(session, r));
  const data = await get('/suggestions?per_page=100');
  const mineToo = session.me.role === 'member' ? await get('/synergies?per_page=100') : { items: [] };
  const followed = mineToo.items.filter((s) => s.status !== 'suggested');
  mount(h('h1', {}, 'Suggestions'), form,
    lastRun ? h('p', { id: 'detect-result', class: 'card', role: 'status' }, detectSummary(lastRun)) : null,
    data.items.length ? [
      data.total > data.items.length ? h('p', { class: 'hint' }, num(data.items.length) + ' suggestions affichées sur ' + num(data.total) + '.') : null,
      h('div', { id: 'suggestions' }, data.items.map((s) => suggestionCard(s, session, reload)))]
      : h('p', {}, 'Aucune suggestion pour le moment.'),
    followed.length ? [h('h2', {}, 'Mises en relation en cours'), followed.map((s) => suggestionCard(s, session, reload))] : null);
}

/* A region holds thousands of suggestions and a few dozen followed
 * synergies: the board shows every followed one (up to 200 per column)
 * and the latest suggestions, with the column's total. */
const BOARD_LATEST = 60;

async function boardColumn(st) {
  if (st !== 'suggested') return get('/synergies?status=' + st + '&per_page=200');
  const first = await get('/synergies?status=suggested&per_page=' + BOARD_LATEST);
  if (first.total <= BOARD_LATEST) return first;
  // the last page holds the latest; the one before completes it to BOARD_LATEST
  const lastPage = Math.ceil(first.total / BOARD_LATEST);
  const pages = await Promise.all([lastPage - 1, lastPage].map((p) =>
    get('/synergies?status=suggested&per_page=' + BOARD_LATEST + '&page=' + p)));
  const items = pages[0].items.concat(pages[1].items).slice(-BOARD_LATEST);
  return { items, total: first.total };
}

export async function viewBoard(session) {
  const statuses = Object.keys(STATUS_FR);
  const lists = await Promise.all(statuses.map(boardColumn));
  const canMove = session.me.role === 'facilitator';
  const columns = statuses.map((st, k) => {
    const cards = lists[k].items.map((s) => {
      const card = h('article', { class: 'card', 'data-id': s.id },
        h('strong', {}, 'n° ' + s.id + ' — ' + (s.code || 'mutualisation')),
        h('div', {}, s.offer_organisation ? sideText(s.offer_organisation) + ' → ' + sideText(s.receiver_organisation) : ''));
      if (canMove) {
        const sel = h('select', { 'aria-label': 'Nouveau statut de la synergie ' + s.id, class: 'move' },
          Object.entries(STATUS_FR).map(([v, l]) => h('option', { value: v, selected: v === st }, l)));
        const reason = h('input', { placeholder: 'motif (si abandon)', 'aria-label': 'Motif', class: 'reason' });
        card.append(h('div', { class: 'row' }, sel, reason, h('button', { type: 'button', class: 'secondary move-btn', onclick: async () => {
          try {
            await patch('/synergies/' + s.id, { status: sel.value, reason: reason.value });
            status('Synergie ' + s.id + ' : ' + STATUS_FR[sel.value] + '.', 'ok');
            viewBoard(session);
          } catch (e) { status(frenchMessage(e) + (e.fields && e.fields.reason ? ' Indiquez un motif.' : ''), 'error'); }
        } }, 'Déplacer')));
      }
      return card;
    });
    const total = lists[k].total;
    return h('section', { 'aria-label': STATUS_FR[st], 'data-status': st },
      h('h2', {}, STATUS_FR[st] + ' (' + num(total) + ')'),
      total > cards.length ? h('p', { class: 'hint' }, st === 'suggested'
        ? ['Les ' + num(cards.length) + ' plus récentes ; toutes dans ', h('a', { href: '#/suggestions' }, 'Suggestions'), '.']
        : num(cards.length) + ' affichées sur ' + num(total) + '.') : null,
      cards);
  });
  mount(h('h1', {}, 'Synergies'), h('div', { class: 'board', id: 'board' }, columns));
}
