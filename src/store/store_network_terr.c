/* SPDX-License-Identifier: MIT */
/*
 * store_network_terr.c - persistence of the territories registry beyond
 * store_org.c: actors and their roles, key dates, progress through the
 * shared method's checklist, jobs created, and the comparable indicators
 * computed from organisations, flows and synergies.
 */
#include "store_int.h"

#include <stdint.h>

#include <stdlib.h>
#include <string.h>

/* --------------------------------------------------------------- actors */

static const char sql_actor_insert[] =
    "INSERT INTO net_actors (territory_id, role, name, organisation_id, account_id, email,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_actor_delete[] = "DELETE FROM net_actors WHERE id = ?2 AND territory_id = ?1";
static const char sql_actor_list[] =
    "SELECT id, territory_id, role, name, organisation_id, account_id, email FROM net_actors"
    " WHERE ?1 IS NULL OR territory_id = ?1 ORDER BY territory_id, role, name, id";

int store_actor_insert(struct store *s, const struct store_actor *a, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_actor_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->territory_id);
    store__bind_text(st, 2, a->role);
    store__bind_text(st, 3, a->name);
    store__bind_id(st, 4, a->org_id);
    store__bind_id(st, 5, a->account_id);
    store__bind_text(st, 6, a->email);
    sqlite3_bind_int64(st, 7, store__now());
    return store__net_insert(s, st, id, "actor insert", e);
}

int store_actor_delete(struct store *s, int64_t territory_id, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_actor_delete, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int64(st, 2, id);
    rc = store__exec(s, st, "actor delete", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "actor %lld not found", (long long)id);
    return rc;
}

static void actor_row(sqlite3_stmt *st, void *v)
{
    struct store_actor *a = v;
    a->id = sqlite3_column_int64(st, 0);
    a->territory_id = sqlite3_column_int64(st, 1);
    store__col_copy(st, 2, a->role, sizeof(a->role));
    a->name = store__col_dup(st, 3);
    a->org_id = store__col_id(st, 4);
    a->account_id = store__col_id(st, 5);
    a->email = store__col_dup(st, 6);
}

int store_actor_list(struct store *s, int64_t territory_id, struct store_actor **out, size_t *n,
                     struct err *e)
{
    return store__net_list_by_id(s, sql_actor_list, territory_id, sizeof(**out), actor_row,
                                 (void **)out, n, "actor list", e);
}

void store_actors_free(struct store_actor *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].name);
        free(a[i].email);
    }
    free(a);
}

/* ------------------------------------------------------------ key dates */

static const char sql_date_insert[] =
    "INSERT INTO net_key_dates (territory_id, date, label) VALUES (?1, ?2, ?3)";
static const char sql_date_list[] = "SELECT id, territory_id, date, label FROM net_key_dates"
                                    " WHERE territory_id = ?1 ORDER BY date, id";

int store_key_date_insert(struct store *s, const struct store_key_date *d, int64_t *id,
                          struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_date_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, d->territory_id);
    store__bind_text(st, 2, d->date);
    store__bind_text(st, 3, d->label);
    return store__net_insert(s, st, id, "key date insert", e);
}

static void date_row(sqlite3_stmt *st, void *v)
{
    struct store_key_date *d = v;
    d->id = sqlite3_column_int64(st, 0);
    d->territory_id = sqlite3_column_int64(st, 1);
    store__col_copy(st, 2, d->date, sizeof(d->date));
    d->label = store__col_dup(st, 3);
}

int store_key_date_list(struct store *s, int64_t territory_id, struct store_key_date **out,
                        size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_date_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    return store__rows(s, st, sizeof(**out), date_row, (void **)out, n, "key dates", e);
}

void store_key_dates_free(struct store_key_date *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++)
        free(d[i].label);
    free(d);
}

/* ------------------------------------------------------------ checklist */

static const char sql_check_set[] =
    "INSERT OR REPLACE INTO net_checklist (territory_id, stage, item, done_at, done_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_check_clear[] =
    "DELETE FROM net_checklist WHERE territory_id = ?1 AND stage = ?2 AND item = ?3";
static const char sql_check_get[] =
    "SELECT item FROM net_checklist WHERE territory_id = ?1 AND stage = ?2";
static const char sql_jobs_set[] =
    "INSERT OR REPLACE INTO net_territory_jobs (territory_id, jobs_created) VALUES (?1, ?2)";

int store_checklist_set(struct store *s, int64_t territory_id, const char *stage, int item,
                        bool is_done, int64_t account_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, is_done ? sql_check_set : sql_check_clear, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    store__bind_text(st, 2, stage);
    sqlite3_bind_int(st, 3, item);
    if (is_done) {
        sqlite3_bind_int64(st, 4, store__now());
        store__bind_id(st, 5, account_id);
    }
    return store__exec(s, st, "checklist set", e);
}

int store_checklist_get(struct store *s, int64_t territory_id, const char *stage, bool *done,
                        size_t n_items, struct err *e)
{
    memset(done, 0, n_items * sizeof(*done));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_check_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    store__bind_text(st, 2, stage);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t i = sqlite3_column_int64(st, 0);
        if (i >= 0 && (size_t)i < n_items)
            done[i] = true;
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "checklist get");
    store__reset(st);
    return rc;
}

int store_territory_set_jobs(struct store *s, int64_t territory_id, int64_t jobs, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_jobs_set, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int64(st, 2, jobs);
    return store__exec(s, st, "territory jobs", e);
}

/* ----------------------------------------------------------- indicators */

/*
 * The comparable indicators to date: the evaluation's own figures
 * (store_eval_computed over all time), so that this table and the yearly
 * evaluation never disagree.
 */
int store_indicators_list(struct store *s, struct store_indicators **out, size_t *n, struct err *e)
{
    struct store_eval_computed *rows = NULL;
    size_t n_rows = 0;
    *out = NULL;
    *n = 0;
    int rc = store_eval_computed(s, 0, INT64_MAX / 2, 0, &rows, &n_rows, e);
    if (rc == ERR_OK && n_rows) {
        *out = xcalloc(n_rows, sizeof(**out));
        for (size_t i = 0; i < n_rows; i++) {
            struct store_indicators *r = &(*out)[i];
            r->territory_id = rows[i].territory_id;
            r->territory_name = rows[i].territory_name;
            rows[i].territory_name = NULL;
            memcpy(r->stage, rows[i].stage, sizeof(r->stage));
            r->companies = rows[i].companies;
            r->flows = rows[i].offers + rows[i].needs;
            memcpy(r->synergies, rows[i].in_status, sizeof(r->synergies));
            r->t_diverted = rows[i].t_diverted;
            r->co2e_t = rows[i].co2e_t;
            r->eur_saved = rows[i].eur_saved;
            r->jobs_created = rows[i].jobs;
        }
        *n = n_rows;
    }
    store_eval_computed_free(rows, n_rows);
    return rc;
}

void store_indicators_free(struct store_indicators *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].territory_name);
    free(r);
}
