/* SPDX-License-Identifier: MIT */
/*
 * store_synergy.c - synergies (substitutions and mutualisations) with the
 * history of every status change, and pools with their members.
 */
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void store_effects_unknown(struct store_effects *fx)
{
    fx->t_diverted = NAN;
    fx->co2e_t = NAN;
    fx->eur_saved = NAN;
    fx->km = NAN;
}

/* ------------------------------------------------------------- synergies */

static const char sql_syn_insert[] =
    "INSERT INTO synergies (kind, offer_flow_id, need_flow_id, receiver_org_id, pool_id, status,"
    " reason, note, est_t_diverted, est_co2e_t, est_eur_saved, est_km, meas_t_diverted,"
    " meas_co2e_t, meas_eur_saved, meas_km, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)";
static const char sql_syn_history[] =
    "INSERT INTO synergy_status_history (synergy_id, at, from_status, to_status, account_id,"
    " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_syn_status_get[] = "SELECT status FROM synergies WHERE id = ?1";
static const char sql_syn_status_set[] =
    "UPDATE synergies SET status = ?2, reason = ?3, updated_at = ?4 WHERE id = ?1";
static const char sql_syn_effects[] =
    "UPDATE synergies SET est_t_diverted = ?2, est_co2e_t = ?3, est_eur_saved = ?4, est_km = ?5,"
    " meas_t_diverted = ?6, meas_co2e_t = ?7, meas_eur_saved = ?8, meas_km = ?9,"
    " updated_at = ?10 WHERE id = ?1";
#define SYN_COLS                                                                                   \
    "s.id, s.kind, s.offer_flow_id, s.need_flow_id, s.receiver_org_id, s.pool_id, s.status,"       \
    " s.reason, s.note, s.est_t_diverted, s.est_co2e_t, s.est_eur_saved, s.est_km,"                \
    " s.meas_t_diverted, s.meas_co2e_t, s.meas_eur_saved, s.meas_km, s.created_at, s.updated_at"
static const char sql_syn_get[] = "SELECT " SYN_COLS " FROM synergies s WHERE s.id = ?1";
static const char sql_syn_list[] =
    "SELECT " SYN_COLS " FROM synergies s"
    " LEFT JOIN flows f ON f.id = s.offer_flow_id"
    " LEFT JOIN organisations o ON o.id = f.organisation_id"
    " LEFT JOIN pools p ON p.id = s.pool_id"
    " WHERE (?1 IS NULL OR coalesce(o.territory_id, p.territory_id) = ?1)"
    " AND (?2 IS NULL OR o.id = ?2 OR s.receiver_org_id = ?2)"
    " AND (?3 IS NULL OR substr(coalesce(f.code, p.code), 1, length(?3)) = ?3)"
    " ORDER BY s.id LIMIT ?6 OFFSET ?7";
static const char sql_syn_hist_list[] =
    "SELECT at, from_status, to_status, account_id, reason FROM synergy_status_history"
    " WHERE synergy_id = ?1 ORDER BY id";

static void bind_effects(sqlite3_stmt *st, int first, const struct store_effects *fx)
{
    store__bind_real_or_null(st, first, fx->t_diverted, true);
    store__bind_real_or_null(st, first + 1, fx->co2e_t, true);
    store__bind_real_or_null(st, first + 2, fx->eur_saved, true);
    store__bind_real_or_null(st, first + 3, fx->km, true);
}

static int syn_history_add(struct store *s, int64_t id, int from, enum store_status to,
                           const char *reason, int64_t actor_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_history, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, store__now());
    if (from >= 0)
        store__bind_text(st, 3, store_vocab_name(STORE_V_STATUS, from));
    store__bind_text(st, 4, store_vocab_name(STORE_V_STATUS, (int)to));
    store__bind_id(st, 5, actor_id);
    store__bind_text(st, 6, reason);
    return store__exec(s, st, "synergy history", e);
}

int store_synergy_insert(struct store *s, const struct store_synergy *syn, int64_t actor_id,
                         int64_t *id, struct err *e)
{
    if (syn->status == STORE_STATUS_ABANDONED && (!syn->reason || !syn->reason[0]))
        return err_set(e, ERR_INPUT, "status: abandoning needs a reason");
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, store_vocab_name(STORE_V_SYNERGY_KIND, (int)syn->kind));
    store__bind_id(st, 2, syn->offer_flow_id);
    store__bind_id(st, 3, syn->need_flow_id);
    store__bind_id(st, 4, syn->receiver_org_id);
    store__bind_id(st, 5, syn->pool_id);
    store__bind_text(st, 6, store_vocab_name(STORE_V_STATUS, (int)syn->status));
    store__bind_text(st, 7, syn->reason);
    store__bind_text(st, 8, syn->note);
    bind_effects(st, 9, &syn->estimated);
    bind_effects(st, 13, &syn->measured);
    sqlite3_bind_int64(st, 17, store__now());
    rc = store__exec(s, st, "synergy insert", e);
    if (rc)
        return rc;
    int64_t new_id = sqlite3_last_insert_rowid(s->db);
    rc = syn_history_add(s, new_id, -1, syn->status, syn->reason, actor_id, e);
    if (rc == ERR_OK && id)
        *id = new_id;
    return rc;
}

int store_synergy_set_status(struct store *s, int64_t id, enum store_status status,
                             const char *reason, int64_t actor_id, struct err *e)
{
    if (status == STORE_STATUS_ABANDONED && (!reason || !reason[0]))
        return err_set(e, ERR_INPUT, "status: abandoning needs a reason");
    if ((int)status < 0 || (int)status >= store_vocab_count(STORE_V_STATUS))
        return err_set(e, ERR_INPUT, "status: out of range");
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_status_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    int from = -1;
    if (step == SQLITE_ROW)
        from = store__col_vocab(st, 0, STORE_V_STATUS);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "synergy %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "synergy status");
    store__reset(st);
    if (rc)
        return rc;
    rc = store__stmt(s, sql_syn_status_set, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, store_vocab_name(STORE_V_STATUS, (int)status));
    store__bind_text(st, 3, status == STORE_STATUS_ABANDONED ? reason : "");
    sqlite3_bind_int64(st, 4, store__now());
    rc = store__exec(s, st, "synergy status", e);
    if (rc)
        return rc;
    return syn_history_add(s, id, from, status, reason, actor_id, e);
}

int store_synergy_set_effects(struct store *s, int64_t id, const struct store_effects *estimated,
                              const struct store_effects *measured, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_effects, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    bind_effects(st, 2, estimated);
    bind_effects(st, 6, measured);
    sqlite3_bind_int64(st, 10, store__now());
    rc = store__exec(s, st, "synergy effects", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "synergy %lld not found", (long long)id);
    return rc;
}

static void read_effects(sqlite3_stmt *st, int first, struct store_effects *fx)
{
    fx->t_diverted = store__col_real_or_nan(st, first);
    fx->co2e_t = store__col_real_or_nan(st, first + 1);
    fx->eur_saved = store__col_real_or_nan(st, first + 2);
    fx->km = store__col_real_or_nan(st, first + 3);
}

static void syn_read_row(sqlite3_stmt *st, struct store_synergy *syn)
{
    memset(syn, 0, sizeof(*syn));
    syn->id = sqlite3_column_int64(st, 0);
    syn->kind = (enum store_synergy_kind)store__col_vocab(st, 1, STORE_V_SYNERGY_KIND);
    syn->offer_flow_id = sqlite3_column_int64(st, 2);
    syn->need_flow_id = sqlite3_column_int64(st, 3);
    syn->receiver_org_id = sqlite3_column_int64(st, 4);
    syn->pool_id = sqlite3_column_int64(st, 5);
    syn->status = (enum store_status)store__col_vocab(st, 6, STORE_V_STATUS);
    syn->reason = store__col_dup(st, 7);
    syn->note = store__col_dup(st, 8);
    read_effects(st, 9, &syn->estimated);
    read_effects(st, 13, &syn->measured);
    syn->created_at = sqlite3_column_int64(st, 17);
    syn->updated_at = sqlite3_column_int64(st, 18);
}

int store_synergy_get(struct store *s, int64_t id, struct store_synergy *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        syn_read_row(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "synergy %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "synergy get");
    store__reset(st);
    return rc;
}

int store_synergy_list(struct store *s, const struct store_filter *f, struct store_synergy **out,
                       size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_list, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    struct store_synergy *ss = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(ss, cap, count + 1);
        syn_read_row(st, &ss[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "synergy list");
    store__reset(st);
    if (rc) {
        store_synergies_free(ss, count);
        return rc;
    }
    *out = ss;
    *n = count;
    return ERR_OK;
}

int store_synergy_history(struct store *s, int64_t id, struct store_status_change **out, size_t *n,
                          struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_hist_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    struct store_status_change *cs = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(cs, cap, count + 1);
        struct store_status_change *c = &cs[count++];
        c->at = sqlite3_column_int64(st, 0);
        c->from_status = sqlite3_column_type(st, 1) == SQLITE_NULL
                             ? -1
                             : store__col_vocab(st, 1, STORE_V_STATUS);
        c->to_status = (enum store_status)store__col_vocab(st, 2, STORE_V_STATUS);
        c->account_id = sqlite3_column_int64(st, 3);
        c->reason = store__col_dup(st, 4);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "synergy history");
    store__reset(st);
    if (rc) {
        store_status_changes_free(cs, count);
        return rc;
    }
    *out = cs;
    *n = count;
    return ERR_OK;
}

void store_synergy_release(struct store_synergy *syn)
{
    if (!syn)
        return;
    free(syn->reason);
    free(syn->note);
    memset(syn, 0, sizeof(*syn));
}

void store_synergies_free(struct store_synergy *syns, size_t n)
{
    for (size_t i = 0; syns && i < n; i++)
        store_synergy_release(&syns[i]);
    free(syns);
}

void store_status_changes_free(struct store_status_change *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        free(c[i].reason);
    free(c);
}

/* ----------------------------------------------------------------- pools */

static const char sql_pool_insert[] =
    "INSERT INTO pools (name, kind, territory_id, code, description, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_pool_member_add[] =
    "INSERT INTO pool_members (pool_id, organisation_id, flow_id, joined_at)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char sql_pool_member_rm[] =
    "DELETE FROM pool_members WHERE pool_id = ?1 AND organisation_id = ?2";
#define POOL_COLS                                                                                  \
    "p.id, p.name, p.kind, p.territory_id, p.code, p.description,"                                 \
    " (SELECT count(*) FROM pool_members m WHERE m.pool_id = p.id)"
static const char sql_pool_get[] = "SELECT " POOL_COLS " FROM pools p WHERE p.id = ?1";
static const char sql_pool_list[] =
    "SELECT " POOL_COLS " FROM pools p WHERE (?1 IS NULL OR p.territory_id = ?1)"
    " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM pool_members m WHERE m.pool_id = p.id"
    "  AND m.organisation_id = ?2))"
    " AND (?3 IS NULL OR substr(p.code, 1, length(?3)) = ?3)"
    " ORDER BY p.id LIMIT ?6 OFFSET ?7";
static const char sql_pool_members[] =
    "SELECT pool_id, organisation_id, flow_id FROM pool_members WHERE pool_id = ?1"
    " ORDER BY organisation_id";

int store_pool_insert(struct store *s, const struct store_pool *p, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_pool_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, p->name);
    store__bind_text(st, 2, store_vocab_name(STORE_V_POOL_KIND, (int)p->kind));
    store__bind_id(st, 3, p->territory_id);
    store__bind_text(st, 4, p->code);
    store__bind_text(st, 5, p->description);
    sqlite3_bind_int64(st, 6, store__now());
    rc = store__exec(s, st, "pool insert", e);
    if (rc == ERR_OK && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_pool_member_add(struct store *s, const struct store_pool_member *m, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_pool_member_add, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, m->pool_id);
    sqlite3_bind_int64(st, 2, m->org_id);
    store__bind_id(st, 3, m->flow_id);
    sqlite3_bind_int64(st, 4, store__now());
    return store__exec(s, st, "pool member add", e);
}

int store_pool_member_remove(struct store *s, int64_t pool_id, int64_t org_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_pool_member_rm, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, pool_id);
    sqlite3_bind_int64(st, 2, org_id);
    rc = store__exec(s, st, "pool member remove", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "organisation %lld is not in pool %lld", (long long)org_id,
                     (long long)pool_id);
    return rc;
}

static void pool_read_row(sqlite3_stmt *st, struct store_pool *p)
{
    memset(p, 0, sizeof(*p));
    p->id = sqlite3_column_int64(st, 0);
    p->name = store__col_dup(st, 1);
    p->kind = (enum store_pool_kind)store__col_vocab(st, 2, STORE_V_POOL_KIND);
    p->territory_id = sqlite3_column_int64(st, 3);
    store__col_copy(st, 4, p->code, sizeof(p->code));
    p->description = store__col_dup(st, 5);
    p->n_members = (size_t)sqlite3_column_int64(st, 6);
}

int store_pool_get(struct store *s, int64_t id, struct store_pool *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_pool_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        pool_read_row(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "pool %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "pool get");
    store__reset(st);
    return rc;
}

int store_pool_list(struct store *s, const struct store_filter *f, struct store_pool **out,
                    size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_pool_list, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    struct store_pool *ps = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(ps, cap, count + 1);
        pool_read_row(st, &ps[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "pool list");
    store__reset(st);
    if (rc) {
        store_pools_free(ps, count);
        return rc;
    }
    *out = ps;
    *n = count;
    return ERR_OK;
}

int store_pool_members(struct store *s, int64_t pool_id, struct store_pool_member **out, size_t *n,
                       struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_pool_members, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, pool_id);
    struct store_pool_member *ms = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(ms, cap, count + 1);
        ms[count].pool_id = sqlite3_column_int64(st, 0);
        ms[count].org_id = sqlite3_column_int64(st, 1);
        ms[count].flow_id = sqlite3_column_int64(st, 2);
        count++;
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "pool members");
    store__reset(st);
    if (rc) {
        free(ms);
        return rc;
    }
    *out = ms;
    *n = count;
    return ERR_OK;
}

void store_pool_release(struct store_pool *p)
{
    if (!p)
        return;
    free(p->name);
    free(p->description);
    memset(p, 0, sizeof(*p));
}

void store_pools_free(struct store_pool *ps, size_t n)
{
    for (size_t i = 0; ps && i < n; i++)
        store_pool_release(&ps[i]);
    free(ps);
}
