/* SPDX-License-Identifier: MIT */
/*
 * store_web.c - what the web module needs beyond the core store (helper
 * web): each side's decision on a suggested synergy ("mise en relation").
 * Its table comes with migration 3 (store__migration_web), applied on
 * open like every other migration.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* Migration 3: each side's decision on a suggested synergy. IF NOT EXISTS
 * because databases made before this migration created it on first use. */
const char *const store__migration_web[] = {
    "CREATE TABLE IF NOT EXISTS synergy_contacts ("
    " synergy_id INTEGER NOT NULL REFERENCES synergies(id) ON DELETE CASCADE,"
    " org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " decision TEXT NOT NULL CHECK (decision IN ('accepted', 'declined')),"
    " account_id INTEGER,"
    " at INTEGER NOT NULL,"
    " PRIMARY KEY (synergy_id, org_id))",
    NULL,
};
static const char sql_contact_set[] =
    "INSERT INTO synergy_contacts (synergy_id, org_id, decision, account_id, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (synergy_id, org_id) DO UPDATE SET"
    " decision = excluded.decision, account_id = excluded.account_id, at = excluded.at";
static const char sql_contact_get[] =
    "SELECT decision FROM synergy_contacts WHERE synergy_id = ?1 AND org_id = ?2";

int store_contact_decide(struct store *s, int64_t synergy_id, int64_t org_id, bool is_accepted,
                         int64_t account_id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_contact_set, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, synergy_id);
    sqlite3_bind_int64(st, 2, org_id);
    store__bind_text(st, 3, is_accepted ? "accepted" : "declined");
    store__bind_id(st, 4, account_id);
    sqlite3_bind_int64(st, 5, store__now());
    return store__exec(s, st, "synergy contact", e);
}

int store_contact_get(struct store *s, int64_t synergy_id, int64_t org_id, enum store_contact *out,
                      struct err *e)
{
    *out = STORE_CONTACT_NONE;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_contact_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, synergy_id);
    sqlite3_bind_int64(st, 2, org_id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *d = (const char *)sqlite3_column_text(st, 0);
        *out = (d && strcmp(d, "accepted") == 0) ? STORE_CONTACT_ACCEPTED : STORE_CONTACT_DECLINED;
    } else if (step != SQLITE_DONE) {
        rc = store__fail(s, e, "synergy contact");
    }
    store__reset(st);
    return rc;
}

static const char sql_flow_counts[] =
    "SELECT f.organisation_id, f.direction, f.confidentiality, count(*) FROM flows f"
    " JOIN organisations o ON o.id = f.organisation_id"
    " WHERE (?1 IS NULL OR o.territory_id = ?1)"
    " GROUP BY f.organisation_id, f.direction, f.confidentiality ORDER BY f.organisation_id";

int store_web_flow_counts(struct store *s, int64_t territory_id, struct store_flow_count **out,
                          size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_flow_counts, &st, e);
    if (rc)
        return rc;
    store__bind_id(st, 1, territory_id);
    size_t cap = 0;
    struct store_flow_count *arr = NULL;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(arr, cap, *n + 1);
        struct store_flow_count *c = &arr[(*n)++];
        c->org_id = sqlite3_column_int64(st, 0);
        c->direction = (enum store_direction)store__col_vocab(st, 1, STORE_V_DIRECTION);
        c->confidentiality =
            (enum store_confidentiality)store__col_vocab(st, 2, STORE_V_CONFIDENTIALITY);
        c->n = (size_t)sqlite3_column_int64(st, 3);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "flow counts");
    store__reset(st);
    if (rc) {
        free(arr);
        *n = 0;
        return rc;
    }
    *out = arr;
    return ERR_OK;
}

static const char sql_syn_lines[] =
    "SELECT s.id, s.status, f.code, fo.id, fo.territory_id, fo.lat, fo.lon, fo.commune_insee,"
    " r.id, r.territory_id, r.lat, r.lon, r.commune_insee,"
    " (SELECT decision FROM synergy_contacts c WHERE c.synergy_id = s.id AND c.org_id = fo.id),"
    " (SELECT decision FROM synergy_contacts c WHERE c.synergy_id = s.id AND c.org_id = r.id),"
    " f.id, f.confidentiality, nf.id, nf.confidentiality"
    " FROM synergies s JOIN flows f ON f.id = s.offer_flow_id"
    " LEFT JOIN flows nf ON nf.id = s.need_flow_id"
    " JOIN organisations fo ON fo.id = f.organisation_id"
    " JOIN organisations r ON r.id = s.receiver_org_id"
    " WHERE s.kind = 'substitution'"
    " AND (?1 IS NULL OR fo.territory_id = ?1 OR r.territory_id = ?1)"
    " AND (?2 IS NULL OR fo.id = ?2 OR r.id = ?2) ORDER BY s.id";

static enum store_contact contact_col(sqlite3_stmt *st, int i)
{
    const char *d = (const char *)sqlite3_column_text(st, i);
    if (!d)
        return STORE_CONTACT_NONE;
    return strcmp(d, "accepted") == 0 ? STORE_CONTACT_ACCEPTED : STORE_CONTACT_DECLINED;
}

static void side_col(sqlite3_stmt *st, int first, struct store_syn_side *sd)
{
    sd->org_id = sqlite3_column_int64(st, first);
    sd->territory_id = sqlite3_column_int64(st, first + 1);
    sd->pos.lat = sqlite3_column_double(st, first + 2);
    sd->pos.lon = sqlite3_column_double(st, first + 3);
    store__col_copy(st, first + 4, sd->commune_insee, sizeof(sd->commune_insee));
}

int store_web_synergy_lines(struct store *s, int64_t territory_id, int64_t org_id,
                            struct store_syn_line **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_syn_lines, &st, e);
    if (rc)
        return rc;
    store__bind_id(st, 1, territory_id);
    store__bind_id(st, 2, org_id);
    size_t cap = 0;
    struct store_syn_line *arr = NULL;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(arr, cap, *n + 1);
        struct store_syn_line *l = &arr[(*n)++];
        memset(l, 0, sizeof(*l));
        l->id = sqlite3_column_int64(st, 0);
        l->status = (enum store_status)store__col_vocab(st, 1, STORE_V_STATUS);
        store__col_copy(st, 2, l->code, sizeof(l->code));
        side_col(st, 3, &l->offer);
        side_col(st, 8, &l->receiver);
        l->offer.decision = contact_col(st, 13);
        l->receiver.decision = contact_col(st, 14);
        l->offer.flow_id = sqlite3_column_int64(st, 15);
        l->offer.flow_conf =
            (enum store_confidentiality)store__col_vocab(st, 16, STORE_V_CONFIDENTIALITY);
        l->receiver.flow_id = sqlite3_column_int64(st, 17);
        l->receiver.flow_conf = STORE_CONF_ANONYMISED;
        if (l->receiver.flow_id)
            l->receiver.flow_conf =
                (enum store_confidentiality)store__col_vocab(st, 18, STORE_V_CONFIDENTIALITY);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "synergy lines");
    store__reset(st);
    if (rc) {
        free(arr);
        *n = 0;
        return rc;
    }
    *out = arr;
    return ERR_OK;
}

/* Both companies accepted contact on a substitution between ?1 and the
 * caller (?2 its organisation, ?3 a JSON array of its territories); ?4 a
 * flow that must be a side of it (NULL: any). */
static const char sql_relation_contact[] =
    "SELECT 1 FROM synergies s JOIN flows f ON f.id = s.offer_flow_id"
    " JOIN organisations fo ON fo.id = f.organisation_id"
    " JOIN organisations r ON r.id = s.receiver_org_id"
    " WHERE s.kind = 'substitution'"
    " AND EXISTS (SELECT 1 FROM synergy_contacts c WHERE c.synergy_id = s.id"
    "  AND c.org_id = fo.id AND c.decision = 'accepted')"
    " AND EXISTS (SELECT 1 FROM synergy_contacts c WHERE c.synergy_id = s.id"
    "  AND c.org_id = r.id AND c.decision = 'accepted')"
    " AND ((fo.id = ?1 AND (r.id = ?2 OR r.territory_id IN (SELECT value FROM json_each(?3))))"
    "  OR (r.id = ?1 AND (fo.id = ?2 OR fo.territory_id IN (SELECT value FROM json_each(?3)))))"
    " AND (?4 IS NULL OR s.offer_flow_id = ?4 OR s.need_flow_id = ?4) LIMIT 1";
static const char sql_relation_collection[] =
    "SELECT 1 FROM net_collections c JOIN net_collection_items i ON i.collection_id = c.id"
    " WHERE c.collector_org_id = ?2 AND i.organisation_id = ?1 LIMIT 1";

static int relation_step(struct store *s, const char *sql, int64_t org_id, int64_t viewer_org_id,
                         const char *terrs, int64_t flow_id, bool *out, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    store__bind_id(st, 2, viewer_org_id);
    if (terrs)
        store__bind_text(st, 3, terrs);
    if (flow_id)
        store__bind_id(st, 4, flow_id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = true;
    else if (step != SQLITE_DONE)
        rc = store__fail(s, e, "view relation");
    store__reset(st);
    return rc;
}

int store_view_relation(struct store *s, int64_t viewer_org_id, const int64_t *territories,
                        size_t n, int64_t org_id, int64_t flow_id, bool is_collector, bool *out,
                        struct err *e)
{
    *out = false;
    if (org_id <= 0)
        return ERR_OK;
    struct sb terrs;
    sb_init(&terrs, 0);
    sb_addc(&terrs, '[');
    for (size_t i = 0; i < n; i++)
        sb_addf(&terrs, "%s%lld", i ? "," : "", (long long)territories[i]);
    sb_addc(&terrs, ']');
    int rc = sb_finish(&terrs, e);
    if (rc == ERR_OK)
        rc = relation_step(s, sql_relation_contact, org_id, viewer_org_id, terrs.buf, flow_id, out,
                           e);
    if (rc == ERR_OK && !*out && is_collector && !flow_id && viewer_org_id > 0)
        rc = relation_step(s, sql_relation_collection, org_id, viewer_org_id, NULL, 0, out, e);
    sb_release(&terrs);
    return rc;
}
