/* SPDX-License-Identifier: MIT */
/* store_flow.c - flows: what an organisation offers or needs. */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define FLOW_VALUES                                                                                \
    "organisation_id = ?1, direction = ?2, family = ?3, code = ?4, quantity = ?5, unit = ?6,"      \
    " period = ?7, qty_per_yr = ?8, base_unit = ?9, hazardous = ?10, physical_state = ?11,"        \
    " temperature_c = ?12, availability = ?13, months_mask = ?14, cost_eur_per_unit = ?15,"        \
    " confidentiality = ?16, description = ?17"
static const char sql_flow_insert[] =
    "INSERT INTO flows (organisation_id, direction, family, code, quantity, unit, period,"
    " qty_per_yr, base_unit, hazardous, physical_state, temperature_c, availability,"
    " months_mask, cost_eur_per_unit, confidentiality, description, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
static const char sql_flow_update[] = "UPDATE flows SET " FLOW_VALUES " WHERE id = ?19";
static const char sql_flow_delete[] = "DELETE FROM flows WHERE id = ?1";
#define FLOW_COLS                                                                                  \
    "f.id, f.organisation_id, f.direction, f.family, f.code, f.quantity, f.unit, f.period,"        \
    " f.qty_per_yr, f.base_unit, f.hazardous, f.physical_state, f.temperature_c,"                  \
    " f.availability, f.months_mask, f.cost_eur_per_unit, f.confidentiality, f.description,"       \
    " o.siret, o.lat, o.lon, o.naf, o.territory_id"
#define FLOW_WHERE                                                                                 \
    " WHERE (?1 IS NULL OR o.territory_id = ?1) AND (?2 IS NULL OR f.organisation_id = ?2)"        \
    " AND (?3 IS NULL OR substr(f.code, 1, length(?3)) = ?3)"                                      \
    " AND (?4 IS NULL OR f.direction = ?4) AND (?5 IS NULL OR f.family = ?5)"
static const char sql_flow_get[] =
    "SELECT " FLOW_COLS " FROM flows f JOIN organisations o ON o.id = f.organisation_id"
    " WHERE f.id = ?1";
static const char sql_flow_list[] =
    "SELECT " FLOW_COLS " FROM flows f JOIN organisations o"
    " ON o.id = f.organisation_id" FLOW_WHERE " ORDER BY f.id LIMIT ?6 OFFSET ?7";
static const char sql_flow_count[] = "SELECT count(*) FROM flows f JOIN organisations o"
                                     " ON o.id = f.organisation_id" FLOW_WHERE;

static void flow_bind(sqlite3_stmt *st, const struct store_flow *f)
{
    sqlite3_bind_int64(st, 1, f->org_id);
    store__bind_text(st, 2, store_vocab_name(STORE_V_DIRECTION, (int)f->direction));
    store__bind_text(st, 3, store_vocab_name(STORE_V_FAMILY, (int)f->family));
    store__bind_text(st, 4, f->code);
    sqlite3_bind_double(st, 5, f->quantity);
    store__bind_text(st, 6, f->unit);
    store__bind_text(st, 7, f->period);
    sqlite3_bind_double(st, 8, f->qty_per_yr);
    store__bind_text(st, 9, f->base_unit);
    sqlite3_bind_int(st, 10, f->is_hazardous ? 1 : 0);
    store__bind_text(st, 11, store_vocab_name(STORE_V_STATE, (int)f->state));
    store__bind_real_or_null(st, 12, f->temperature_c, f->has_temperature);
    store__bind_text(st, 13, store_vocab_name(STORE_V_AVAILABILITY, (int)f->availability));
    sqlite3_bind_int64(st, 14, (int64_t)(f->months_mask & 0xFFFu));
    store__bind_real_or_null(st, 15, f->cost_eur_per_unit, f->has_cost);
    store__bind_text(st, 16, store_vocab_name(STORE_V_CONFIDENTIALITY, (int)f->confidentiality));
    store__bind_text(st, 17, f->description);
}

int store_flow_insert(struct store *s, const struct store_flow *f, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_insert, &st, e);
    if (rc)
        return rc;
    flow_bind(st, f);
    sqlite3_bind_int64(st, 18, store__now());
    rc = store__exec(s, st, "flow insert", e);
    if (rc == ERR_OK && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_flow_update(struct store *s, const struct store_flow *f, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_update, &st, e);
    if (rc)
        return rc;
    flow_bind(st, f);
    sqlite3_bind_int64(st, 19, f->id);
    rc = store__exec(s, st, "flow update", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "flow %lld not found", (long long)f->id);
    return rc;
}

int store_flow_delete(struct store *s, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_delete, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = store__exec(s, st, "flow delete", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "flow %lld not found", (long long)id);
    return rc;
}

static void flow_read_row(sqlite3_stmt *st, struct store_flow *f)
{
    memset(f, 0, sizeof(*f));
    f->id = sqlite3_column_int64(st, 0);
    f->org_id = sqlite3_column_int64(st, 1);
    f->direction = (enum store_direction)store__col_vocab(st, 2, STORE_V_DIRECTION);
    f->family = (enum store_family)store__col_vocab(st, 3, STORE_V_FAMILY);
    store__col_copy(st, 4, f->code, sizeof(f->code));
    f->quantity = sqlite3_column_double(st, 5);
    store__col_copy(st, 6, f->unit, sizeof(f->unit));
    store__col_copy(st, 7, f->period, sizeof(f->period));
    f->qty_per_yr = sqlite3_column_double(st, 8);
    store__col_copy(st, 9, f->base_unit, sizeof(f->base_unit));
    f->is_hazardous = sqlite3_column_int(st, 10) != 0;
    f->state = (enum store_state)store__col_vocab(st, 11, STORE_V_STATE);
    f->has_temperature = sqlite3_column_type(st, 12) != SQLITE_NULL;
    f->temperature_c = sqlite3_column_double(st, 12);
    f->availability = (enum store_availability)store__col_vocab(st, 13, STORE_V_AVAILABILITY);
    f->months_mask = (unsigned)sqlite3_column_int64(st, 14) & 0xFFFu;
    f->has_cost = sqlite3_column_type(st, 15) != SQLITE_NULL;
    f->cost_eur_per_unit = sqlite3_column_double(st, 15);
    f->confidentiality =
        (enum store_confidentiality)store__col_vocab(st, 16, STORE_V_CONFIDENTIALITY);
    f->description = store__col_dup(st, 17);
    store__col_copy(st, 18, f->siret, sizeof(f->siret));
    f->pos.lat = sqlite3_column_double(st, 19);
    f->pos.lon = sqlite3_column_double(st, 20);
    store__col_copy(st, 21, f->naf, sizeof(f->naf));
    f->territory_id = sqlite3_column_int64(st, 22);
}

int store_flow_get(struct store *s, int64_t id, struct store_flow *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        flow_read_row(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "flow %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "flow get");
    store__reset(st);
    return rc;
}

int store_flow_list(struct store *s, const struct store_filter *f, struct store_flow **out,
                    size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_list, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    struct store_flow *fs = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(fs, cap, count + 1);
        flow_read_row(st, &fs[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "flow list");
    store__reset(st);
    if (rc) {
        store_flows_free(fs, count);
        return rc;
    }
    *out = fs;
    *n = count;
    return ERR_OK;
}

int store_flow_count(struct store *s, const struct store_filter *f, size_t *n, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_count, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    else
        rc = store__fail(s, e, "flow count");
    store__reset(st);
    return rc;
}

void store_flow_release(struct store_flow *f)
{
    if (!f)
        return;
    free(f->description);
    memset(f, 0, sizeof(*f));
}

void store_flows_free(struct store_flow *fs, size_t n)
{
    for (size_t i = 0; fs && i < n; i++)
        store_flow_release(&fs[i]);
    free(fs);
}
