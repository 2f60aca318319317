/* SPDX-License-Identifier: MIT */
/*
 * store_network.c - persistence of the network's services: the schema
 * migration of their tables, the shared list/get/transaction helpers,
 * events, trainings and their registrations with waiting lists.
 * Rooms, purchases and collections are in store_network_pool.c; forum,
 * notifications, library and search in store_network_forum.c;
 * territories' actors, checklist and indicators in store_network_terr.c.
 */
#include "store_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *const store__migration_network[] = {
    "CREATE TABLE net_events ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('network_meeting','webinar','workshop')),"
    " title TEXT NOT NULL CHECK (title <> ''),"
    " description TEXT NOT NULL DEFAULT '',"
    " location TEXT NOT NULL DEFAULT '',"
    " video_url TEXT NOT NULL DEFAULT '',"
    " starts_at INTEGER NOT NULL,"
    " ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),"
    " capacity INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " sequence INTEGER NOT NULL DEFAULT 0,"
    " cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0,1)),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL)",
    "CREATE INDEX net_events_start ON net_events(starts_at)",
    "CREATE TABLE net_trainings ("
    " id INTEGER PRIMARY KEY,"
    " title TEXT NOT NULL CHECK (title <> ''),"
    " topic TEXT NOT NULL DEFAULT '',"
    " description TEXT NOT NULL DEFAULT '',"
    " location TEXT NOT NULL DEFAULT '',"
    " starts_at INTEGER NOT NULL,"
    " ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),"
    " min_participants INTEGER NOT NULL CHECK (min_participants >= 1),"
    " max_participants INTEGER NOT NULL CHECK (max_participants >= min_participants),"
    " organiser_org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " confirmed_at INTEGER,"
    " created_at INTEGER NOT NULL)",
    /* registrations of events and trainings: subject says which table */
    "CREATE TABLE net_registrations ("
    " id INTEGER PRIMARY KEY,"
    " subject TEXT NOT NULL CHECK (subject IN ('event','training')),"
    " subject_id INTEGER NOT NULL,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " status TEXT NOT NULL CHECK (status IN ('registered','waiting','cancelled')),"
    " created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL,"
    " UNIQUE (subject, subject_id, account_id))",
    "CREATE INDEX net_registrations_queue ON net_registrations(subject, subject_id, status,"
    " created_at)",
    "CREATE TRIGGER net_events_delete AFTER DELETE ON net_events BEGIN"
    " DELETE FROM net_registrations WHERE subject = 'event' AND subject_id = OLD.id; END",
    "CREATE TRIGGER net_trainings_delete AFTER DELETE ON net_trainings BEGIN"
    " DELETE FROM net_registrations WHERE subject = 'training' AND subject_id = OLD.id; END",
    "CREATE TABLE net_rooms ("
    " id INTEGER PRIMARY KEY,"
    " organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL CHECK (name <> ''),"
    " capacity INTEGER NOT NULL CHECK (capacity >= 1),"
    " equipment TEXT NOT NULL DEFAULT '',"
    " address TEXT NOT NULL DEFAULT '',"
    " description TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE net_bookings ("
    " id INTEGER PRIMARY KEY,"
    " room_id INTEGER NOT NULL REFERENCES net_rooms(id) ON DELETE CASCADE,"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " starts_at INTEGER NOT NULL,"
    " ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),"
    " purpose TEXT NOT NULL DEFAULT '',"
    " cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0,1)),"
    " created_at INTEGER NOT NULL)",
    "CREATE INDEX net_bookings_room ON net_bookings(room_id, starts_at)",
    /* second guard behind the check made in the booking transaction */
    "CREATE TRIGGER net_bookings_no_overlap BEFORE INSERT ON net_bookings"
    " WHEN NEW.cancelled = 0 BEGIN"
    " SELECT RAISE(ABORT, 'booking overlaps another booking of the room') WHERE EXISTS ("
    "  SELECT 1 FROM net_bookings b WHERE b.room_id = NEW.room_id AND b.cancelled = 0"
    "  AND b.starts_at < NEW.ends_at AND b.ends_at > NEW.starts_at); END",
    "CREATE TABLE net_purchases ("
    " id INTEGER PRIMARY KEY,"
    " title TEXT NOT NULL CHECK (title <> ''),"
    " category TEXT NOT NULL CHECK (category <> ''),"
    " unit TEXT NOT NULL CHECK (unit <> ''),"
    " deadline TEXT NOT NULL,"
    " description TEXT NOT NULL DEFAULT '',"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE net_purchase_lines ("
    " purchase_id INTEGER NOT NULL REFERENCES net_purchases(id) ON DELETE CASCADE,"
    " organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " quantity REAL NOT NULL CHECK (quantity > 0),"
    " comment TEXT NOT NULL DEFAULT '',"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " updated_at INTEGER NOT NULL,"
    " PRIMARY KEY (purchase_id, organisation_id))",
    "CREATE TABLE net_collections ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL CHECK (name <> ''),"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " collector_org_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " depot_lat REAL NOT NULL, depot_lon REAL NOT NULL,"
    " vehicle_capacity_kg REAL NOT NULL CHECK (vehicle_capacity_kg > 0),"
    " round_frequency TEXT NOT NULL CHECK (round_frequency IN ('weekly','fortnightly',"
    "  'monthly','quarterly')),"
    " created_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE net_collection_items ("
    " id INTEGER PRIMARY KEY,"
    " collection_id INTEGER NOT NULL REFERENCES net_collections(id) ON DELETE CASCADE,"
    " organisation_id INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,"
    " low_code TEXT NOT NULL CHECK (length(low_code) = 6),"
    " quantity_kg REAL NOT NULL CHECK (quantity_kg > 0),"
    " frequency TEXT NOT NULL CHECK (frequency IN ('weekly','fortnightly','monthly',"
    "  'quarterly','yearly')),"
    " created_at INTEGER NOT NULL,"
    " UNIQUE (collection_id, organisation_id, low_code))",
    "CREATE TABLE net_threads ("
    " id INTEGER PRIMARY KEY,"
    " title TEXT NOT NULL CHECK (title <> ''),"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " author_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE net_posts ("
    " id INTEGER PRIMARY KEY,"
    " thread_id INTEGER NOT NULL REFERENCES net_threads(id) ON DELETE CASCADE,"
    " author_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " body TEXT NOT NULL CHECK (body <> ''),"
    " created_at INTEGER NOT NULL)",
    "CREATE INDEX net_posts_thread ON net_posts(thread_id, id)",
    "CREATE TABLE net_notifications ("
    " id INTEGER PRIMARY KEY,"
    " account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,"
    " kind TEXT NOT NULL,"
    " text TEXT NOT NULL,"
    " link TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL,"
    " read_at INTEGER)",
    "CREATE INDEX net_notifications_account ON net_notifications(account_id, id)",
    "CREATE TABLE net_resources ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('good_practice','method_sheet','other')),"
    " title TEXT NOT NULL CHECK (title <> ''),"
    " description TEXT NOT NULL DEFAULT '',"
    " territory_id INTEGER REFERENCES territories(id) ON DELETE SET NULL,"
    " visibility TEXT NOT NULL CHECK (visibility IN ('network','territory','facilitators')),"
    " mime TEXT NOT NULL,"
    " size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),"
    " storage_name TEXT NOT NULL UNIQUE,"
    " original_name TEXT NOT NULL DEFAULT '',"
    " uploaded_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " created_at INTEGER NOT NULL)",
    /* one search index over threads (title + first post), posts and resources */
    "CREATE VIRTUAL TABLE net_search USING fts5(kind UNINDEXED, ref_id UNINDEXED,"
    " title, body, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER net_threads_fts AFTER INSERT ON net_threads BEGIN"
    " INSERT INTO net_search (kind, ref_id, title, body) VALUES ('thread', NEW.id, NEW.title, '');"
    " END",
    "CREATE TRIGGER net_threads_fts_del AFTER DELETE ON net_threads BEGIN"
    " DELETE FROM net_search WHERE kind = 'thread' AND ref_id = OLD.id; END",
    "CREATE TRIGGER net_posts_fts AFTER INSERT ON net_posts BEGIN"
    " INSERT INTO net_search (kind, ref_id, title, body) VALUES ('post', NEW.id, '', NEW.body);"
    " END",
    "CREATE TRIGGER net_posts_fts_del AFTER DELETE ON net_posts BEGIN"
    " DELETE FROM net_search WHERE kind = 'post' AND ref_id = OLD.id; END",
    "CREATE TRIGGER net_resources_fts AFTER INSERT ON net_resources BEGIN"
    " INSERT INTO net_search (kind, ref_id, title, body)"
    " VALUES ('resource', NEW.id, NEW.title, NEW.description || ' ' || NEW.original_name); END",
    "CREATE TRIGGER net_resources_fts_del AFTER DELETE ON net_resources BEGIN"
    " DELETE FROM net_search WHERE kind = 'resource' AND ref_id = OLD.id; END",
    "CREATE TABLE net_actors ("
    " id INTEGER PRIMARY KEY,"
    " territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,"
    " role TEXT NOT NULL CHECK (role IN ('pilot','facilitator','chamber',"
    "  'economic_developer','company','funder','commune')),"
    " name TEXT NOT NULL CHECK (name <> ''),"
    " organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,"
    " account_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " email TEXT NOT NULL DEFAULT '',"
    " created_at INTEGER NOT NULL)",
    "CREATE INDEX net_actors_territory ON net_actors(territory_id)",
    "CREATE TABLE net_key_dates ("
    " id INTEGER PRIMARY KEY,"
    " territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,"
    " date TEXT NOT NULL,"
    " label TEXT NOT NULL CHECK (label <> ''))",
    "CREATE TABLE net_checklist ("
    " territory_id INTEGER NOT NULL REFERENCES territories(id) ON DELETE CASCADE,"
    " stage TEXT NOT NULL,"
    " item INTEGER NOT NULL CHECK (item >= 0),"
    " done_at INTEGER NOT NULL,"
    " done_by INTEGER REFERENCES accounts(id) ON DELETE SET NULL,"
    " PRIMARY KEY (territory_id, stage, item))",
    /* secret feed URLs for calendar apps, which cannot send session cookies */
    "CREATE TABLE net_feed_tokens ("
    " account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,"
    " token_hash TEXT NOT NULL UNIQUE,"
    " created_at INTEGER NOT NULL)",
    "CREATE TABLE net_territory_jobs ("
    " territory_id INTEGER PRIMARY KEY REFERENCES territories(id) ON DELETE CASCADE,"
    " jobs_created INTEGER NOT NULL CHECK (jobs_created >= 0))",
    NULL,
};

/* ------------------------------------------------------------- helpers */

int store_tx_join(struct store *s, bool *is_owned, struct err *e)
{
    *is_owned = !s->in_tx;
    return *is_owned ? store_tx_begin(s, e) : ERR_OK;
}

int store_tx_leave(struct store *s, bool is_owned, int rc, struct err *e)
{
    if (!is_owned)
        return rc;
    if (rc) {
        store_tx_rollback(s);
        return rc;
    }
    return store_tx_commit(s, e);
}

int store__net_get_by_id(struct store *s, const char *sql, int64_t id, void *out, size_t size,
                         store_row_fn fn, const char *what, struct err *e)
{
    memset(out, 0, size);
    return store__get(s, sql, id, fn, out, what, e);
}

int store__net_insert(struct store *s, sqlite3_stmt *st, int64_t *id, const char *what,
                      struct err *e)
{
    int rc = store__exec(s, st, what, e);
    if (rc == ERR_OK && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store__net_list_by_id(struct store *s, const char *sql, int64_t id, size_t elem_size,
                          store_row_fn fn, void **out, size_t *n, const char *what, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    if (sqlite3_bind_parameter_count(st) > 0)
        store__bind_id(st, 1, id);
    return store__rows(s, st, elem_size, fn, out, n, what, e);
}

int64_t store__col_id(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

/* Runs an UPDATE/DELETE by id; ERR_NOT_FOUND if it touched no row. */
int store__net_exec_id(struct store *s, const char *sql, int64_t id, const char *what,
                       struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    rc = store__exec(s, st, what, e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "%s %lld not found", what, (long long)id);
    return rc;
}

/* --------------------------------------------------------------- events */

#define EVENT_COLS                                                                                 \
    "id, kind, title, description, location, video_url, starts_at, ends_at, capacity,"             \
    " territory_id, created_by, sequence, cancelled, updated_at,"                                  \
    " (SELECT count(*) FROM net_registrations r WHERE r.subject = 'event'"                         \
    "  AND r.subject_id = ev.id AND r.status = 'registered'),"                                     \
    " (SELECT count(*) FROM net_registrations r WHERE r.subject = 'event'"                         \
    "  AND r.subject_id = ev.id AND r.status = 'waiting')"

static const char sql_event_insert[] =
    "INSERT INTO net_events (kind, title, description, location, video_url, starts_at, ends_at,"
    " capacity, territory_id, created_by, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";
static const char sql_event_update[] =
    "UPDATE net_events SET kind = ?2, title = ?3, description = ?4, location = ?5,"
    " video_url = ?6, starts_at = ?7, ends_at = ?8, capacity = ?9, territory_id = ?10,"
    " sequence = sequence + 1, updated_at = ?11 WHERE id = ?1";
static const char sql_event_cancel[] =
    "UPDATE net_events SET cancelled = 1, sequence = sequence + 1, updated_at = ?2 WHERE id = ?1";
static const char sql_event_get[] = "SELECT " EVENT_COLS " FROM net_events ev WHERE id = ?1";
static const char sql_event_list[] =
    "SELECT " EVENT_COLS " FROM net_events ev WHERE ends_at >= ?1 AND (?2 IS NULL OR EXISTS ("
    " SELECT 1 FROM net_registrations r WHERE r.subject = 'event' AND r.subject_id = ev.id"
    " AND r.account_id = ?2 AND r.status <> 'cancelled')) ORDER BY starts_at, id";

static void event_bind(sqlite3_stmt *st, const struct store_event *ev)
{
    store__bind_text(st, 2, ev->kind);
    store__bind_text(st, 3, ev->title);
    store__bind_text(st, 4, ev->description);
    store__bind_text(st, 5, ev->location);
    store__bind_text(st, 6, ev->video_url);
    sqlite3_bind_int64(st, 7, ev->starts_at);
    sqlite3_bind_int64(st, 8, ev->ends_at);
    sqlite3_bind_int64(st, 9, ev->capacity);
    store__bind_id(st, 10, ev->territory_id);
    sqlite3_bind_int64(st, 11, store__now());
}

int store_event_insert(struct store *s, const struct store_event *ev, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_event_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, ev->kind);
    store__bind_text(st, 2, ev->title);
    store__bind_text(st, 3, ev->description);
    store__bind_text(st, 4, ev->location);
    store__bind_text(st, 5, ev->video_url);
    sqlite3_bind_int64(st, 6, ev->starts_at);
    sqlite3_bind_int64(st, 7, ev->ends_at);
    sqlite3_bind_int64(st, 8, ev->capacity);
    store__bind_id(st, 9, ev->territory_id);
    store__bind_id(st, 10, ev->created_by);
    sqlite3_bind_int64(st, 11, store__now());
    return store__net_insert(s, st, id, "event insert", e);
}

int store_event_update(struct store *s, const struct store_event *ev, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_event_update, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, ev->id);
    event_bind(st, ev);
    rc = store__exec(s, st, "event update", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "event %lld not found", (long long)ev->id);
    return rc;
}

int store_event_cancel(struct store *s, int64_t id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_event_cancel, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, store__now());
    rc = store__exec(s, st, "event cancel", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "event %lld not found", (long long)id);
    return rc;
}

static void event_row(sqlite3_stmt *st, void *p)
{
    struct store_event *ev = p;
    ev->id = sqlite3_column_int64(st, 0);
    store__col_copy(st, 1, ev->kind, sizeof(ev->kind));
    ev->title = store__col_dup(st, 2);
    ev->description = store__col_dup(st, 3);
    ev->location = store__col_dup(st, 4);
    ev->video_url = store__col_dup(st, 5);
    ev->starts_at = sqlite3_column_int64(st, 6);
    ev->ends_at = sqlite3_column_int64(st, 7);
    ev->capacity = sqlite3_column_int64(st, 8);
    ev->territory_id = store__col_id(st, 9);
    ev->created_by = store__col_id(st, 10);
    ev->sequence = (unsigned)sqlite3_column_int64(st, 11);
    ev->is_cancelled = sqlite3_column_int(st, 12) != 0;
    ev->updated_at = sqlite3_column_int64(st, 13);
    ev->n_registered = (size_t)sqlite3_column_int64(st, 14);
    ev->n_waiting = (size_t)sqlite3_column_int64(st, 15);
}

int store_event_get(struct store *s, int64_t id, struct store_event *out, struct err *e)
{
    return store__net_get_by_id(s, sql_event_get, id, out, sizeof(*out), event_row, "event", e);
}

int store_event_list(struct store *s, int64_t from, int64_t account_id, struct store_event **out,
                     size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_event_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, from);
    store__bind_id(st, 2, account_id);
    rc = store__rows(s, st, sizeof(**out), event_row, (void **)out, n, "event list", e);
    if (rc) {
        store_events_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void store_event_release(struct store_event *ev)
{
    if (!ev)
        return;
    free(ev->title);
    free(ev->description);
    free(ev->location);
    free(ev->video_url);
    memset(ev, 0, sizeof(*ev));
}

void store_events_free(struct store_event *evs, size_t n)
{
    for (size_t i = 0; evs && i < n; i++)
        store_event_release(&evs[i]);
    free(evs);
}

/* -------------------------------------------------------- registrations */

static const char *const subject_names[] = {"event", "training"};
static const char *const reg_status_names[] = {"registered", "waiting", "cancelled"};

static const char sql_reg_count[] =
    "SELECT count(*) FROM net_registrations WHERE subject = ?1 AND subject_id = ?2"
    " AND status = 'registered'";
static const char sql_reg_find[] = "SELECT status FROM net_registrations WHERE subject = ?1"
                                   " AND subject_id = ?2 AND account_id = ?3";
static const char sql_reg_upsert[] =
    "INSERT INTO net_registrations (subject, subject_id, account_id, status, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
    " ON CONFLICT (subject, subject_id, account_id) DO UPDATE SET status = excluded.status,"
    " created_at = excluded.created_at, updated_at = excluded.updated_at";
static const char sql_reg_set[] =
    "UPDATE net_registrations SET status = ?4, updated_at = ?5 WHERE subject = ?1"
    " AND subject_id = ?2 AND account_id = ?3";
static const char sql_reg_first_waiting[] =
    "SELECT account_id FROM net_registrations WHERE subject = ?1 AND subject_id = ?2"
    " AND status = 'waiting' ORDER BY created_at, id LIMIT 1";
static const char sql_reg_list[] =
    "SELECT r.id, r.subject_id, r.account_id, r.status, r.created_at, a.email, a.display_name"
    " FROM net_registrations r JOIN accounts a ON a.id = r.account_id"
    " WHERE r.subject = ?1 AND r.subject_id = ?2 AND r.status <> 'cancelled'"
    " ORDER BY r.status = 'waiting', r.created_at, r.id";

static int reg_status_parse(const unsigned char *t)
{
    for (int i = 0; i < 3; i++)
        if (t && !strcmp((const char *)t, reg_status_names[i]))
            return i;
    return STORE_REG_CANCELLED;
}

/* Status of a registration, or -1 if the account never registered. */
static int reg_find(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                    int64_t account_id, int *status, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_reg_find, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, subject_names[subj]);
    sqlite3_bind_int64(st, 2, subject_id);
    sqlite3_bind_int64(st, 3, account_id);
    int step = sqlite3_step(st);
    *status = -1;
    if (step == SQLITE_ROW)
        *status = reg_status_parse(sqlite3_column_text(st, 0));
    else if (step != SQLITE_DONE)
        rc = store__fail(s, e, "registration find");
    store__reset(st);
    return rc;
}

static int reg_count(struct store *s, enum store_reg_subject subj, int64_t subject_id, int64_t *n,
                     struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_reg_count, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, subject_names[subj]);
    sqlite3_bind_int64(st, 2, subject_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    else
        rc = store__fail(s, e, "registration count");
    store__reset(st);
    return rc;
}

static int reg_write(struct store *s, const char *sql, enum store_reg_subject subj,
                     int64_t subject_id, int64_t account_id, enum store_reg_status status,
                     struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, subject_names[subj]);
    sqlite3_bind_int64(st, 2, subject_id);
    sqlite3_bind_int64(st, 3, account_id);
    store__bind_text(st, 4, reg_status_names[status]);
    sqlite3_bind_int64(st, 5, store__now());
    return store__exec(s, st, "registration write", e);
}

int store_reg_add(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                  int64_t capacity, int64_t account_id, enum store_reg_status *status,
                  struct err *e)
{
    bool is_owned;
    int rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    int cur = -1;
    int64_t taken = 0;
    rc = reg_find(s, subj, subject_id, account_id, &cur, e);
    if (rc == ERR_OK && cur >= 0 && cur != STORE_REG_CANCELLED)
        rc = err_set(e, ERR_CONFLICT, "account %lld is already %s", (long long)account_id,
                     reg_status_names[cur]);
    if (rc == ERR_OK)
        rc = reg_count(s, subj, subject_id, &taken, e);
    if (rc == ERR_OK) {
        *status = capacity == 0 || taken < capacity ? STORE_REG_REGISTERED : STORE_REG_WAITING;
        rc = reg_write(s, sql_reg_upsert, subj, subject_id, account_id, *status, e);
    }
    return store_tx_leave(s, is_owned, rc, e);
}

int store_reg_cancel(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                     int64_t capacity, int64_t account_id, int64_t *promoted, struct err *e)
{
    bool is_owned;
    *promoted = 0;
    int rc = store_tx_join(s, &is_owned, e);
    if (rc)
        return rc;
    int cur = -1;
    int64_t taken = 0;
    rc = reg_find(s, subj, subject_id, account_id, &cur, e);
    if (rc == ERR_OK && (cur < 0 || cur == STORE_REG_CANCELLED))
        rc = err_set(e, ERR_NOT_FOUND, "account %lld is not registered", (long long)account_id);
    if (rc == ERR_OK)
        rc = reg_write(s, sql_reg_set, subj, subject_id, account_id, STORE_REG_CANCELLED, e);
    if (rc == ERR_OK && cur == STORE_REG_REGISTERED)
        rc = reg_count(s, subj, subject_id, &taken, e);
    /* a freed place goes to the head of the waiting list */
    if (rc == ERR_OK && cur == STORE_REG_REGISTERED && (capacity == 0 || taken < capacity)) {
        sqlite3_stmt *st = NULL;
        rc = store__stmt(s, sql_reg_first_waiting, &st, e);
        if (rc == ERR_OK) {
            store__bind_text(st, 1, subject_names[subj]);
            sqlite3_bind_int64(st, 2, subject_id);
            int step = sqlite3_step(st);
            if (step == SQLITE_ROW)
                *promoted = sqlite3_column_int64(st, 0);
            else if (step != SQLITE_DONE)
                rc = store__fail(s, e, "waiting list");
            store__reset(st);
        }
        if (rc == ERR_OK && *promoted)
            rc = reg_write(s, sql_reg_set, subj, subject_id, *promoted, STORE_REG_REGISTERED, e);
    }
    if (rc)
        *promoted = 0;
    return store_tx_leave(s, is_owned, rc, e);
}

static void reg_row(sqlite3_stmt *st, void *p)
{
    struct store_registration *r = p;
    r->id = sqlite3_column_int64(st, 0);
    r->subject_id = sqlite3_column_int64(st, 1);
    r->account_id = sqlite3_column_int64(st, 2);
    r->status = (enum store_reg_status)reg_status_parse(sqlite3_column_text(st, 3));
    r->created_at = sqlite3_column_int64(st, 4);
    r->email = store__col_dup(st, 5);
    r->display_name = store__col_dup(st, 6);
}

int store_reg_list(struct store *s, enum store_reg_subject subj, int64_t subject_id,
                   struct store_registration **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_reg_list, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, subject_names[subj]);
    sqlite3_bind_int64(st, 2, subject_id);
    rc = store__rows(s, st, sizeof(**out), reg_row, (void **)out, n, "registration list", e);
    if (rc) {
        store_registrations_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

void store_registrations_free(struct store_registration *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        free(r[i].email);
        free(r[i].display_name);
    }
    free(r);
}

/* ------------------------------------------------------------ trainings */

#define TRAINING_COLS                                                                              \
    "id, title, topic, description, location, starts_at, ends_at, min_participants,"               \
    " max_participants, organiser_org_id, territory_id, created_by, confirmed_at,"                 \
    " (SELECT count(*) FROM net_registrations r WHERE r.subject = 'training'"                      \
    "  AND r.subject_id = t.id AND r.status = 'registered'),"                                      \
    " (SELECT count(*) FROM net_registrations r WHERE r.subject = 'training'"                      \
    "  AND r.subject_id = t.id AND r.status = 'waiting')"

static const char sql_training_insert[] =
    "INSERT INTO net_trainings (title, topic, description, location, starts_at, ends_at,"
    " min_participants, max_participants, organiser_org_id, territory_id, created_by,"
    " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
static const char sql_training_get[] =
    "SELECT " TRAINING_COLS " FROM net_trainings t WHERE id = ?1";
static const char sql_training_list[] =
    "SELECT " TRAINING_COLS " FROM net_trainings t ORDER BY starts_at, id";
static const char sql_training_confirm[] =
    "UPDATE net_trainings SET confirmed_at = ?2 WHERE id = ?1";

int store_training_insert(struct store *s, const struct store_training *t, int64_t *id,
                          struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_training_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, t->title);
    store__bind_text(st, 2, t->topic);
    store__bind_text(st, 3, t->description);
    store__bind_text(st, 4, t->location);
    sqlite3_bind_int64(st, 5, t->starts_at);
    sqlite3_bind_int64(st, 6, t->ends_at);
    sqlite3_bind_int64(st, 7, t->min_participants);
    sqlite3_bind_int64(st, 8, t->max_participants);
    store__bind_id(st, 9, t->organiser_org_id);
    store__bind_id(st, 10, t->territory_id);
    store__bind_id(st, 11, t->created_by);
    sqlite3_bind_int64(st, 12, store__now());
    return store__net_insert(s, st, id, "training insert", e);
}

static void training_row(sqlite3_stmt *st, void *p)
{
    struct store_training *t = p;
    t->id = sqlite3_column_int64(st, 0);
    t->title = store__col_dup(st, 1);
    t->topic = store__col_dup(st, 2);
    t->description = store__col_dup(st, 3);
    t->location = store__col_dup(st, 4);
    t->starts_at = sqlite3_column_int64(st, 5);
    t->ends_at = sqlite3_column_int64(st, 6);
    t->min_participants = sqlite3_column_int64(st, 7);
    t->max_participants = sqlite3_column_int64(st, 8);
    t->organiser_org_id = store__col_id(st, 9);
    t->territory_id = store__col_id(st, 10);
    t->created_by = store__col_id(st, 11);
    t->confirmed_at = store__col_id(st, 12);
    t->n_registered = (size_t)sqlite3_column_int64(st, 13);
    t->n_waiting = (size_t)sqlite3_column_int64(st, 14);
}

int store_training_get(struct store *s, int64_t id, struct store_training *out, struct err *e)
{
    return store__net_get_by_id(s, sql_training_get, id, out, sizeof(*out), training_row,
                                "training", e);
}

int store_training_list(struct store *s, struct store_training **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_training_list, &st, e);
    if (rc)
        return rc;
    rc = store__rows(s, st, sizeof(**out), training_row, (void **)out, n, "training list", e);
    if (rc) {
        store_trainings_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

int store_training_set_confirmed(struct store *s, int64_t id, int64_t at, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_training_confirm, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    store__bind_id(st, 2, at);
    return store__exec(s, st, "training confirm", e);
}

void store_training_release(struct store_training *t)
{
    if (!t)
        return;
    free(t->title);
    free(t->topic);
    free(t->description);
    free(t->location);
    memset(t, 0, sizeof(*t));
}

void store_trainings_free(struct store_training *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++)
        store_training_release(&t[i]);
    free(t);
}

/* ---------------------------------------------------- calendar feed tokens */

static const char sql_feed_set[] =
    "INSERT OR REPLACE INTO net_feed_tokens (account_id, token_hash, created_at)"
    " VALUES (?1, ?2, ?3)";
/* a disabled account's feed stops with its sessions */
static const char sql_feed_find[] =
    "SELECT f.account_id FROM net_feed_tokens f JOIN accounts a ON a.id = f.account_id"
    " WHERE f.token_hash = ?1 AND a.disabled_at IS NULL";

/* Only a BLAKE2b hash of a feed token is stored, as for sessions. */
static void feed_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

int store_feed_token_create(struct store *s, int64_t account_id, char token[STORE_TOKEN_LEN + 1],
                            struct err *e)
{
    unsigned char raw[STORE_TOKEN_LEN / 2];
    char hash[65];
    token[0] = '\0';
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium initialisation failed");
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(token, STORE_TOKEN_LEN + 1, raw, sizeof(raw));
    feed_hash(token, hash);
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_feed_set, &st, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(st, 1, account_id);
        store__bind_text(st, 2, hash);
        sqlite3_bind_int64(st, 3, store__now());
        rc = store__exec(s, st, "feed token", e);
    }
    if (rc)
        token[0] = '\0';
    return rc;
}

int store_feed_token_account(struct store *s, const char *token, int64_t *account_id, struct err *e)
{
    char hash[65];
    *account_id = 0;
    if (!token || strlen(token) != STORE_TOKEN_LEN)
        return err_set(e, ERR_UNAUTHORIZED, "unknown calendar feed token");
    feed_hash(token, hash);
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_feed_find, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, hash);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *account_id = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_UNAUTHORIZED, "unknown calendar feed token");
    else
        rc = store__fail(s, e, "feed token");
    store__reset(st);
    return rc;
}
