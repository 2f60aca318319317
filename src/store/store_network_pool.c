/* SPDX-License-Identifier: MIT */
/*
 * store_network_pool.c - persistence of the mutualisation services:
 * shared rooms and their bookings (overlap refused atomically), group
 * purchases with their lines, pooled collections of small quantities.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- rooms */

static const char sql_room_insert[] =
    "INSERT INTO net_rooms (organisation_id, name, capacity, equipment, address, description,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
#define ROOM_COLS                                                                                  \
    "r.id, r.organisation_id, r.name, r.capacity, r.equipment, r.address, r.description, o.name"
static const char sql_room_get[] = "SELECT " ROOM_COLS " FROM net_rooms r"
                                   " JOIN organisations o ON o.id = r.organisation_id"
                                   " WHERE r.id = ?1";
static const char sql_room_list[] = "SELECT " ROOM_COLS " FROM net_rooms r"
                                    " JOIN organisations o ON o.id = r.organisation_id"
                                    " WHERE ?1 IS NULL OR r.organisation_id = ?1"
                                    " ORDER BY o.name, r.name, r.id";

int store_room_insert(struct store *s, const struct store_room *r, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_room_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, r->org_id);
    store__bind_text(st, 2, r->name);
    sqlite3_bind_int64(st, 3, r->capacity);
    store__bind_text(st, 4, r->equipment);
    store__bind_text(st, 5, r->address);
    store__bind_text(st, 6, r->description);
    sqlite3_bind_int64(st, 7, store__now());
    return store__net_insert(s, st, id, "room insert", e);
}

static void room_row(sqlite3_stmt *st, void *p)
{
    struct store_room *r = p;
    r->id = sqlite3_column_int64(st, 0);
    r->org_id = sqlite3_column_int64(st, 1);
    r->name = store__col_dup(st, 2);
    r->capacity = sqlite3_column_int64(st, 3);
    r->equipment = store__col_dup(st, 4);
    r->address = store__col_dup(st, 5);
    r->description = store__col_dup(st, 6);
    r->org_name = store__col_dup(st, 7);
}

int store_room_get(struct store *s, int64_t id, struct store_room *out, struct err *e)
{
    return store__net_get_by_id(s, sql_room_get, id, out, sizeof(*out), room_row, "room", e);
}

int store_room_list(struct store *s, int64_t org_id, struct store_room **out, size_t *n,
                    struct err *e)
{
    return store__net_list_by_id(s, sql_room_list, org_id, sizeof(**out), room_row, (void **)out, n,
                                 "room list", e);
}

void store_room_release(struct store_room *r)
{
    if (!r)
        return;
    free(r->name);
    free(r->equipment);
    free(r->address);
    free(r->description);
    free(r->org_name);
    memset(r, 0, sizeof(*r));
}

void store_rooms_free(struct store_room *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        store_room_release(&r[i]);
    free(r);
}

/* ------------------------------------------------------------- bookings */

static const char sql_booking_clash[] =
    "SELECT id FROM net_bookings WHERE room_id = ?1 AND cancelled = 0"
    " AND starts_at < ?3 AND ends_at > ?2 LIMIT 1";
static const char sql_booking_insert[] =
    "INSERT INTO net_bookings (room_id, account_id, organisation_id, starts_at, ends_at,"
    " purpose, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
#define BOOKING_COLS                                                                               \
    "id, room_id, account_id, organisation_id, starts_at, ends_at, purpose, cancelled"
static const char sql_booking_get[] = "SELECT " BOOKING_COLS " FROM net_bookings WHERE id = ?1";
static const char sql_booking_cancel[] =
    "UPDATE net_bookings SET cancelled = 1 WHERE id = ?1 AND cancelled = 0";
static const char sql_booking_list[] =
    "SELECT " BOOKING_COLS " FROM net_bookings WHERE (?1 IS NULL OR room_id = ?1)"
    " AND cancelled = 0 AND ends_at > ?2 AND (?3 IS NULL OR starts_at < ?3)"
    " ORDER BY starts_at, id";

int store_booking_insert(struct store *s, const struct store_booking *b, int64_t *id, struct err *e)
{
    bool is_owned;
    int rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = store__stmt(s, sql_booking_clash, &st, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(st, 1, b->room_id);
        sqlite3_bind_int64(st, 2, b->starts_at);
        sqlite3_bind_int64(st, 3, b->ends_at);
        int step = sqlite3_step(st);
        if (step == SQLITE_ROW)
            rc = err_set(e, ERR_CONFLICT, "booking: slot overlaps booking %lld",
                         (long long)sqlite3_column_int64(st, 0));
        else if (step != SQLITE_DONE)
            rc = store__fail(s, e, "booking clash");
        store__reset(st);
    }
    if (rc == ERR_OK)
        rc = store__stmt(s, sql_booking_insert, &st, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(st, 1, b->room_id);
        store__bind_id(st, 2, b->account_id);
        store__bind_id(st, 3, b->org_id);
        sqlite3_bind_int64(st, 4, b->starts_at);
        sqlite3_bind_int64(st, 5, b->ends_at);
        store__bind_text(st, 6, b->purpose);
        sqlite3_bind_int64(st, 7, store__now());
        rc = store__exec(s, st, "booking insert", e);
        if (rc == ERR_OK && id)
            *id = sqlite3_last_insert_rowid(s->db);
    }
    return store_tx_leave(s, is_owned, rc, e);
}

static void booking_row(sqlite3_stmt *st, void *p)
{
    struct store_booking *b = p;
    b->id = sqlite3_column_int64(st, 0);
    b->room_id = sqlite3_column_int64(st, 1);
    b->account_id = store__col_id(st, 2);
    b->org_id = store__col_id(st, 3);
    b->starts_at = sqlite3_column_int64(st, 4);
    b->ends_at = sqlite3_column_int64(st, 5);
    b->purpose = store__col_dup(st, 6);
    b->is_cancelled = sqlite3_column_int(st, 7) != 0;
}

int store_booking_get(struct store *s, int64_t id, struct store_booking *out, struct err *e)
{
    return store__net_get_by_id(s, sql_booking_get, id, out, sizeof(*out), booking_row, "booking",
                                e);
}

int store_booking_cancel(struct store *s, int64_t id, struct err *e)
{
    return store__net_exec_id(s, sql_booking_cancel, id, "booking", e);
}

int store_booking_list(struct store *s, int64_t room_id, int64_t from, int64_t to,
                       struct store_booking **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_booking_list, &st, e);
    if (rc)
        return rc;
    store__bind_id(st, 1, room_id);
    sqlite3_bind_int64(st, 2, from);
    store__bind_id(st, 3, to);
    return store__rows(s, st, sizeof(**out), booking_row, (void **)out, n, "booking list", e);
}

void store_booking_release(struct store_booking *b)
{
    if (!b)
        return;
    free(b->purpose);
    memset(b, 0, sizeof(*b));
}

void store_bookings_free(struct store_booking *b, size_t n)
{
    for (size_t i = 0; b && i < n; i++)
        store_booking_release(&b[i]);
    free(b);
}

/* ------------------------------------------------------------ purchases */

static const char sql_purchase_insert[] =
    "INSERT INTO net_purchases (title, category, unit, deadline, description, territory_id,"
    " created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
#define PURCHASE_COLS                                                                              \
    "id, title, category, unit, deadline, description, territory_id, created_by,"                  \
    " (SELECT coalesce(sum(quantity), 0) FROM net_purchase_lines l WHERE l.purchase_id = p.id),"   \
    " (SELECT count(*) FROM net_purchase_lines l WHERE l.purchase_id = p.id)"
static const char sql_purchase_get[] =
    "SELECT " PURCHASE_COLS " FROM net_purchases p WHERE id = ?1";
static const char sql_purchase_list[] =
    "SELECT " PURCHASE_COLS " FROM net_purchases p ORDER BY deadline, id";
static const char sql_purchase_line_set[] =
    "INSERT INTO net_purchase_lines (purchase_id, organisation_id, quantity, comment, account_id,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (purchase_id, organisation_id)"
    " DO UPDATE SET quantity = excluded.quantity, comment = excluded.comment,"
    " account_id = excluded.account_id, updated_at = excluded.updated_at";
static const char sql_purchase_line_del[] =
    "DELETE FROM net_purchase_lines WHERE purchase_id = ?1 AND organisation_id = ?2";
static const char sql_purchase_lines[] =
    "SELECT l.purchase_id, l.organisation_id, l.quantity, l.comment, l.account_id, l.updated_at,"
    " o.name, o.siret, o.address, o.postal_code, o.commune_insee"
    " FROM net_purchase_lines l JOIN organisations o ON o.id = l.organisation_id"
    " WHERE l.purchase_id = ?1 ORDER BY o.name, o.id";

int store_purchase_insert(struct store *s, const struct store_purchase *p, int64_t *id,
                          struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_purchase_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, p->title);
    store__bind_text(st, 2, p->category);
    store__bind_text(st, 3, p->unit);
    store__bind_text(st, 4, p->deadline);
    store__bind_text(st, 5, p->description);
    store__bind_id(st, 6, p->territory_id);
    store__bind_id(st, 7, p->created_by);
    sqlite3_bind_int64(st, 8, store__now());
    return store__net_insert(s, st, id, "purchase insert", e);
}

static void purchase_row(sqlite3_stmt *st, void *v)
{
    struct store_purchase *p = v;
    p->id = sqlite3_column_int64(st, 0);
    p->title = store__col_dup(st, 1);
    p->category = store__col_dup(st, 2);
    p->unit = store__col_dup(st, 3);
    store__col_copy(st, 4, p->deadline, sizeof(p->deadline));
    p->description = store__col_dup(st, 5);
    p->territory_id = store__col_id(st, 6);
    p->created_by = store__col_id(st, 7);
    p->total = sqlite3_column_double(st, 8);
    p->n_lines = (size_t)sqlite3_column_int64(st, 9);
}

int store_purchase_get(struct store *s, int64_t id, struct store_purchase *out, struct err *e)
{
    return store__net_get_by_id(s, sql_purchase_get, id, out, sizeof(*out), purchase_row,
                                "purchase", e);
}

int store_purchase_list(struct store *s, struct store_purchase **out, size_t *n, struct err *e)
{
    return store__net_list_by_id(s, sql_purchase_list, 0, sizeof(**out), purchase_row, (void **)out,
                                 n, "purchase list", e);
}

int store_purchase_set_line(struct store *s, const struct store_purchase_line *l, struct err *e)
{
    sqlite3_stmt *st = NULL;
    bool is_delete = l->quantity == 0;
    int rc = store__stmt(s, is_delete ? sql_purchase_line_del : sql_purchase_line_set, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, l->purchase_id);
    sqlite3_bind_int64(st, 2, l->org_id);
    if (!is_delete) {
        sqlite3_bind_double(st, 3, l->quantity);
        store__bind_text(st, 4, l->comment);
        store__bind_id(st, 5, l->account_id);
        sqlite3_bind_int64(st, 6, store__now());
    }
    return store__exec(s, st, "purchase line", e);
}

static void purchase_line_row(sqlite3_stmt *st, void *v)
{
    struct store_purchase_line *l = v;
    l->purchase_id = sqlite3_column_int64(st, 0);
    l->org_id = sqlite3_column_int64(st, 1);
    l->quantity = sqlite3_column_double(st, 2);
    l->comment = store__col_dup(st, 3);
    l->account_id = store__col_id(st, 4);
    l->updated_at = sqlite3_column_int64(st, 5);
    l->org_name = store__col_dup(st, 6);
    store__col_copy(st, 7, l->siret, sizeof(l->siret));
    l->address = store__col_dup(st, 8);
    store__col_copy(st, 9, l->postal_code, sizeof(l->postal_code));
    store__col_copy(st, 10, l->commune_insee, sizeof(l->commune_insee));
}

int store_purchase_lines(struct store *s, int64_t purchase_id, struct store_purchase_line **out,
                         size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_purchase_lines, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, purchase_id);
    return store__rows(s, st, sizeof(**out), purchase_line_row, (void **)out, n, "purchase lines",
                       e);
}

void store_purchase_release(struct store_purchase *p)
{
    if (!p)
        return;
    free(p->title);
    free(p->category);
    free(p->unit);
    free(p->description);
    memset(p, 0, sizeof(*p));
}

void store_purchases_free(struct store_purchase *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        store_purchase_release(&p[i]);
    free(p);
}

void store_purchase_lines_free(struct store_purchase_line *l, size_t n)
{
    for (size_t i = 0; l && i < n; i++) {
        free(l[i].comment);
        free(l[i].org_name);
        free(l[i].address);
    }
    free(l);
}

/* ---------------------------------------------------------- collections */

static const char sql_coll_insert[] =
    "INSERT INTO net_collections (name, territory_id, collector_org_id, depot_lat, depot_lon,"
    " vehicle_capacity_kg, round_frequency, created_by, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
#define COLL_COLS                                                                                  \
    "id, name, territory_id, collector_org_id, depot_lat, depot_lon, vehicle_capacity_kg,"         \
    " round_frequency, created_by,"                                                                \
    " (SELECT count(*) FROM net_collection_items i WHERE i.collection_id = c.id)"
static const char sql_coll_get[] = "SELECT " COLL_COLS " FROM net_collections c WHERE id = ?1";
static const char sql_coll_list[] = "SELECT " COLL_COLS " FROM net_collections c ORDER BY id";
static const char sql_item_set[] =
    "INSERT INTO net_collection_items (collection_id, organisation_id, low_code, quantity_kg,"
    " frequency, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (collection_id, organisation_id, low_code) DO UPDATE SET"
    " quantity_kg = excluded.quantity_kg, frequency = excluded.frequency"
    " RETURNING id";
static const char sql_item_delete[] =
    "DELETE FROM net_collection_items WHERE id = ?1 AND collection_id = ?2";
static const char sql_items[] =
    "SELECT i.id, i.collection_id, i.organisation_id, i.low_code, i.quantity_kg, i.frequency,"
    " o.name, o.lat, o.lon FROM net_collection_items i"
    " JOIN organisations o ON o.id = i.organisation_id"
    " WHERE i.collection_id = ?1 ORDER BY i.organisation_id, i.low_code";

int store_collection_insert(struct store *s, const struct store_collection *c, int64_t *id,
                            struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_coll_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, c->name);
    store__bind_id(st, 2, c->territory_id);
    store__bind_id(st, 3, c->collector_org_id);
    sqlite3_bind_double(st, 4, c->depot.lat);
    sqlite3_bind_double(st, 5, c->depot.lon);
    sqlite3_bind_double(st, 6, c->vehicle_capacity_kg);
    store__bind_text(st, 7, c->round_frequency);
    store__bind_id(st, 8, c->created_by);
    sqlite3_bind_int64(st, 9, store__now());
    return store__net_insert(s, st, id, "collection insert", e);
}

static void coll_row(sqlite3_stmt *st, void *v)
{
    struct store_collection *c = v;
    c->id = sqlite3_column_int64(st, 0);
    c->name = store__col_dup(st, 1);
    c->territory_id = store__col_id(st, 2);
    c->collector_org_id = store__col_id(st, 3);
    c->depot.lat = sqlite3_column_double(st, 4);
    c->depot.lon = sqlite3_column_double(st, 5);
    c->vehicle_capacity_kg = sqlite3_column_double(st, 6);
    store__col_copy(st, 7, c->round_frequency, sizeof(c->round_frequency));
    c->created_by = store__col_id(st, 8);
    c->n_items = (size_t)sqlite3_column_int64(st, 9);
}

int store_collection_get(struct store *s, int64_t id, struct store_collection *out, struct err *e)
{
    return store__net_get_by_id(s, sql_coll_get, id, out, sizeof(*out), coll_row, "collection", e);
}

int store_collection_list(struct store *s, struct store_collection **out, size_t *n, struct err *e)
{
    return store__net_list_by_id(s, sql_coll_list, 0, sizeof(**out), coll_row, (void **)out, n,
                                 "collection list", e);
}

int store_collection_item_set(struct store *s, const struct store_collection_item *it, int64_t *id,
                              struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_item_set, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, it->collection_id);
    sqlite3_bind_int64(st, 2, it->org_id);
    store__bind_text(st, 3, it->low_code);
    sqlite3_bind_double(st, 4, it->quantity_kg);
    store__bind_text(st, 5, it->frequency);
    sqlite3_bind_int64(st, 6, store__now());
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW && id)
        *id = sqlite3_column_int64(st, 0);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store__fail(s, e, "collection item");
    store__reset(st);
    return rc;
}

int store_collection_item_delete(struct store *s, int64_t collection_id, int64_t item_id,
                                 struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_item_delete, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, item_id);
    sqlite3_bind_int64(st, 2, collection_id);
    rc = store__exec(s, st, "collection item delete", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "collection item %lld not found", (long long)item_id);
    return rc;
}

static void item_row(sqlite3_stmt *st, void *v)
{
    struct store_collection_item *it = v;
    it->id = sqlite3_column_int64(st, 0);
    it->collection_id = sqlite3_column_int64(st, 1);
    it->org_id = sqlite3_column_int64(st, 2);
    store__col_copy(st, 3, it->low_code, sizeof(it->low_code));
    it->quantity_kg = sqlite3_column_double(st, 4);
    store__col_copy(st, 5, it->frequency, sizeof(it->frequency));
    it->org_name = store__col_dup(st, 6);
    it->pos.lat = sqlite3_column_double(st, 7);
    it->pos.lon = sqlite3_column_double(st, 8);
}

int store_collection_items(struct store *s, int64_t collection_id,
                           struct store_collection_item **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_items, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, collection_id);
    return store__rows(s, st, sizeof(**out), item_row, (void **)out, n, "collection items", e);
}

void store_collection_release(struct store_collection *c)
{
    if (!c)
        return;
    free(c->name);
    memset(c, 0, sizeof(*c));
}

void store_collections_free(struct store_collection *c, size_t n)
{
    for (size_t i = 0; c && i < n; i++)
        store_collection_release(&c[i]);
    free(c);
}

void store_collection_items_free(struct store_collection_item *it, size_t n)
{
    for (size_t i = 0; it && i < n; i++)
        free(it[i].org_name);
    free(it);
}
