/* SPDX-License-Identifier: MIT */
/*
 * store_optim.c - persistence of the optimisation results (store.h,
 * section "optimisation"): the migration that creates their tables, and
 * the allocation plans with their lines. Collectors, depots, vehicles and
 * saved rounds are in store_optim_rounds.c.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

const char *const store__migration_optim[] = {
    "CREATE TABLE alloc_plans ( id INTEGER PRIMARY KEY,"
    " created_at INTEGER NOT NULL,"
    " created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE CASCADE,"
    " n_candidates INTEGER NOT NULL CHECK (n_candidates >= 0),"
    " best_t REAL NOT NULL, best_eur REAL NOT NULL, best_co2e_t REAL NOT NULL,"
    " best_disposed_t REAL NOT NULL, best_pairs INTEGER NOT NULL,"
    " greedy_t REAL NOT NULL, greedy_eur REAL NOT NULL, greedy_co2e_t REAL NOT NULL,"
    " greedy_disposed_t REAL NOT NULL, greedy_pairs INTEGER NOT NULL)",
    "CREATE INDEX alloc_plans_territory ON alloc_plans(territory_id, created_at)",
    "CREATE TABLE alloc_plan_lines ( plan_id INTEGER NOT NULL REFERENCES alloc_plans(id) ON "
    "DELETE CASCADE,"
    " synergy_id INTEGER NOT NULL REFERENCES synergies(id) ON DELETE CASCADE,"
    " tonnes REAL NOT NULL CHECK (tonnes >= 0),"
    " greedy_tonnes REAL NOT NULL CHECK (greedy_tonnes >= 0),"
    " eur REAL NOT NULL, co2e_t REAL NOT NULL,"
    " PRIMARY KEY (plan_id, synergy_id))",
    "CREATE TABLE collectors ( id INTEGER PRIMARY KEY,"
    " organisation_id INTEGER NOT NULL UNIQUE REFERENCES organisations(id) ON DELETE CASCADE,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE collector_depots ( id INTEGER PRIMARY KEY,"
    " collector_id INTEGER NOT NULL REFERENCES collectors(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',"
    " lat REAL NOT NULL CHECK (lat >= -90 AND lat <= 90),"
    " lon REAL NOT NULL CHECK (lon >= -180 AND lon <= 180))",
    "CREATE INDEX collector_depots_collector ON collector_depots(collector_id)",
    "CREATE TABLE collector_vehicles ( id INTEGER PRIMARY KEY,"
    " collector_id INTEGER NOT NULL REFERENCES collectors(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL DEFAULT '',"
    " capacity_kg REAL NOT NULL CHECK (capacity_kg > 0),"
    " cost_eur_per_km REAL NOT NULL CHECK (cost_eur_per_km >= 0),"
    " co2e_kg_per_km REAL NOT NULL CHECK (co2e_kg_per_km >= 0))",
    "CREATE INDEX collector_vehicles_collector ON collector_vehicles(collector_id)",
    "CREATE TABLE collection_rounds ( id INTEGER PRIMARY KEY,"
    " collection_id INTEGER NOT NULL REFERENCES net_collections(id) ON DELETE CASCADE,"
    " collector_id INTEGER REFERENCES collectors(id) ON DELETE SET NULL,"
    " vehicle_id INTEGER REFERENCES collector_vehicles(id) ON DELETE SET NULL,"
    " depot_id INTEGER REFERENCES collector_depots(id) ON DELETE SET NULL,"
    " round_date TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " depot_lat REAL NOT NULL, depot_lon REAL NOT NULL,"
    " capacity_kg REAL NOT NULL CHECK (capacity_kg > 0),"
    " detour_factor REAL NOT NULL CHECK (detour_factor >= 1),"
    " speed_kmh REAL NOT NULL CHECK (speed_kmh > 0),"
    " stop_min REAL NOT NULL CHECK (stop_min >= 0),"
    " n_routes INTEGER NOT NULL CHECK (n_routes >= 0),"
    " km REAL NOT NULL, duration_min REAL NOT NULL, co2e_kg REAL NOT NULL,"
    " cost_eur REAL NOT NULL,"
    " baseline_km REAL NOT NULL, baseline_min REAL NOT NULL,"
    " baseline_co2e_kg REAL NOT NULL)",
    "CREATE INDEX collection_rounds_collection ON collection_rounds(collection_id, created_at)",
    "CREATE TABLE collection_round_stops ( round_id INTEGER NOT NULL REFERENCES "
    "collection_rounds(id) ON DELETE CASCADE,"
    " route_no INTEGER NOT NULL CHECK (route_no >= 1),"
    " seq INTEGER NOT NULL CHECK (seq >= 1),"
    " organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " demand_kg REAL NOT NULL CHECK (demand_kg >= 0),"
    " lat REAL NOT NULL, lon REAL NOT NULL,"
    " baseline_km REAL NOT NULL,"
    " site_name TEXT NOT NULL DEFAULT '',"
    " PRIMARY KEY (round_id, route_no, seq))",
    NULL,
};

/* ------------------------------------------------------------------ plans */

static const char sql_plan_insert[] =
    "INSERT INTO alloc_plans (created_at, created_by, territory_id, n_candidates, best_t,"
    " best_eur, best_co2e_t, best_disposed_t, best_pairs, greedy_t, greedy_eur, greedy_co2e_t,"
    " greedy_disposed_t, greedy_pairs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
    " ?12, ?13, ?14)";
static const char sql_line_insert[] =
    "INSERT INTO alloc_plan_lines (plan_id, synergy_id, tonnes, greedy_tonnes, eur, co2e_t)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
#define PLAN_COLS                                                                                  \
    "p.id, p.created_at, p.created_by, p.territory_id, p.n_candidates, p.best_t, p.best_eur,"      \
    " p.best_co2e_t, p.best_disposed_t, p.best_pairs, p.greedy_t, p.greedy_eur, p.greedy_co2e_t,"  \
    " p.greedy_disposed_t, p.greedy_pairs, t.name"                                                 \
    " FROM alloc_plans p LEFT JOIN territories t ON t.id = p.territory_id"
static const char sql_plan_get[] = "SELECT " PLAN_COLS " WHERE p.id = ?1";
/* ?1 territory (-1 all, 0 region only), ?2 limit (-1 none) */
static const char sql_plan_list[] =
    "SELECT " PLAN_COLS " WHERE ?1 = -1 OR (?1 = 0 AND p.territory_id IS NULL)"
    " OR p.territory_id = ?1 ORDER BY p.created_at DESC, p.id DESC LIMIT ?2";
static const char sql_plan_lines[] =
    "SELECT l.plan_id, l.synergy_id, l.tonnes, l.greedy_tonnes, l.eur, l.co2e_t,"
    " y.offer_flow_id, y.need_flow_id, f.organisation_id, y.receiver_org_id, f.code, o.name,"
    " r.name FROM alloc_plan_lines l JOIN synergies y ON y.id = l.synergy_id"
    " LEFT JOIN flows f ON f.id = y.offer_flow_id"
    " LEFT JOIN organisations o ON o.id = f.organisation_id"
    " LEFT JOIN organisations r ON r.id = y.receiver_org_id"
    " WHERE l.plan_id = ?1 ORDER BY l.tonnes DESC, l.synergy_id";

static void bind_totals(sqlite3_stmt *st, int first, const struct store_alloc_totals *t)
{
    sqlite3_bind_double(st, first, t->t);
    sqlite3_bind_double(st, first + 1, t->eur);
    sqlite3_bind_double(st, first + 2, t->co2e_t);
    sqlite3_bind_double(st, first + 3, t->disposed_t);
    sqlite3_bind_int64(st, first + 4, t->n_pairs);
}

static int plan_insert_lines(struct store *s, int64_t plan_id, const void *rows, size_t n,
                             struct err *e)
{
    const struct store_alloc_line *lines = rows;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_line_insert, &st, e);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        sqlite3_bind_int64(st, 1, plan_id);
        sqlite3_bind_int64(st, 2, lines[i].synergy_id);
        sqlite3_bind_double(st, 3, lines[i].t);
        sqlite3_bind_double(st, 4, lines[i].greedy_t);
        sqlite3_bind_double(st, 5, lines[i].eur);
        sqlite3_bind_double(st, 6, lines[i].co2e_t);
        rc = store__exec(s, st, "allocation plan line", e);
    }
    return rc;
}

static void plan_bind(sqlite3_stmt *st, const void *parent)
{
    const struct store_alloc_plan *plan = parent;
    sqlite3_bind_int64(st, 1, store__now());
    store__bind_id(st, 2, plan->created_by);
    store__bind_id(st, 3, plan->territory_id);
    sqlite3_bind_int64(st, 4, plan->n_candidates);
    bind_totals(st, 5, &plan->best);
    bind_totals(st, 10, &plan->greedy);
}

int store__insert_tree(struct store *s, const char *sql, store_bind_fn bind, const void *parent,
                       store_children_fn children, const void *rows, size_t n, int64_t *id,
                       const char *what, struct err *e)
{
    bool is_owned = false;
    int64_t new_id = 0;
    sqlite3_stmt *st = NULL;
    int rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    rc = store__stmt(s, sql, &st, e);
    if (rc == ERR_OK) {
        bind(st, parent);
        rc = store__net_insert(s, st, &new_id, what, e);
    }
    if (rc == ERR_OK)
        rc = children(s, new_id, rows, n, e);
    rc = store_tx_leave(s, is_owned, rc, e);
    if (rc == ERR_OK && id)
        *id = new_id;
    return rc;
}

int store_alloc_plan_insert(struct store *s, const struct store_alloc_plan *plan,
                            const struct store_alloc_line *lines, size_t n_lines, int64_t *id,
                            struct err *e)
{
    return store__insert_tree(s, sql_plan_insert, plan_bind, plan, plan_insert_lines, lines,
                              n_lines, id, "allocation plan insert", e);
}

static void totals_row(sqlite3_stmt *st, int first, struct store_alloc_totals *t)
{
    t->t = sqlite3_column_double(st, first);
    t->eur = sqlite3_column_double(st, first + 1);
    t->co2e_t = sqlite3_column_double(st, first + 2);
    t->disposed_t = sqlite3_column_double(st, first + 3);
    t->n_pairs = sqlite3_column_int64(st, first + 4);
}

static void plan_row(sqlite3_stmt *st, void *v)
{
    struct store_alloc_plan *p = v;
    p->id = sqlite3_column_int64(st, 0);
    p->created_at = sqlite3_column_int64(st, 1);
    p->created_by = store__col_id(st, 2);
    p->territory_id = store__col_id(st, 3);
    p->n_candidates = sqlite3_column_int64(st, 4);
    totals_row(st, 5, &p->best);
    totals_row(st, 10, &p->greedy);
    p->territory_name = store__col_dup(st, 15);
}

int store_alloc_plan_get(struct store *s, int64_t id, struct store_alloc_plan *out, struct err *e)
{
    return store__net_get_by_id(s, sql_plan_get, id, out, sizeof(*out), plan_row, "allocation plan",
                                e);
}

int store_alloc_plan_list(struct store *s, int64_t territory_id, size_t limit,
                          struct store_alloc_plan **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_plan_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id < 0 ? -1 : territory_id);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
    return store__rows(s, st, sizeof(**out), plan_row, (void **)out, n, "allocation plan list", e);
}

static void line_row(sqlite3_stmt *st, void *v)
{
    struct store_alloc_line *l = v;
    l->plan_id = sqlite3_column_int64(st, 0);
    l->synergy_id = sqlite3_column_int64(st, 1);
    l->t = sqlite3_column_double(st, 2);
    l->greedy_t = sqlite3_column_double(st, 3);
    l->eur = sqlite3_column_double(st, 4);
    l->co2e_t = sqlite3_column_double(st, 5);
    l->offer_flow_id = store__col_id(st, 6);
    l->need_flow_id = store__col_id(st, 7);
    l->offer_org_id = store__col_id(st, 8);
    l->receiver_org_id = store__col_id(st, 9);
    store__col_copy(st, 10, l->code, sizeof(l->code));
    l->offer_org_name = store__col_dup(st, 11);
    l->receiver_name = store__col_dup(st, 12);
}

int store_alloc_plan_lines(struct store *s, int64_t plan_id, struct store_alloc_line **out,
                           size_t *n, struct err *e)
{
    return store__net_list_by_id(s, sql_plan_lines, plan_id, sizeof(**out), line_row, (void **)out,
                                 n, "allocation plan lines", e);
}

void store_alloc_plan_release(struct store_alloc_plan *p)
{
    if (!p)
        return;
    free(p->territory_name);
    p->territory_name = NULL;
}

void store_alloc_plans_free(struct store_alloc_plan *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        store_alloc_plan_release(&p[i]);
    free(p);
}

void store_alloc_lines_free(struct store_alloc_line *l, size_t n)
{
    for (size_t i = 0; l && i < n; i++) {
        free(l[i].offer_org_name);
        free(l[i].receiver_name);
    }
    free(l);
}
