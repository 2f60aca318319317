/* SPDX-License-Identifier: MIT */
/*
 * store_eval.c - the yearly evaluation's storage: the figures computed
 * from the data per territory over a period (one aggregate query, never
 * one row per organisation), the values facilitators enter per territory
 * and year with who entered them, and which years are closed.
 *
 * One definition for every figure (the dashboard, the territory table,
 * the API, the exports and the reports all read it through src/report):
 * - a synergy belongs to the territory of its offering organisation, or
 *   of its pool for a mutualisation;
 * - its status at a date is the last status its history recorded before
 *   that date;
 * - its effects count while it is implemented, the measured value when
 *   known, else the estimate (t, t CO2e and euros per year).
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

const char *const store__migration_eval[] = {
    "CREATE TABLE eval_values ("
    " territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,"
    " year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),"
    " indicator TEXT NOT NULL CHECK (indicator <> ''),"
    " value REAL NOT NULL,"
    " entered_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " entered_at INTEGER NOT NULL,"
    " PRIMARY KEY (territory_id, year, indicator))",
    "CREATE TABLE eval_years ("
    " territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,"
    " year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),"
    " closed_at INTEGER,"
    " closed_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " PRIMARY KEY (territory_id, year))",
    "CREATE INDEX synergy_status_history_at ON synergy_status_history(at)",
    NULL,
};

/*
 * ?1 start of the period, ?2 its end (unix seconds, exclusive), ?3 an
 * organisation (0: all): then only the figures that organisation takes
 * part in (its own synergies, flows, collections and purchases).
 */
static const char sql_computed[] =
    "WITH syn AS (SELECT s.id, coalesce(o.territory_id, p.territory_id) AS tid,"
    "  coalesce(s.meas_t_diverted, s.est_t_diverted, 0) AS t,"
    "  coalesce(s.meas_co2e_t, s.est_co2e_t, 0) AS co2e,"
    "  coalesce(s.meas_eur_saved, s.est_eur_saved, 0) AS eur,"
    "  (SELECT h.to_status FROM synergy_status_history h WHERE h.synergy_id = s.id AND h.at < ?2"
    "   ORDER BY h.at DESC, h.id DESC LIMIT 1) AS st_end"
    "  FROM synergies s LEFT JOIN flows f ON f.id = s.offer_flow_id"
    "  LEFT JOIN organisations o ON o.id = f.organisation_id"
    "  LEFT JOIN pools p ON p.id = s.pool_id"
    "  WHERE ?3 = 0 OR o.id = ?3 OR s.receiver_org_id = ?3 OR EXISTS (SELECT 1 FROM pool_members"
    "   pm WHERE pm.pool_id = s.pool_id AND pm.organisation_id = ?3)),"
    " sa AS (SELECT tid, sum(st_end = 'suggested') AS n0, sum(st_end = 'studied') AS n1,"
    "  sum(st_end = 'in_progress') AS n2, sum(st_end = 'implemented') AS n3,"
    "  sum(st_end = 'abandoned') AS n4,"
    "  sum(CASE WHEN st_end = 'implemented' THEN t ELSE 0 END) AS t,"
    "  sum(CASE WHEN st_end = 'implemented' THEN co2e ELSE 0 END) AS co2e,"
    "  sum(CASE WHEN st_end = 'implemented' THEN eur ELSE 0 END) AS eur FROM syn GROUP BY tid),"
    " ra AS (SELECT syn.tid, sum(h.to_status = 'suggested') AS r0, sum(h.to_status = 'studied') AS"
    "  r1, sum(h.to_status = 'in_progress') AS r2, sum(h.to_status = 'implemented') AS r3,"
    "  sum(h.to_status = 'abandoned') AS r4"
    "  FROM (SELECT DISTINCT synergy_id, to_status FROM synergy_status_history"
    "   WHERE at >= ?1 AND at < ?2) h JOIN syn ON syn.id = h.synergy_id GROUP BY syn.tid),"
    " oa AS (SELECT territory_id AS tid, count(*) AS n FROM organisations"
    "  WHERE kind = 'company' AND created_at < ?2 AND (?3 = 0 OR id = ?3) GROUP BY territory_id),"
    " fa AS (SELECT o.territory_id AS tid, sum(f.direction = 'offer') AS offers,"
    "  sum(f.direction = 'need') AS needs FROM flows f JOIN organisations o"
    "  ON o.id = f.organisation_id WHERE f.created_at >= ?1 AND f.created_at < ?2"
    "  AND (?3 = 0 OR o.id = ?3) GROUP BY o.territory_id),"
    " ea AS (SELECT territory_id AS tid, sum(kind = 'workshop') AS ws, sum(kind <> 'workshop') AS"
    "  ev FROM net_events WHERE cancelled = 0 AND starts_at >= ?1 AND starts_at < ?2 AND ?3 = 0"
    "  GROUP BY territory_id),"
    " ca AS (SELECT c.territory_id AS tid, count(*) AS n, sum(coalesce((SELECT (r.baseline_km -"
    "  r.km) * CASE c.round_frequency WHEN 'weekly' THEN 52 WHEN 'fortnightly' THEN 26"
    "  WHEN 'monthly' THEN 12 ELSE 4 END FROM collection_rounds r WHERE r.collection_id = c.id"
    "  ORDER BY r.created_at DESC, r.id DESC LIMIT 1), 0)) AS km FROM net_collections c"
    "  WHERE c.created_at < ?2 AND (?3 = 0 OR EXISTS (SELECT 1 FROM net_collection_items i"
    "  WHERE i.collection_id = c.id AND i.organisation_id = ?3)) GROUP BY c.territory_id),"
    " ta AS (SELECT tr.territory_id AS tid, count(*) AS n, sum((SELECT count(*) FROM"
    "  net_registrations g WHERE g.subject = 'training' AND g.subject_id = tr.id"
    "  AND g.status = 'registered')) AS p FROM net_trainings tr WHERE tr.starts_at >= ?1"
    "  AND tr.starts_at < ?2 AND ?3 = 0 GROUP BY tr.territory_id),"
    " pa AS (SELECT territory_id AS tid, count(*) AS n FROM net_purchases pu"
    "  WHERE created_at >= ?1 AND created_at < ?2 AND (?3 = 0 OR EXISTS (SELECT 1 FROM"
    "  net_purchase_lines l WHERE l.purchase_id = pu.id AND l.organisation_id = ?3))"
    "  GROUP BY territory_id)"
    " SELECT t.id, t.name, t.stage, coalesce(oa.n, 0), coalesce(fa.offers, 0),"
    " coalesce(fa.needs, 0), coalesce(ea.ws, 0), coalesce(ea.ev, 0),"
    " coalesce(sa.n0, 0), coalesce(sa.n1, 0), coalesce(sa.n2, 0), coalesce(sa.n3, 0),"
    " coalesce(sa.n4, 0), coalesce(ra.r0, 0), coalesce(ra.r1, 0), coalesce(ra.r2, 0),"
    " coalesce(ra.r3, 0), coalesce(ra.r4, 0), coalesce(sa.t, 0), coalesce(sa.co2e, 0),"
    " coalesce(sa.eur, 0),"
    " CASE WHEN ?3 = 0 THEN coalesce((SELECT jobs_created FROM net_territory_jobs j"
    "  WHERE j.territory_id = t.id), 0) ELSE 0 END,"
    " coalesce(ca.n, 0), coalesce(ca.km, 0), coalesce(ta.n, 0), coalesce(ta.p, 0),"
    " coalesce(pa.n, 0)"
    " FROM territories t LEFT JOIN sa ON sa.tid = t.id LEFT JOIN ra ON ra.tid = t.id"
    " LEFT JOIN oa ON oa.tid = t.id LEFT JOIN fa ON fa.tid = t.id LEFT JOIN ea ON ea.tid = t.id"
    " LEFT JOIN ca ON ca.tid = t.id LEFT JOIN ta ON ta.tid = t.id LEFT JOIN pa ON pa.tid = t.id"
    " ORDER BY t.id";

static void computed_row(sqlite3_stmt *st, void *v)
{
    struct store_eval_computed *r = v;
    int c = 0;
    r->territory_id = sqlite3_column_int64(st, c++);
    r->territory_name = store__col_dup(st, c++);
    store__col_copy(st, c++, r->stage, sizeof(r->stage));
    r->companies = sqlite3_column_int64(st, c++);
    r->offers = sqlite3_column_int64(st, c++);
    r->needs = sqlite3_column_int64(st, c++);
    r->workshops = sqlite3_column_int64(st, c++);
    r->events = sqlite3_column_int64(st, c++);
    for (int k = 0; k < 5; k++)
        r->in_status[k] = sqlite3_column_int64(st, c++);
    for (int k = 0; k < 5; k++)
        r->reached[k] = sqlite3_column_int64(st, c++);
    r->t_diverted = sqlite3_column_double(st, c++);
    r->co2e_t = sqlite3_column_double(st, c++);
    r->eur_saved = sqlite3_column_double(st, c++);
    r->jobs = sqlite3_column_int64(st, c++);
    r->collections = sqlite3_column_int64(st, c++);
    r->collection_km_avoided = sqlite3_column_double(st, c++);
    r->trainings = sqlite3_column_int64(st, c++);
    r->participants = sqlite3_column_int64(st, c++);
    r->purchases = sqlite3_column_int64(st, c++);
}

int store_eval_computed(struct store *s, int64_t from, int64_t to, int64_t org_id,
                        struct store_eval_computed **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_computed, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    sqlite3_bind_int64(st, 3, org_id);
    return store__rows(s, st, sizeof(**out), computed_row, (void **)out, n, "evaluation", e);
}

void store_eval_computed_free(struct store_eval_computed *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++)
        free(r[i].territory_name);
    free(r);
}

/* ------------------------------------------------------ offer territories */

static const char sql_offer_terr[] =
    "SELECT s.id, coalesce(o.territory_id, 0) FROM synergies s JOIN flows f ON f.id ="
    " s.offer_flow_id JOIN organisations o ON o.id = f.organisation_id"
    " WHERE s.kind = 'substitution' AND (s.status = 'suggested' OR s.status = 'studied')"
    " ORDER BY s.id";

static void pair_row(sqlite3_stmt *st, void *v)
{
    struct store_id_pair *p = v;
    p->a = sqlite3_column_int64(st, 0);
    p->b = sqlite3_column_int64(st, 1);
}

int store_eval_open_synergy_territories(struct store *s, struct store_id_pair **out, size_t *n,
                                        struct err *e)
{
    return store__net_list_by_id(s, sql_offer_terr, 0, sizeof(**out), pair_row, (void **)out, n,
                                 "open synergies", e);
}

/* ------------------------------------------------------- implemented list */

/* Synergies implemented at ?2 (end of the year) in territory ?1, with the
 * date they were last set implemented before it. */
static const char sql_implemented[] =
    "SELECT s.id, s.kind, coalesce(o.territory_id, p.territory_id),"
    " coalesce(o.id, 0), coalesce(o.name, p.name), coalesce(o.naf, ''),"
    " coalesce(o.commune_insee, ''), coalesce(r.id, 0), coalesce(r.name, ''),"
    " coalesce(r.naf, ''), coalesce(r.commune_insee, ''), coalesce(f.code, p.code),"
    " coalesce(s.meas_t_diverted, s.est_t_diverted, 0),"
    " coalesce(s.meas_co2e_t, s.est_co2e_t, 0), coalesce(s.meas_eur_saved, s.est_eur_saved, 0),"
    " s.meas_t_diverted IS NOT NULL, x.at, coalesce(o.lat, 0), coalesce(o.lon, 0),"
    " coalesce(r.lat, 0), coalesce(r.lon, 0), coalesce(r.territory_id, 0)"
    " FROM synergies s LEFT JOIN flows f ON f.id = s.offer_flow_id"
    " LEFT JOIN organisations o ON o.id = f.organisation_id"
    " LEFT JOIN organisations r ON r.id = s.receiver_org_id"
    " LEFT JOIN pools p ON p.id = s.pool_id"
    " JOIN (SELECT h.synergy_id, max(h.at) AS at FROM synergy_status_history h"
    "  WHERE h.at < ?2 AND h.to_status = 'implemented' GROUP BY h.synergy_id) x"
    "  ON x.synergy_id = s.id"
    " WHERE coalesce(o.territory_id, p.territory_id) = ?1"
    " AND (SELECT h.to_status FROM synergy_status_history h WHERE h.synergy_id = s.id"
    "  AND h.at < ?2 ORDER BY h.at DESC, h.id DESC LIMIT 1) = 'implemented'"
    " ORDER BY x.at, s.id";

static void implemented_row(sqlite3_stmt *st, void *v)
{
    struct store_eval_synergy *r = v;
    int c = 0;
    r->id = sqlite3_column_int64(st, c++);
    r->is_pool = strcmp((const char *)sqlite3_column_text(st, c++), "mutualisation") == 0;
    r->territory_id = store__col_id(st, c++);
    r->offer_org_id = sqlite3_column_int64(st, c++);
    r->offer_name = store__col_dup(st, c++);
    store__col_copy(st, c++, r->offer_naf, sizeof(r->offer_naf));
    store__col_copy(st, c++, r->offer_commune, sizeof(r->offer_commune));
    r->receiver_org_id = sqlite3_column_int64(st, c++);
    r->receiver_name = store__col_dup(st, c++);
    store__col_copy(st, c++, r->receiver_naf, sizeof(r->receiver_naf));
    store__col_copy(st, c++, r->receiver_commune, sizeof(r->receiver_commune));
    store__col_copy(st, c++, r->code, sizeof(r->code));
    r->t_diverted = sqlite3_column_double(st, c++);
    r->co2e_t = sqlite3_column_double(st, c++);
    r->eur_saved = sqlite3_column_double(st, c++);
    r->is_measured = sqlite3_column_int(st, c++) != 0;
    r->implemented_at = sqlite3_column_int64(st, c++);
    r->offer_pos.lat = sqlite3_column_double(st, c++);
    r->offer_pos.lon = sqlite3_column_double(st, c++);
    r->receiver_pos.lat = sqlite3_column_double(st, c++);
    r->receiver_pos.lon = sqlite3_column_double(st, c++);
    r->receiver_territory_id = sqlite3_column_int64(st, c++);
}

int store_eval_implemented(struct store *s, int64_t territory_id, int64_t to,
                           struct store_eval_synergy **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_implemented, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int64(st, 2, to);
    return store__rows(s, st, sizeof(**out), implemented_row, (void **)out, n, "synergies", e);
}

void store_eval_synergies_free(struct store_eval_synergy *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        free(r[i].offer_name);
        free(r[i].receiver_name);
    }
    free(r);
}

/* --------------------------------------------------------- entered values */

static const char sql_values[] =
    "SELECT v.territory_id, v.year, v.indicator, v.value, coalesce(v.entered_by, 0),"
    " v.entered_at, coalesce(a.email, '') FROM eval_values v"
    " LEFT JOIN accounts a ON a.id = v.entered_by"
    " WHERE (?1 = 0 OR v.territory_id = ?1) AND v.year BETWEEN ?2 AND ?3"
    " ORDER BY v.territory_id, v.year, v.indicator";

static void value_row(sqlite3_stmt *st, void *v)
{
    struct store_eval_value *r = v;
    r->territory_id = sqlite3_column_int64(st, 0);
    r->year = sqlite3_column_int(st, 1);
    store__col_copy(st, 2, r->indicator, sizeof(r->indicator));
    r->value = sqlite3_column_double(st, 3);
    r->entered_by = sqlite3_column_int64(st, 4);
    r->entered_at = sqlite3_column_int64(st, 5);
    store__col_copy(st, 6, r->entered_by_email, sizeof(r->entered_by_email));
}

int store_eval_values_list(struct store *s, int64_t territory_id, int year_from, int year_to,
                           struct store_eval_value **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_values, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int(st, 2, year_from);
    sqlite3_bind_int(st, 3, year_to);
    return store__rows(s, st, sizeof(**out), value_row, (void **)out, n, "evaluation values", e);
}

static const char sql_value_set[] =
    "INSERT INTO eval_values (territory_id, year, indicator, value, entered_by, entered_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (territory_id, year, indicator) DO UPDATE"
    " SET value = excluded.value, entered_by = excluded.entered_by,"
    " entered_at = excluded.entered_at";
static const char sql_value_del[] =
    "DELETE FROM eval_values WHERE territory_id = ?1 AND year = ?2 AND indicator = ?3";

int store_eval_value_set(struct store *s, int64_t territory_id, int year, const char *indicator,
                         double value, bool has_value, int64_t account_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, has_value ? sql_value_set : sql_value_del, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int(st, 2, year);
    store__bind_text(st, 3, indicator);
    if (has_value) {
        sqlite3_bind_double(st, 4, value);
        store__bind_id(st, 5, account_id);
        sqlite3_bind_int64(st, 6, store__now());
    }
    return store__exec(s, st, "evaluation value", e);
}

static const char sql_years[] =
    "SELECT y.territory_id, y.year, coalesce(y.closed_at, 0), coalesce(y.closed_by, 0)"
    " FROM eval_years y WHERE (?1 = 0 OR y.territory_id = ?1) AND y.year BETWEEN ?2 AND ?3"
    " AND y.closed_at IS NOT NULL ORDER BY y.territory_id, y.year";

static void year_row(sqlite3_stmt *st, void *v)
{
    struct store_eval_year *r = v;
    r->territory_id = sqlite3_column_int64(st, 0);
    r->year = sqlite3_column_int(st, 1);
    r->closed_at = sqlite3_column_int64(st, 2);
    r->closed_by = sqlite3_column_int64(st, 3);
}

int store_eval_closed_list(struct store *s, int64_t territory_id, int year_from, int year_to,
                           struct store_eval_year **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_years, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int(st, 2, year_from);
    sqlite3_bind_int(st, 3, year_to);
    return store__rows(s, st, sizeof(**out), year_row, (void **)out, n, "evaluation years", e);
}

static const char sql_close[] =
    "INSERT INTO eval_years (territory_id, year, closed_at, closed_by) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (territory_id, year) DO UPDATE SET closed_at = excluded.closed_at,"
    " closed_by = excluded.closed_by";
static const char sql_reopen[] =
    "UPDATE eval_years SET closed_at = NULL, closed_by = NULL WHERE territory_id = ?1"
    " AND year = ?2";

int store_eval_year_set_closed(struct store *s, int64_t territory_id, int year, bool is_closed,
                               int64_t account_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, is_closed ? sql_close : sql_reopen, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, territory_id);
    sqlite3_bind_int(st, 2, year);
    if (is_closed) {
        sqlite3_bind_int64(st, 3, store__now());
        store__bind_id(st, 4, account_id);
    }
    return store__exec(s, st, "evaluation year", e);
}
