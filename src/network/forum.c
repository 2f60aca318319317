/* SPDX-License-Identifier: MIT */
/*
 * forum.c - the exchange platform's discussion threads: replies,
 * mentions (@email or @name) and in-app notifications of new replies,
 * and the accent-insensitive full-text search over threads, posts and
 * the library (FTS5 with the unicode61 remove_diacritics 2 tokenizer).
 */
#include "network_int.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MENTIONS_MAX 32
#define BODY_MAX_CHARS 20000

static bool is_token_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c >= 0x80 || c == '.' || c == '_' || c == '-' || c == '+' || c == '%' || c == '@';
}

void network_mentions_parse(const char *text, struct network_mention **out, size_t *n)
{
    struct network_mention *m = NULL;
    size_t count = 0, cap = 0;
    for (size_t i = 0; text && text[i] && count < MENTIONS_MAX; i++) {
        if (text[i] != '@' || (i > 0 && is_token_byte((unsigned char)text[i - 1])))
            continue;
        size_t start = i + 1, end = start;
        while (text[end] && is_token_byte((unsigned char)text[end]))
            end++;
        /* trailing punctuation ends the sentence, not the token */
        while (end > start && strchr(".-_+%@", text[end - 1]))
            end--;
        i = end > i ? end - 1 : i;
        if (end == start)
            continue;
        struct network_mention cur = {.is_email = memchr(text + start, '@', end - start) != NULL};
        if (cur.is_email) {
            cur.token = xmemdupz(text + start, end - start);
        } else {
            struct sb f;
            sb_init(&f, 0);
            text_fold(&f, text + start, end - start);
            cur.token = sb_detach(&f, NULL);
            sb_release(&f);
        }
        bool is_dup = cur.token[0] == '\0';
        for (size_t k = 0; !is_dup && k < count; k++)
            is_dup = m[k].is_email == cur.is_email && !strcasecmp(m[k].token, cur.token);
        if (is_dup) {
            free(cur.token);
            continue;
        }
        CORE_GROW(m, cap, count + 1);
        m[count++] = cur;
    }
    *out = m;
    *n = count;
}

void network_mentions_free(struct network_mention *m, size_t n)
{
    for (size_t i = 0; m && i < n; i++)
        free(m[i].token);
    free(m);
}

/* Accounts named by the mentions of text, other than the author, who see
 * territory_id (a mention must not reveal a thread); *ids freed with free(). */
static int resolve_mentions(struct store *s, const char *text, int64_t author, int64_t territory_id,
                            int64_t **ids, size_t *n_ids, struct err *e)
{
    struct network_mention *m = NULL;
    size_t n_m = 0, n_acc = 0, cap = 0;
    struct store_account *acc = NULL;
    *ids = NULL;
    *n_ids = 0;
    network_mentions_parse(text, &m, &n_m);
    int rc = n_m ? store_account_list(s, &acc, &n_acc, e) : ERR_OK;
    for (size_t i = 0; rc == ERR_OK && i < n_acc; i++) {
        bool is_named = false;
        struct sb f;
        sb_init(&f, 0);
        text_fold(&f, acc[i].display_name, strlen(acc[i].display_name));
        for (size_t k = 0; k < n_m && !is_named; k++)
            is_named = m[k].is_email ? !strcasecmp(m[k].token, acc[i].email)
                                     : f.len > 0 && !strcmp(m[k].token, f.buf);
        sb_release(&f);
        if (is_named && acc[i].id != author && network__sees_territory(s, &acc[i], territory_id)) {
            CORE_GROW(*ids, cap, *n_ids + 1);
            (*ids)[(*n_ids)++] = acc[i].id;
        }
    }
    store_accounts_free(acc, n_acc);
    network_mentions_free(m, n_m);
    return rc;
}

static bool contains(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

const char *network_account_label(enum store_role role, const char *display_name)
{
    if (display_name && *display_name)
        return display_name;
    switch (role) {
    case STORE_ROLE_REGIONAL_ADMIN:
        return "Coordination régionale";
    case STORE_ROLE_FACILITATOR:
        return "Animateur·rice EIT";
    case STORE_ROLE_MEMBER:
        return "Membre d'une entreprise";
    case STORE_ROLE_COLLECTOR:
        return "Collecteur";
    case STORE_ROLE_OBSERVER:
        return "Observateur·rice";
    }
    return "Participant·e";
}

/* The author's name in notifications, read from the store: the caller's
 * account as the API builds it carries no display name. */
static char *who_name(struct store *s, const struct store_account *who)
{
    if (!who)
        return xstrdup("symbiose");
    struct store_account a;
    struct err fe;
    err_init(&fe);
    if (who->id <= 0 || store_account_get(s, who->id, &a, &fe) != ERR_OK)
        return xstrdup(network_account_label(who->role, who->display_name));
    char *name = xstrdup(network_account_label(a.role, a.display_name));
    store_account_release(&a);
    return name;
}

/* Notifies the accounts mentioned in a post of thread t, then its earlier
 * participants. */
static int notify_post(struct store *s, const struct store_account *who,
                       const struct store_thread *t, const char *body, const int64_t *participants,
                       size_t n_participants, struct err *e)
{
    int64_t thread_id = t->id;
    const char *title = t->title;
    int64_t *mentioned = NULL;
    size_t n_mentioned = 0;
    char link[64];
    int w = snprintf(link, sizeof(link), "/api/v1/threads/%lld", (long long)thread_id);
    if (w < 0 || (size_t)w >= sizeof(link))
        return err_set(e, ERR_INTERNAL, "thread link too long");
    int rc = resolve_mentions(s, body, network__who_id(who), t->territory_id, &mentioned,
                              &n_mentioned, e);
    char *name = who_name(s, who);
    for (size_t i = 0; rc == ERR_OK && i < n_mentioned; i++)
        rc = network__notify(s, mentioned[i], "mention", link, e,
                             "%s vous a mentionné·e dans « %s »", name, title);
    for (size_t i = 0; rc == ERR_OK && i < n_participants; i++) {
        int64_t id = participants[i];
        if (id == network__who_id(who) || contains(mentioned, n_mentioned, id))
            continue;
        rc = network__notify(s, id, "reply", link, e, "%s a répondu dans « %s »", name, title);
    }
    free(name);
    free(mentioned);
    return rc;
}

int network_thread_create(struct store *s, const struct store_account *who, const char *title,
                          const char *body, int64_t territory_id, int64_t *thread_id, struct err *e)
{
    int rc = network_check_text("title", title, true, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_text("body", body, true, true, BODY_MAX_CHARS, e);
    if (rc == ERR_OK)
        rc = network__check_participant(who, "ouvrir une discussion", e);
    if (rc == ERR_OK && !network__sees_territory(s, who, territory_id))
        rc = network__forbidden(e, "ouvrir une discussion sur ce territoire");
    if (rc)
        return rc;
    struct store_thread t = {
        .title = (char *)title, .territory_id = territory_id, .author_id = network__who_id(who)};
    bool is_owned;
    int64_t tid = 0;
    rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    rc = store_thread_insert(s, &t, body, &tid, NULL, e);
    if (rc == ERR_CONFLICT)
        rc = err_set(e, ERR_INPUT, "territory_id : territoire %lld introuvable",
                     (long long)territory_id);
    t.id = tid;
    if (rc == ERR_OK)
        rc = notify_post(s, who, &t, body, NULL, 0, e);
    rc = store_tx_leave(s, is_owned, rc, e);
    if (rc == ERR_OK && thread_id)
        *thread_id = tid;
    return rc;
}

bool network_thread_visible(struct store *s, const struct store_account *who,
                            const struct store_thread *t)
{
    return network__sees_territory(s, who, t->territory_id);
}

/* Loads thread id if who sees it; a hidden thread is "not found", like a
 * missing one, so that its existence does not leak. */
static int load_thread(struct store *s, const struct store_account *who, int64_t id,
                       struct store_thread *out, struct err *e)
{
    int rc = store_thread_get(s, id, out, e);
    if (rc == ERR_OK && !network_thread_visible(s, who, out)) {
        store_thread_release(out);
        rc = ERR_NOT_FOUND;
    }
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "discussion %lld introuvable", (long long)id);
    return rc;
}

static void thread_release(void *t)
{
    store_thread_release(t);
}

int network_thread_list(struct store *s, const struct store_account *who, struct store_thread **out,
                        size_t *n, struct err *e)
{
    struct network__viewer v;
    int rc = store_thread_list(s, out, n, e);
    if (rc)
        return rc;
    network__viewer_init(&v, s, who);
    network__viewer_keep(&v, *out, n, sizeof(**out), offsetof(struct store_thread, territory_id),
                         thread_release);
    return ERR_OK;
}

int network_thread_get(struct store *s, const struct store_account *who, int64_t id,
                       struct store_thread *out, struct store_post **posts, size_t *n_posts,
                       struct err *e)
{
    *posts = NULL;
    *n_posts = 0;
    int rc = load_thread(s, who, id, out, e);
    if (rc)
        return rc;
    rc = store_post_list(s, id, posts, n_posts, e);
    if (rc)
        store_thread_release(out);
    return rc;
}

int network_post_create(struct store *s, const struct store_account *who, int64_t thread_id,
                        const char *body, int64_t *post_id, struct err *e)
{
    struct store_thread t;
    int64_t *participants = NULL;
    size_t n_participants = 0;
    int rc = network_check_text("body", body, true, true, BODY_MAX_CHARS, e);
    if (rc == ERR_OK)
        rc = network__check_participant(who, "répondre", e);
    if (rc)
        return rc;
    rc = load_thread(s, who, thread_id, &t, e);
    if (rc)
        return rc;
    bool is_owned;
    rc = store_tx_join(s, &is_owned, e);
    if (rc == ERR_OK)
        rc = store_thread_participants(s, thread_id, &participants, &n_participants, e);
    if (rc == ERR_OK) {
        struct store_post p = {
            .thread_id = thread_id, .author_id = network__who_id(who), .body = (char *)body};
        rc = store_post_insert(s, &p, post_id, e);
    }
    if (rc == ERR_OK)
        rc = notify_post(s, who, &t, body, participants, n_participants, e);
    rc = store_tx_leave(s, is_owned, rc, e);
    free(participants);
    store_thread_release(&t);
    return rc;
}

/* ----------------------------------------------------------------- search */

#define SEARCH_WORDS_MAX 16

int network_search_query(const char *text, struct sb *out, struct err *e)
{
    struct sb folded;
    size_t n_words = 0;
    if (!text || !utf8_valid(text, strlen(text)))
        return err_set(e, ERR_INPUT, "q : texte de recherche invalide");
    sb_init(&folded, 0);
    text_fold(&folded, text, strlen(text));
    /* folded text holds only letters, digits and single spaces: quoting
     * each word as an FTS5 string makes any operator inert */
    for (size_t i = 0; i < folded.len && n_words < SEARCH_WORDS_MAX;) {
        size_t j = i;
        while (j < folded.len && folded.buf[j] != ' ')
            j++;
        if (j > i) {
            if (n_words++)
                sb_addc(out, ' ');
            sb_addc(out, '"');
            sb_add(out, folded.buf + i, j - i);
            sb_adds(out, "\"*");
        }
        i = j + 1;
    }
    sb_release(&folded);
    if (n_words == 0)
        return err_set(e, ERR_INPUT, "q : indiquez au moins un mot à rechercher");
    return sb_finish(out, e);
}

/* Whether who sees search hit h. */
static bool hit_visible(struct store *s, const struct network__viewer *v,
                        const struct store_search_hit *h)
{
    if (strcmp(h->kind, "resource"))
        return network__viewer_sees(v, h->territory_id);
    struct store_resource r = {.territory_id = h->territory_id, .uploaded_by = -1};
    memcpy(r.visibility, h->visibility, sizeof(r.visibility));
    return network_resource_visible(s, v->who, &r);
}

/* Moves the hits v sees to the front of hits[0..n), at most limit of them;
 * returns how many. */
static size_t keep_visible(struct store *s, const struct network__viewer *v,
                           struct store_search_hit *hits, size_t n, size_t limit)
{
    size_t kept = 0;
    for (size_t i = 0; i < n && kept < limit; i++) {
        if (!hit_visible(s, v, &hits[i]))
            continue;
        struct store_search_hit tmp = hits[kept];
        hits[kept++] = hits[i];
        hits[i] = tmp;
    }
    return kept;
}

int network_search(struct store *s, const struct store_account *who, const char *text, size_t limit,
                   struct store_search_hit **out, size_t *n, struct err *e)
{
    struct sb q;
    struct network__viewer v;
    struct store_search_hit *hits = NULL;
    size_t n_hits = 0, kept = 0;
    *out = NULL;
    *n = 0;
    if (limit == 0 || limit > 200)
        limit = 50;
    network__viewer_init(&v, s, who);
    sb_init(&q, 4096);
    int rc = network_search_query(text, &q, e);
    /* the index does not know who reads: fetch more rows than asked and
     * drop hidden ones, asking again for more while hidden rows crowd out
     * the visible ones */
    for (size_t fetch = limit * 4; rc == ERR_OK; fetch *= 4) {
        store_search_hits_free(hits, n_hits);
        hits = NULL;
        n_hits = 0;
        rc = store_search(s, q.buf, fetch, &hits, &n_hits, e);
        if (rc == ERR_OK)
            kept = keep_visible(s, &v, hits, n_hits, limit);
        if (rc || kept == limit || n_hits < fetch)
            break;
    }
    sb_release(&q);
    if (rc) {
        store_search_hits_free(hits, n_hits);
        return rc;
    }
    for (size_t i = kept; i < n_hits; i++) {
        free(hits[i].title);
        free(hits[i].snippet);
    }
    *out = hits;
    *n = kept;
    return ERR_OK;
}
