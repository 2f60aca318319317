/* SPDX-License-Identifier: MIT */
/*
 * store_optim_rounds.c - collectors with their depots and vehicles, and
 * the collection rounds saved for pooled-collection pools (store.h,
 * section "optimisation"; tables created by store_optim.c).
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- collectors */

static const char sql_collector_ok[] =
    "SELECT kind = 'social_economy' OR EXISTS (SELECT 1 FROM accounts a"
    " WHERE a.organisation_id = o.id AND a.role = 'collector') FROM organisations o WHERE id = ?1";
static const char sql_collector_insert[] =
    "INSERT INTO collectors (organisation_id, created_at) VALUES (?1, ?2)";
#define COLLECTOR_COLS                                                                             \
    "c.id, c.organisation_id, c.created_at, o.name FROM collectors c"                              \
    " JOIN organisations o ON o.id = c.organisation_id"
static const char sql_collector_get[] = "SELECT " COLLECTOR_COLS " WHERE c.id = ?1";
static const char sql_collector_org[] = "SELECT " COLLECTOR_COLS " WHERE c.organisation_id = ?1";
static const char sql_collector_list[] = "SELECT " COLLECTOR_COLS " ORDER BY c.id";

int store_collector_insert(struct store *s, int64_t org_id, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_collector_ok, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    int step = sqlite3_step(st);
    bool is_ok = step == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store__fail(s, e, "collector check");
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "organisation %lld not found", (long long)org_id);
    else if (!is_ok)
        rc = err_set(e, ERR_INPUT,
                     "organisation %lld: a collector must be of kind social_economy or have a "
                     "collector account",
                     (long long)org_id);
    store__reset(st);
    if (rc)
        return rc;
    rc = store__stmt(s, sql_collector_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int64(st, 2, store__now());
    return store__net_insert(s, st, id, "collector insert", e);
}

static void collector_row(sqlite3_stmt *st, void *v)
{
    struct store_collector *c = v;
    c->id = sqlite3_column_int64(st, 0);
    c->org_id = sqlite3_column_int64(st, 1);
    c->created_at = sqlite3_column_int64(st, 2);
    c->name = store__col_dup(st, 3);
}

int store_collector_get(struct store *s, int64_t id, struct store_collector *out, struct err *e)
{
    return store__net_get_by_id(s, sql_collector_get, id, out, sizeof(*out), collector_row,
                                "collector", e);
}

int store_collector_find_org(struct store *s, int64_t org_id, int64_t *id, struct err *e)
{
    struct store_collector c;
    int rc = store__net_get_by_id(s, sql_collector_org, org_id, &c, sizeof(c), collector_row,
                                  "collector of organisation", e);
    if (rc == ERR_OK)
        *id = c.id;
    store_collector_release(&c);
    return rc;
}

int store_collector_list(struct store *s, struct store_collector **out, size_t *n, struct err *e)
{
    return store__net_list_by_id(s, sql_collector_list, 0, sizeof(**out), collector_row,
                                 (void **)out, n, "collector list", e);
}

void store_collector_release(struct store_collector *c)
{
    if (!c)
        return;
    free(c->name);
    c->name = NULL;
}

void store_collectors_free(struct store_collector *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        store_collector_release(&c[i]);
    free(c);
}

/* ----------------------------------------------------- depots and vehicles */

static const char sql_depot_insert[] =
    "INSERT INTO collector_depots (collector_id, name, address, lat, lon) VALUES (?1, ?2, ?3, ?4,"
    " ?5)";
#define DEPOT_COLS "SELECT id, collector_id, name, address, lat, lon FROM collector_depots"
static const char sql_depot_get[] = DEPOT_COLS " WHERE id = ?1";
static const char sql_depot_list[] =
    DEPOT_COLS " WHERE ?1 IS NULL OR collector_id = ?1 ORDER BY id";
static const char sql_vehicle_insert[] =
    "INSERT INTO collector_vehicles (collector_id, name, capacity_kg, cost_eur_per_km,"
    " co2e_kg_per_km) VALUES (?1, ?2, ?3, ?4, ?5)";
#define VEHICLE_COLS                                                                               \
    "SELECT id, collector_id, name, capacity_kg, cost_eur_per_km, co2e_kg_per_km"                  \
    " FROM collector_vehicles"
static const char sql_vehicle_get[] = VEHICLE_COLS " WHERE id = ?1";
static const char sql_vehicle_list[] =
    VEHICLE_COLS " WHERE ?1 IS NULL OR collector_id = ?1 ORDER BY id";

int store_depot_insert(struct store *s, const struct store_depot *d, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_depot_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, d->collector_id);
    store__bind_text(st, 2, d->name ? d->name : "");
    store__bind_text(st, 3, d->address ? d->address : "");
    sqlite3_bind_double(st, 4, d->pos.lat);
    sqlite3_bind_double(st, 5, d->pos.lon);
    return store__net_insert(s, st, id, "depot insert", e);
}

static void depot_row(sqlite3_stmt *st, void *v)
{
    struct store_depot *d = v;
    d->id = sqlite3_column_int64(st, 0);
    d->collector_id = sqlite3_column_int64(st, 1);
    d->name = store__col_dup(st, 2);
    d->address = store__col_dup(st, 3);
    d->pos.lat = sqlite3_column_double(st, 4);
    d->pos.lon = sqlite3_column_double(st, 5);
}

int store_depot_get(struct store *s, int64_t id, struct store_depot *out, struct err *e)
{
    return store__net_get_by_id(s, sql_depot_get, id, out, sizeof(*out), depot_row, "depot", e);
}

int store_depot_list(struct store *s, int64_t collector_id, struct store_depot **out, size_t *n,
                     struct err *e)
{
    return store__net_list_by_id(s, sql_depot_list, collector_id, sizeof(**out), depot_row,
                                 (void **)out, n, "depot list", e);
}

void store_depot_release(struct store_depot *d)
{
    if (!d)
        return;
    free(d->name);
    free(d->address);
    d->name = d->address = NULL;
}

void store_depots_free(struct store_depot *d, size_t n)
{
    for (size_t i = 0; d && i < n; i++)
        store_depot_release(&d[i]);
    free(d);
}

int store_vehicle_insert(struct store *s, const struct store_vehicle *v, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_vehicle_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, v->collector_id);
    store__bind_text(st, 2, v->name ? v->name : "");
    sqlite3_bind_double(st, 3, v->capacity_kg);
    sqlite3_bind_double(st, 4, v->cost_eur_per_km);
    sqlite3_bind_double(st, 5, v->co2e_kg_per_km);
    return store__net_insert(s, st, id, "vehicle insert", e);
}

static void vehicle_row(sqlite3_stmt *st, void *p)
{
    struct store_vehicle *v = p;
    v->id = sqlite3_column_int64(st, 0);
    v->collector_id = sqlite3_column_int64(st, 1);
    v->name = store__col_dup(st, 2);
    v->capacity_kg = sqlite3_column_double(st, 3);
    v->cost_eur_per_km = sqlite3_column_double(st, 4);
    v->co2e_kg_per_km = sqlite3_column_double(st, 5);
}

int store_vehicle_get(struct store *s, int64_t id, struct store_vehicle *out, struct err *e)
{
    return store__net_get_by_id(s, sql_vehicle_get, id, out, sizeof(*out), vehicle_row, "vehicle",
                                e);
}

int store_vehicle_list(struct store *s, int64_t collector_id, struct store_vehicle **out, size_t *n,
                       struct err *e)
{
    return store__net_list_by_id(s, sql_vehicle_list, collector_id, sizeof(**out), vehicle_row,
                                 (void **)out, n, "vehicle list", e);
}

void store_vehicle_release(struct store_vehicle *v)
{
    if (!v)
        return;
    free(v->name);
    v->name = NULL;
}

void store_vehicles_free(struct store_vehicle *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        store_vehicle_release(&v[i]);
    free(v);
}

/* ----------------------------------------------------------------- rounds */

static const char sql_round_insert[] =
    "INSERT INTO collection_rounds (collection_id, collector_id, vehicle_id, depot_id, round_date,"
    " created_at, created_by, depot_lat, depot_lon, capacity_kg, detour_factor, speed_kmh,"
    " stop_min, n_routes, km, duration_min, co2e_kg, cost_eur, baseline_km, baseline_min,"
    " baseline_co2e_kg) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21)";
static const char sql_stop_insert[] =
    "INSERT INTO collection_round_stops (round_id, route_no, seq, organisation_id, demand_kg,"
    " lat, lon, baseline_km, site_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
#define ROUND_COLS                                                                                 \
    "SELECT r.id, r.collection_id, r.collector_id, r.vehicle_id, r.depot_id, r.round_date,"        \
    " r.created_at, r.created_by, r.depot_lat, r.depot_lon, r.capacity_kg, r.detour_factor,"       \
    " r.speed_kmh, r.stop_min, r.n_routes, r.km, r.duration_min, r.co2e_kg, r.cost_eur,"           \
    " r.baseline_km, r.baseline_min, r.baseline_co2e_kg,"                                          \
    " (SELECT count(*) FROM collection_round_stops s WHERE s.round_id = r.id), c.name, o.name,"    \
    " c.territory_id, k.organisation_id FROM collection_rounds r JOIN net_collections c ON c.id "  \
    "= r.collection_id"                                                                            \
    " LEFT JOIN collectors k ON k.id = r.collector_id"                                             \
    " LEFT JOIN organisations o ON o.id = k.organisation_id"
static const char sql_round_get[] = ROUND_COLS " WHERE r.id = ?1";
static const char sql_round_list[] =
    ROUND_COLS " WHERE ?1 = 0 OR r.collection_id = ?1 ORDER BY r.created_at DESC, r.id DESC"
               " LIMIT ?2";
static const char sql_round_stops[] =
    "SELECT s.round_id, s.route_no, s.seq, s.organisation_id, s.demand_kg, s.lat, s.lon,"
    " s.baseline_km, s.site_name, o.name FROM collection_round_stops s"
    " LEFT JOIN organisations o ON o.id = s.organisation_id"
    " WHERE s.round_id = ?1 ORDER BY s.route_no, s.seq";

static int round_insert_stops(struct store *s, int64_t round_id, const void *rows, size_t n,
                              struct err *e)
{
    const struct store_round_stop *stops = rows;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_stop_insert, &st, e);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        const struct store_round_stop *p = &stops[i];
        sqlite3_bind_int64(st, 1, round_id);
        sqlite3_bind_int64(st, 2, p->route_no);
        sqlite3_bind_int64(st, 3, p->seq);
        store__bind_id(st, 4, p->org_id);
        sqlite3_bind_double(st, 5, p->demand_kg);
        sqlite3_bind_double(st, 6, p->pos.lat);
        sqlite3_bind_double(st, 7, p->pos.lon);
        sqlite3_bind_double(st, 8, p->baseline_km);
        store__bind_text(st, 9, p->site_name ? p->site_name : "");
        rc = store__exec(s, st, "round stop insert", e);
    }
    return rc;
}

static void round_bind(sqlite3_stmt *st, const void *parent)
{
    const struct store_round *r = parent;
    sqlite3_bind_int64(st, 1, r->collection_id);
    store__bind_id(st, 2, r->collector_id);
    store__bind_id(st, 3, r->vehicle_id);
    store__bind_id(st, 4, r->depot_id);
    store__bind_text(st, 5, r->date);
    sqlite3_bind_int64(st, 6, store__now());
    store__bind_id(st, 7, r->created_by);
    /* ?8 .. ?21 in column order; ?14 (n_routes) is an integer */
    const double v[] = {r->depot.lat,
                        r->depot.lon,
                        r->capacity_kg,
                        r->detour_factor,
                        r->speed_kmh,
                        r->stop_min,
                        0,
                        r->km,
                        r->duration_min,
                        r->co2e_kg,
                        r->cost_eur,
                        r->baseline_km,
                        r->baseline_min,
                        r->baseline_co2e_kg};
    for (int i = 0; i < (int)(sizeof(v) / sizeof(v[0])); i++)
        sqlite3_bind_double(st, 8 + i, v[i]);
    sqlite3_bind_int64(st, 14, (int64_t)r->n_routes);
}

int store_round_insert(struct store *s, const struct store_round *r,
                       const struct store_round_stop *stops, size_t n_stops, int64_t *id,
                       struct err *e)
{
    return store__insert_tree(s, sql_round_insert, round_bind, r, round_insert_stops, stops,
                              n_stops, id, "round insert", e);
}

static void round_row(sqlite3_stmt *st, void *v)
{
    struct store_round *r = v;
    r->id = sqlite3_column_int64(st, 0);
    r->collection_id = sqlite3_column_int64(st, 1);
    r->collector_id = store__col_id(st, 2);
    r->vehicle_id = store__col_id(st, 3);
    r->depot_id = store__col_id(st, 4);
    store__col_copy(st, 5, r->date, sizeof(r->date));
    r->created_at = sqlite3_column_int64(st, 6);
    r->created_by = store__col_id(st, 7);
    r->depot.lat = sqlite3_column_double(st, 8);
    r->depot.lon = sqlite3_column_double(st, 9);
    r->capacity_kg = sqlite3_column_double(st, 10);
    r->detour_factor = sqlite3_column_double(st, 11);
    r->speed_kmh = sqlite3_column_double(st, 12);
    r->stop_min = sqlite3_column_double(st, 13);
    r->n_routes = (size_t)sqlite3_column_int64(st, 14);
    r->km = sqlite3_column_double(st, 15);
    r->duration_min = sqlite3_column_double(st, 16);
    r->co2e_kg = sqlite3_column_double(st, 17);
    r->cost_eur = sqlite3_column_double(st, 18);
    r->baseline_km = sqlite3_column_double(st, 19);
    r->baseline_min = sqlite3_column_double(st, 20);
    r->baseline_co2e_kg = sqlite3_column_double(st, 21);
    r->n_stops = (size_t)sqlite3_column_int64(st, 22);
    r->collection_name = store__col_dup(st, 23);
    r->collector_name = store__col_dup(st, 24);
    r->territory_id = store__col_id(st, 25);
    r->collector_org_id = store__col_id(st, 26);
}

int store_round_get(struct store *s, int64_t id, struct store_round *out, struct err *e)
{
    return store__net_get_by_id(s, sql_round_get, id, out, sizeof(*out), round_row, "round", e);
}

int store_round_list(struct store *s, int64_t collection_id, size_t limit, struct store_round **out,
                     size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_round_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, collection_id > 0 ? collection_id : 0);
    sqlite3_bind_int64(st, 2, limit ? (int64_t)limit : -1);
    return store__rows(s, st, sizeof(**out), round_row, (void **)out, n, "round list", e);
}

static void stop_row(sqlite3_stmt *st, void *v)
{
    struct store_round_stop *p = v;
    p->round_id = sqlite3_column_int64(st, 0);
    p->route_no = sqlite3_column_int64(st, 1);
    p->seq = sqlite3_column_int64(st, 2);
    p->org_id = store__col_id(st, 3);
    p->demand_kg = sqlite3_column_double(st, 4);
    p->pos.lat = sqlite3_column_double(st, 5);
    p->pos.lon = sqlite3_column_double(st, 6);
    p->baseline_km = sqlite3_column_double(st, 7);
    p->site_name = store__col_dup(st, 8);
    p->org_name = store__col_dup(st, 9);
}

int store_round_stops(struct store *s, int64_t round_id, struct store_round_stop **out, size_t *n,
                      struct err *e)
{
    return store__net_list_by_id(s, sql_round_stops, round_id, sizeof(**out), stop_row,
                                 (void **)out, n, "round stops", e);
}

void store_round_release(struct store_round *r)
{
    if (!r)
        return;
    free(r->collection_name);
    free(r->collector_name);
    r->collection_name = r->collector_name = NULL;
}

void store_rounds_free(struct store_round *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        store_round_release(&r[i]);
    free(r);
}

void store_round_stops_free(struct store_round_stop *st, size_t n)
{
    for (size_t i = 0; st && i < n; i++) {
        free(st[i].site_name);
        free(st[i].org_name);
    }
    free(st);
}
