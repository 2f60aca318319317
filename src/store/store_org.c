/* SPDX-License-Identifier: MIT */
/* store_org.c - territories (with member communes) and organisations. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------------- territories */

static const char sql_terr_insert[] =
    "INSERT INTO territories (name, kind, pilot, stage, start_date, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_terr_commune[] =
    "INSERT OR IGNORE INTO territory_communes (territory_id, insee) VALUES (?1, ?2)";
static const char sql_terr_get[] =
    "SELECT id, name, kind, pilot, stage, start_date,"
    " (SELECT count(*) FROM organisations o WHERE o.territory_id = t.id)"
    " FROM territories t WHERE id = ?1";
static const char sql_terr_list[] =
    "SELECT id, name, kind, pilot, stage, start_date,"
    " (SELECT count(*) FROM organisations o WHERE o.territory_id = t.id)"
    " FROM territories t ORDER BY id";
static const char sql_terr_communes[] =
    "SELECT insee FROM territory_communes WHERE territory_id = ?1 ORDER BY insee";
static const char sql_terr_find[] = "SELECT id FROM territories WHERE name = ?1";
static const char sql_terr_of_commune[] =
    "SELECT min(territory_id) FROM territory_communes WHERE insee = ?1";
static const char sql_terr_stage[] = "UPDATE territories SET stage = ?2 WHERE id = ?1";

int store_territory_insert(struct store *s, const struct store_territory *t, int64_t *id,
                           struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_terr_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, t->name);
    store__bind_text(st, 2, store_vocab_name(STORE_V_TERRITORY_KIND, (int)t->kind));
    store__bind_text(st, 3, t->pilot);
    store__bind_text(st, 4, store_vocab_name(STORE_V_STAGE, (int)t->stage));
    store__bind_text(st, 5, t->start_date);
    sqlite3_bind_int64(st, 6, store__now());
    rc = store__exec(s, st, "territory insert", e);
    if (rc)
        return rc;
    int64_t new_id = sqlite3_last_insert_rowid(s->db);
    rc = store__stmt(s, sql_terr_commune, &st, e);
    for (size_t i = 0; rc == ERR_OK && i < t->n_communes; i++) {
        sqlite3_bind_int64(st, 1, new_id);
        store__bind_text(st, 2, t->communes[i]);
        rc = store__exec(s, st, "territory commune insert", e);
    }
    if (rc == ERR_OK && id)
        *id = new_id;
    return rc;
}

static void terr_read_row(sqlite3_stmt *st, struct store_territory *t)
{
    memset(t, 0, sizeof(*t));
    t->id = sqlite3_column_int64(st, 0);
    t->name = store__col_dup(st, 1);
    t->kind = (enum store_territory_kind)store__col_vocab(st, 2, STORE_V_TERRITORY_KIND);
    t->pilot = store__col_dup(st, 3);
    t->stage = (enum store_stage)store__col_vocab(st, 4, STORE_V_STAGE);
    store__col_copy(st, 5, t->start_date, sizeof(t->start_date));
    t->n_organisations = (size_t)sqlite3_column_int64(st, 6);
}

static int terr_read_communes(struct store *s, struct store_territory *t, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_terr_communes, &st, e);
    if (rc)
        return rc;
    size_t cap = 0;
    sqlite3_bind_int64(st, 1, t->id);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(t->communes, cap, t->n_communes + 1);
        t->communes[t->n_communes++] = store__col_dup(st, 0);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "territory communes");
    store__reset(st);
    return rc;
}

int store_territory_get(struct store *s, int64_t id, struct store_territory *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_terr_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        terr_read_row(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "territory %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "territory get");
    store__reset(st);
    if (rc == ERR_OK)
        rc = terr_read_communes(s, out, e);
    if (rc)
        store_territory_release(out);
    return rc;
}

/* Runs a one-row, one-integer query with a text parameter; 0 if no row. */
static int query_id_by_text(struct store *s, const char *sql, const char *v, int64_t *id,
                            struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    *id = 0;
    store__bind_text(st, 1, v);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = store__fail(s, e, "lookup");
    store__reset(st);
    return rc;
}

int store_territory_find(struct store *s, const char *name, int64_t *id, struct err *e)
{
    int rc = query_id_by_text(s, sql_terr_find, name, id, e);
    if (rc == ERR_OK && *id == 0)
        rc = err_set(e, ERR_NOT_FOUND, "territory '%s' not found", name);
    return rc;
}

int store_territory_of_commune(struct store *s, const char *insee, int64_t *id, struct err *e)
{
    return query_id_by_text(s, sql_terr_of_commune, insee, id, e);
}

int store_territory_set_stage(struct store *s, int64_t id, enum store_stage stage, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_terr_stage, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, store_vocab_name(STORE_V_STAGE, (int)stage));
    rc = store__exec(s, st, "territory stage", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "territory %lld not found", (long long)id);
    return rc;
}

int store_territory_list(struct store *s, struct store_territory **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_terr_list, &st, e);
    if (rc)
        return rc;
    struct store_territory *ts = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(ts, cap, count + 1);
        terr_read_row(st, &ts[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "territory list");
    store__reset(st);
    for (size_t i = 0; rc == ERR_OK && i < count; i++)
        rc = terr_read_communes(s, &ts[i], e);
    if (rc) {
        store_territories_free(ts, count);
        return rc;
    }
    *out = ts;
    *n = count;
    return ERR_OK;
}

void store_territory_release(struct store_territory *t)
{
    if (!t)
        return;
    free(t->name);
    free(t->pilot);
    for (size_t i = 0; i < t->n_communes; i++)
        free(t->communes[i]);
    free(t->communes);
    memset(t, 0, sizeof(*t));
}

void store_territories_free(struct store_territory *ts, size_t n)
{
    for (size_t i = 0; ts && i < n; i++)
        store_territory_release(&ts[i]);
    free(ts);
}

/* --------------------------------------------------------- organisations */

static const char sql_org_insert[] =
    "INSERT INTO organisations (siret, name, naf, kind, address, postal_code, commune_insee,"
    " lat, lon, headcount, territory_id, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_org_update[] =
    "UPDATE organisations SET siret = ?1, name = ?2, naf = ?3, kind = ?4, address = ?5,"
    " postal_code = ?6, commune_insee = ?7, lat = ?8, lon = ?9, headcount = ?10,"
    " territory_id = ?11 WHERE id = ?13";
static const char sql_org_delete[] = "DELETE FROM organisations WHERE id = ?1";
#define ORG_COLS                                                                                   \
    "o.id, o.siret, o.name, o.naf, o.kind, o.address, o.postal_code, o.commune_insee, o.lat,"      \
    " o.lon, o.headcount, o.territory_id, coalesce(t.name, '')"
static const char sql_org_get[] = "SELECT " ORG_COLS " FROM organisations o LEFT JOIN territories t"
                                  " ON t.id = o.territory_id WHERE o.id = ?1";
/* ?1 territory, ?2 organisation, ?3 NAF prefix (binding an absent parameter is harmless) */
#define ORG_WHERE                                                                                  \
    " WHERE (?1 IS NULL OR o.territory_id = ?1) AND (?2 IS NULL OR o.id = ?2)"                     \
    " AND (?3 IS NULL OR substr(o.naf, 1, length(?3)) = ?3)"
static const char sql_org_list[] =
    "SELECT " ORG_COLS " FROM organisations o LEFT JOIN territories t"
    " ON t.id = o.territory_id" ORG_WHERE " ORDER BY o.id LIMIT ?6 OFFSET ?7";
static const char sql_org_count[] = "SELECT count(*) FROM organisations o" ORG_WHERE;
static const char sql_org_find[] = "SELECT id FROM organisations WHERE siret = ?1";

static void org_bind(sqlite3_stmt *st, const struct store_org *o)
{
    store__bind_text(st, 1, o->siret);
    store__bind_text(st, 2, o->name);
    store__bind_text(st, 3, o->naf);
    store__bind_text(st, 4, store_vocab_name(STORE_V_ORG_KIND, (int)o->kind));
    store__bind_text(st, 5, o->address);
    store__bind_text(st, 6, o->postal_code);
    store__bind_text(st, 7, o->commune_insee);
    sqlite3_bind_double(st, 8, o->pos.lat);
    sqlite3_bind_double(st, 9, o->pos.lon);
    if (o->headcount >= 0)
        sqlite3_bind_int64(st, 10, o->headcount);
    store__bind_id(st, 11, o->territory_id);
}

int store_org_insert(struct store *s, const struct store_org *o, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_org_insert, &st, e);
    if (rc)
        return rc;
    org_bind(st, o);
    sqlite3_bind_int64(st, 12, store__now());
    rc = store__exec(s, st, "organisation insert", e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT, "organisation %s already exists", o->siret);
    if (rc == ERR_OK && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_org_update(struct store *s, const struct store_org *o, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_org_update, &st, e);
    if (rc)
        return rc;
    org_bind(st, o);
    sqlite3_bind_int64(st, 13, o->id);
    rc = store__exec(s, st, "organisation update", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "organisation %lld not found", (long long)o->id);
    return rc;
}

int store_org_delete(struct store *s, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_org_delete, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = store__exec(s, st, "organisation delete", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "organisation %lld not found", (long long)id);
    return rc;
}

static void org_read_row(sqlite3_stmt *st, struct store_org *o)
{
    memset(o, 0, sizeof(*o));
    o->id = sqlite3_column_int64(st, 0);
    store__col_copy(st, 1, o->siret, sizeof(o->siret));
    o->name = store__col_dup(st, 2);
    store__col_copy(st, 3, o->naf, sizeof(o->naf));
    o->kind = (enum store_org_kind)store__col_vocab(st, 4, STORE_V_ORG_KIND);
    o->address = store__col_dup(st, 5);
    store__col_copy(st, 6, o->postal_code, sizeof(o->postal_code));
    store__col_copy(st, 7, o->commune_insee, sizeof(o->commune_insee));
    o->pos.lat = sqlite3_column_double(st, 8);
    o->pos.lon = sqlite3_column_double(st, 9);
    o->headcount = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
    o->territory_id = sqlite3_column_int64(st, 11);
    o->territory_name = store__col_dup(st, 12);
}

int store_org_get(struct store *s, int64_t id, struct store_org *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_org_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        org_read_row(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "organisation %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "organisation get");
    store__reset(st);
    return rc;
}

int store_org_find_siret(struct store *s, const char *siret, int64_t *id, struct err *e)
{
    int rc = query_id_by_text(s, sql_org_find, siret, id, e);
    if (rc == ERR_OK && *id == 0)
        rc = err_set(e, ERR_NOT_FOUND, "organisation %s not found", siret);
    return rc;
}

int store_org_list(struct store *s, const struct store_filter *f, struct store_org **out, size_t *n,
                   struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_org_list, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    struct store_org *os = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(os, cap, count + 1);
        org_read_row(st, &os[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "organisation list");
    store__reset(st);
    if (rc) {
        store_orgs_free(os, count);
        return rc;
    }
    *out = os;
    *n = count;
    return ERR_OK;
}

int store_org_count(struct store *s, const struct store_filter *f, size_t *n, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_org_count, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    else
        rc = store__fail(s, e, "organisation count");
    store__reset(st);
    return rc;
}

void store_org_release(struct store_org *o)
{
    if (!o)
        return;
    free(o->name);
    free(o->address);
    free(o->territory_name);
    memset(o, 0, sizeof(*o));
}

void store_orgs_free(struct store_org *os, size_t n)
{
    for (size_t i = 0; os && i < n; i++)
        store_org_release(&os[i]);
    free(os);
}
