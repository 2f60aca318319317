/* SPDX-License-Identifier: MIT */
/*
 * store_network_forum.c - persistence of the exchange platform: forum
 * threads and posts, in-app notifications, the library's resources
 * (metadata only: files live in the files folder, see network/library.c)
 * and the FTS5 search index that triggers keep up to date.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* -------------------------------------------------------------- threads */

static const char sql_thread_insert[] =
    "INSERT INTO net_threads (title, territory_id, author_id, created_at) VALUES (?1, ?2, ?3, ?4)";
#define THREAD_COLS                                                                                \
    "t.id, t.title, t.territory_id, t.author_id, t.created_at,"                                    \
    " (SELECT max(created_at) FROM net_posts p WHERE p.thread_id = t.id),"                         \
    " (SELECT count(*) FROM net_posts p WHERE p.thread_id = t.id),"                                \
    " coalesce(a.display_name, ''), a.role"
static const char sql_thread_get[] = "SELECT " THREAD_COLS " FROM net_threads t"
                                     " LEFT JOIN accounts a ON a.id = t.author_id WHERE t.id = ?1";
static const char sql_thread_list[] = "SELECT " THREAD_COLS " FROM net_threads t"
                                      " LEFT JOIN accounts a ON a.id = t.author_id"
                                      " ORDER BY 6 DESC, t.id DESC";
static const char sql_post_insert[] =
    "INSERT INTO net_posts (thread_id, author_id, body, created_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_post_list[] = "SELECT p.id, p.thread_id, p.author_id, p.body, p.created_at,"
                                    " coalesce(a.display_name, ''), a.role"
                                    " FROM net_posts p LEFT JOIN accounts a ON a.id = p.author_id"
                                    " WHERE p.thread_id = ?1 ORDER BY p.id";
static const char sql_thread_participants[] =
    "SELECT DISTINCT author_id FROM net_posts WHERE thread_id = ?1 AND author_id IS NOT NULL"
    " ORDER BY author_id";

int store_post_insert(struct store *s, const struct store_post *p, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_post_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, p->thread_id);
    store__bind_id(st, 2, p->author_id);
    store__bind_text(st, 3, p->body);
    sqlite3_bind_int64(st, 4, store__now());
    return store__net_insert(s, st, id, "post insert", e);
}

int store_thread_insert(struct store *s, const struct store_thread *t, const char *body,
                        int64_t *thread_id, int64_t *post_id, struct err *e)
{
    bool is_owned;
    int rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = store__stmt(s, sql_thread_insert, &st, e);
    if (rc == ERR_OK) {
        store__bind_text(st, 1, t->title);
        store__bind_id(st, 2, t->territory_id);
        store__bind_id(st, 3, t->author_id);
        sqlite3_bind_int64(st, 4, store__now());
        rc = store__exec(s, st, "thread insert", e);
    }
    if (rc == ERR_OK) {
        struct store_post p = {.thread_id = sqlite3_last_insert_rowid(s->db),
                               .author_id = t->author_id,
                               .body = (char *)body};
        if (thread_id)
            *thread_id = p.thread_id;
        rc = store_post_insert(s, &p, post_id, e);
    }
    return store_tx_leave(s, is_owned, rc, e);
}

static void thread_row(sqlite3_stmt *st, void *v)
{
    struct store_thread *t = v;
    t->id = sqlite3_column_int64(st, 0);
    t->title = store__col_dup(st, 1);
    t->territory_id = store__col_id(st, 2);
    t->author_id = store__col_id(st, 3);
    t->created_at = sqlite3_column_int64(st, 4);
    t->last_post_at = store__col_id(st, 5);
    t->n_posts = (size_t)sqlite3_column_int64(st, 6);
    t->author_name = store__col_dup(st, 7);
    t->author_role = (enum store_role)store__col_vocab(st, 8, STORE_V_ROLE);
}

int store_thread_get(struct store *s, int64_t id, struct store_thread *out, struct err *e)
{
    return store__net_get_by_id(s, sql_thread_get, id, out, sizeof(*out), thread_row, "thread", e);
}

int store_thread_list(struct store *s, struct store_thread **out, size_t *n, struct err *e)
{
    return store__net_list_by_id(s, sql_thread_list, 0, sizeof(**out), thread_row, (void **)out, n,
                                 "thread list", e);
}

static void post_row(sqlite3_stmt *st, void *v)
{
    struct store_post *p = v;
    p->id = sqlite3_column_int64(st, 0);
    p->thread_id = sqlite3_column_int64(st, 1);
    p->author_id = store__col_id(st, 2);
    p->body = store__col_dup(st, 3);
    p->created_at = sqlite3_column_int64(st, 4);
    p->author_name = store__col_dup(st, 5);
    p->author_role = (enum store_role)store__col_vocab(st, 6, STORE_V_ROLE);
}

int store_post_list(struct store *s, int64_t thread_id, struct store_post **out, size_t *n,
                    struct err *e)
{
    return store__net_list_by_id(s, sql_post_list, thread_id, sizeof(**out), post_row, (void **)out,
                                 n, "post list", e);
}

static void id_row(sqlite3_stmt *st, void *v)
{
    *(int64_t *)v = sqlite3_column_int64(st, 0);
}

int store_thread_participants(struct store *s, int64_t thread_id, int64_t **ids, size_t *n,
                              struct err *e)
{
    *ids = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_thread_participants, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, thread_id);
    return store__rows(s, st, sizeof(**ids), id_row, (void **)ids, n, "participants", e);
}

void store_thread_release(struct store_thread *t)
{
    if (!t)
        return;
    free(t->title);
    free(t->author_name);
    memset(t, 0, sizeof(*t));
}

void store_threads_free(struct store_thread *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++)
        store_thread_release(&t[i]);
    free(t);
}

void store_posts_free(struct store_post *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++) {
        free(p[i].body);
        free(p[i].author_name);
    }
    free(p);
}

/* -------------------------------------------------------- notifications */

static const char sql_notif_add[] =
    "INSERT INTO net_notifications (account_id, kind, text, link, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_notif_list[] =
    "SELECT id, account_id, kind, text, link, created_at, read_at FROM net_notifications"
    " WHERE account_id = ?1 AND (?2 = 0 OR read_at IS NULL) ORDER BY id DESC LIMIT 200";
static const char sql_notif_read[] =
    "UPDATE net_notifications SET read_at = ?3 WHERE account_id = ?1 AND (?2 IS NULL OR id = ?2)"
    " AND read_at IS NULL";

int store_notification_add(struct store *s, const struct store_notification *n, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_notif_add, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, n->account_id);
    store__bind_text(st, 2, n->kind);
    store__bind_text(st, 3, n->text);
    store__bind_text(st, 4, n->link);
    sqlite3_bind_int64(st, 5, store__now());
    return store__exec(s, st, "notification add", e);
}

static void notif_row(sqlite3_stmt *st, void *v)
{
    struct store_notification *n = v;
    n->id = sqlite3_column_int64(st, 0);
    n->account_id = sqlite3_column_int64(st, 1);
    store__col_copy(st, 2, n->kind, sizeof(n->kind));
    n->text = store__col_dup(st, 3);
    store__col_copy(st, 4, n->link, sizeof(n->link));
    n->created_at = sqlite3_column_int64(st, 5);
    n->read_at = store__col_id(st, 6);
}

int store_notification_list(struct store *s, int64_t account_id, bool is_unread_only,
                            struct store_notification **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_notif_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_int(st, 2, is_unread_only ? 1 : 0);
    return store__rows(s, st, sizeof(**out), notif_row, (void **)out, n, "notifications", e);
}

int store_notification_mark_read(struct store *s, int64_t account_id, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_notif_read, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    store__bind_id(st, 2, id);
    sqlite3_bind_int64(st, 3, store__now());
    return store__exec(s, st, "notification read", e);
}

void store_notifications_free(struct store_notification *n, size_t count)
{
    for (size_t i = 0; n && i < count; i++)
        free(n[i].text);
    free(n);
}

/* ------------------------------------------------------------ resources */

static const char sql_res_insert[] =
    "INSERT INTO net_resources (kind, title, description, territory_id, visibility, mime,"
    " size_bytes, storage_name, original_name, uploaded_by, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
#define RES_COLS                                                                                   \
    "id, kind, title, description, territory_id, visibility, mime, size_bytes, storage_name,"      \
    " original_name, uploaded_by, created_at"
static const char sql_res_get[] = "SELECT " RES_COLS " FROM net_resources WHERE id = ?1";
static const char sql_res_list[] = "SELECT " RES_COLS " FROM net_resources ORDER BY id DESC";
static const char sql_res_delete[] = "DELETE FROM net_resources WHERE id = ?1";

int store_resource_insert(struct store *s, const struct store_resource *r, int64_t *id,
                          struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_res_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, r->kind);
    store__bind_text(st, 2, r->title);
    store__bind_text(st, 3, r->description);
    store__bind_id(st, 4, r->territory_id);
    store__bind_text(st, 5, r->visibility);
    store__bind_text(st, 6, r->mime);
    sqlite3_bind_int64(st, 7, r->size_bytes);
    store__bind_text(st, 8, r->storage_name);
    store__bind_text(st, 9, r->original_name);
    store__bind_id(st, 10, r->uploaded_by);
    sqlite3_bind_int64(st, 11, store__now());
    return store__net_insert(s, st, id, "resource insert", e);
}

static void res_row(sqlite3_stmt *st, void *v)
{
    struct store_resource *r = v;
    r->id = sqlite3_column_int64(st, 0);
    store__col_copy(st, 1, r->kind, sizeof(r->kind));
    r->title = store__col_dup(st, 2);
    r->description = store__col_dup(st, 3);
    r->territory_id = store__col_id(st, 4);
    store__col_copy(st, 5, r->visibility, sizeof(r->visibility));
    store__col_copy(st, 6, r->mime, sizeof(r->mime));
    r->size_bytes = sqlite3_column_int64(st, 7);
    store__col_copy(st, 8, r->storage_name, sizeof(r->storage_name));
    r->original_name = store__col_dup(st, 9);
    r->uploaded_by = store__col_id(st, 10);
    r->created_at = sqlite3_column_int64(st, 11);
}

int store_resource_get(struct store *s, int64_t id, struct store_resource *out, struct err *e)
{
    return store__net_get_by_id(s, sql_res_get, id, out, sizeof(*out), res_row, "resource", e);
}

int store_resource_list(struct store *s, struct store_resource **out, size_t *n, struct err *e)
{
    return store__net_list_by_id(s, sql_res_list, 0, sizeof(**out), res_row, (void **)out, n,
                                 "resource list", e);
}

int store_resource_delete(struct store *s, int64_t id, struct err *e)
{
    return store__net_exec_id(s, sql_res_delete, id, "resource", e);
}

void store_resource_release(struct store_resource *r)
{
    if (!r)
        return;
    free(r->title);
    free(r->description);
    free(r->original_name);
    memset(r, 0, sizeof(*r));
}

void store_resources_free(struct store_resource *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        store_resource_release(&r[i]);
    free(r);
}

/* --------------------------------------------------------------- search */

/* The hit's title, thread and territory come from the row it indexes. */
static const char sql_search[] =
    "SELECT f.kind, f.ref_id,"
    " CASE f.kind WHEN 'thread' THEN f.ref_id WHEN 'post' THEN p.thread_id ELSE 0 END,"
    " coalesce(t.territory_id, pt.territory_id, r.territory_id, 0),"
    " coalesce(r.visibility, ''),"
    " coalesce(t.title, pt.title, r.title, ''),"
    " snippet(net_search, -1, '[', ']', '…', 12), bm25(net_search)"
    " FROM net_search f"
    " LEFT JOIN net_threads t ON f.kind = 'thread' AND t.id = f.ref_id"
    " LEFT JOIN net_posts p ON f.kind = 'post' AND p.id = f.ref_id"
    " LEFT JOIN net_threads pt ON pt.id = p.thread_id"
    " LEFT JOIN net_resources r ON f.kind = 'resource' AND r.id = f.ref_id"
    " WHERE net_search MATCH ?1 ORDER BY bm25(net_search), f.rowid LIMIT ?2";

static void hit_row(sqlite3_stmt *st, void *v)
{
    struct store_search_hit *h = v;
    store__col_copy(st, 0, h->kind, sizeof(h->kind));
    h->id = sqlite3_column_int64(st, 1);
    h->thread_id = sqlite3_column_int64(st, 2);
    h->territory_id = sqlite3_column_int64(st, 3);
    store__col_copy(st, 4, h->visibility, sizeof(h->visibility));
    h->title = store__col_dup(st, 5);
    h->snippet = store__col_dup(st, 6);
    h->rank = sqlite3_column_double(st, 7);
}

int store_search(struct store *s, const char *fts_query, size_t limit,
                 struct store_search_hit **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_search, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, fts_query);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : 50);
    return store__rows(s, st, sizeof(**out), hit_row, (void **)out, n, "search", e);
}

void store_search_hits_free(struct store_search_hit *h, size_t n)
{
    for (size_t i = 0; h && i < n; i++) {
        free(h[i].title);
        free(h[i].snippet);
    }
    free(h);
}
