/* SPDX-License-Identifier: MIT */
/*
 * store_web.c - what the web module needs beyond the core store (helper
 * web): each side's decision on a suggested synergy ("mise en relation").
 * The table is created on first use by store_web_prepare, so that the
 * numbered migrations of store_schema.c stay the store's own.
 */
#include "store_int.h"

#include <string.h>

static const char sql_contact_table[] =
    "CREATE TABLE IF NOT EXISTS synergy_contacts ("
    " synergy_id INTEGER NOT NULL REFERENCES synergies(id) ON DELETE CASCADE,"
    " org_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " decision TEXT NOT NULL CHECK (decision IN ('accepted', 'declined')),"
    " account_id INTEGER,"
    " at INTEGER NOT NULL,"
    " PRIMARY KEY (synergy_id, org_id))";
static const char sql_contact_set[] =
    "INSERT INTO synergy_contacts (synergy_id, org_id, decision, account_id, at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (synergy_id, org_id) DO UPDATE SET"
    " decision = excluded.decision, account_id = excluded.account_id, at = excluded.at";
static const char sql_contact_get[] =
    "SELECT decision FROM synergy_contacts WHERE synergy_id = ?1 AND org_id = ?2";

int store_web_prepare(struct store *s, struct err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql_contact_table, NULL, NULL, &msg) != SQLITE_OK) {
        err_set(e, ERR_DB, "synergy_contacts: %s", msg ? msg : "cannot create");
        sqlite3_free(msg);
        return ERR_DB;
    }
    return ERR_OK;
}

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
