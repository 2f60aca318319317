/* SPDX-License-Identifier: MIT */
/*
 * store_sqlite.c - the SQLite backend: opening (WAL, foreign keys,
 * migrations), transactions, the prepared-statement cache and the
 * binding/column helpers the other store files share.
 */
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int64_t store__now(void)
{
    return (int64_t)time(NULL);
}

/* What a failed constraint means, in words that name no table, column or
 * SQL: conflicts reach API clients (409), who must not learn the schema. */
static const char *constraint_words(int extended_rc)
{
    switch (extended_rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
        return "already exists";
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return "refers to a record that does not exist, or is still in use";
    case SQLITE_CONSTRAINT_NOTNULL:
        return "a required value is missing";
    case SQLITE_CONSTRAINT_CHECK:
        return "a value is not allowed";
    default:
        return "conflicts with the stored data";
    }
}

int store__fail(struct store *s, struct err *e, const char *what)
{
    int rc = sqlite3_extended_errcode(s->db);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return err_set(e, ERR_CONFLICT, "%s: %s", what, constraint_words(rc));
    /* other failures are ERR_DB (500: the API shows no detail; the CLI,
     * run by the operator, does) */
    enum err_code code = (rc & 0xff) == SQLITE_NOMEM ? ERR_NOMEM : ERR_DB;
    return err_set(e, code, "%s: %s", what, sqlite3_errmsg(s->db));
}

int store__stmt(struct store *s, const char *sql, sqlite3_stmt **out, struct err *e)
{
    for (size_t i = 0; i < s->n_stmts; i++) {
        if (s->stmts[i].sql == sql) {
            *out = s->stmts[i].stmt;
            return ERR_OK;
        }
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return store__fail(s, e, "prepare");
    }
    CORE_GROW(s->stmts, s->cap_stmts, s->n_stmts + 1);
    s->stmts[s->n_stmts].sql = sql;
    s->stmts[s->n_stmts].stmt = st;
    s->n_stmts++;
    *out = st;
    return ERR_OK;
}

void store__reset(sqlite3_stmt *st)
{
    if (!st)
        return;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

int store__exec(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
    int rc = sqlite3_step(st);
    int ret = ERR_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        ret = store__fail(s, e, what);
    store__reset(st);
    return ret;
}

int store__rows(struct store *s, sqlite3_stmt *st, size_t elem, store_row_fn fn, void **out,
                size_t *n, const char *what, struct err *e)
{
    char *rows = NULL;
    size_t cap = 0, count = 0;
    int step;
    int rc = ERR_OK;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (count + 1 > cap) {
            cap = cap ? cap * 2 : 16;
            rows = xreallocarray(rows, cap, elem);
        }
        fn(st, rows + count * elem);
        count++;
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, what);
    store__reset(st);
    *out = rows;
    *n = count;
    return rc;
}

int store__row(struct store *s, sqlite3_stmt *st, store_row_fn fn, void *out, const char *what,
               int64_t id, struct err *e)
{
    int rc = ERR_OK;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        fn(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "%s %lld not found", what, (long long)id);
    else
        rc = store__fail(s, e, what);
    store__reset(st);
    return rc;
}

int store__get(struct store *s, const char *sql, int64_t id, store_row_fn fn, void *out,
               const char *what, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    return store__row(s, st, fn, out, what, id, e);
}

int store__list(struct store *s, const char *sql, const struct store_filter *f, size_t elem,
                store_row_fn fn, void **out, size_t *n, const char *what, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    return store__rows(s, st, elem, fn, out, n, what, e);
}

int store__count(struct store *s, const char *sql, const struct store_filter *f, size_t *n,
                 const char *what, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    store__bind_filter(st, f);
    if (sqlite3_step(st) == SQLITE_ROW)
        *n = (size_t)sqlite3_column_int64(st, 0);
    else
        rc = store__fail(s, e, what);
    store__reset(st);
    return rc;
}

void store__bind_text(sqlite3_stmt *st, int i, const char *v)
{
    sqlite3_bind_text(st, i, v ? v : "", -1, SQLITE_TRANSIENT);
}

void store__bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v && v[0])
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void store__bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id > 0)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

void store__bind_real_or_null(sqlite3_stmt *st, int i, double v, bool has)
{
    if (has && isfinite(v))
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

char *store__col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);
    return t ? xmemdupz(t, (size_t)n) : xstrdup("");
}

void store__col_copy(sqlite3_stmt *st, int i, char *buf, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
    if (n >= size)
        n = size - 1;
    if (n)
        memcpy(buf, t, n);
    buf[n] = '\0';
}

int store__col_vocab(sqlite3_stmt *st, int i, enum store_vocab voc)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    int v = 0;
    if (t)
        store_vocab_parse(voc, slice_from((const char *)t, (size_t)sqlite3_column_bytes(st, i)), &v,
                          NULL);
    return v;
}

double store__col_real_or_nan(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NAN;
    return sqlite3_column_double(st, i);
}

void store_filter_init(struct store_filter *f)
{
    memset(f, 0, sizeof(*f));
    f->direction = -1;
    f->family = -1;
}

void store__bind_filter(sqlite3_stmt *st, const struct store_filter *f)
{
    struct store_filter all;
    if (!f) {
        store_filter_init(&all);
        f = &all;
    }
    store__bind_id(st, 1, f->territory_id);
    store__bind_id(st, 2, f->org_id);
    store__bind_text_or_null(st, 3, f->code_prefix);
    if (f->direction >= 0)
        store__bind_text(st, 4, store_vocab_name(STORE_V_DIRECTION, f->direction));
    if (f->family >= 0)
        store__bind_text(st, 5, store_vocab_name(STORE_V_FAMILY, f->family));
    sqlite3_bind_int64(st, 6, f->limit ? (int64_t)f->limit : -1);
    sqlite3_bind_int64(st, 7, (int64_t)f->offset);
}

/* ------------------------------------------------------------ migrations */

static const char sql_version_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
    " applied_at INTEGER NOT NULL)";
static const char sql_version_get[] = "SELECT coalesce(max(version), 0) FROM schema_migrations";
static const char sql_version_add[] =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)";

int store_schema_latest(void)
{
    return (int)store__n_migrations;
}

int store_schema_version(struct store *s, int *version, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_version_get, &st, e);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = store__fail(s, e, "schema version");
        store__reset(st);
        return rc;
    }
    *version = sqlite3_column_int(st, 0);
    store__reset(st);
    return ERR_OK;
}

/* Applies migration v (1-based) and records it; inside a transaction. */
static int store_migrate_one(struct store *s, size_t v, struct err *e)
{
    char *msg = NULL;
    for (const char *const *sql = store__migrations[v - 1]; *sql; sql++) {
        if (sqlite3_exec(s->db, *sql, NULL, NULL, &msg) != SQLITE_OK) {
            int rc = err_set(e, ERR_DB, "migration %zu: %s", v, msg ? msg : "?");
            sqlite3_free(msg);
            return rc;
        }
    }
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_version_add, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, (int64_t)v);
    sqlite3_bind_int64(st, 2, store__now());
    return store__exec(s, st, "migration record", e);
}

/*
 * Brings the schema to the latest version, one migration per transaction.
 * The version is read again under the write lock, so two processes
 * opening the same old database never apply a migration twice.
 */
static int store_migrate(struct store *s, struct err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql_version_table, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = err_set(e, ERR_DB, "schema_migrations: %s", msg ? msg : "?");
        sqlite3_free(msg);
        return rc;
    }
    int version = 0;
    int rc = store_schema_version(s, &version, e);
    while (rc == ERR_OK && version < (int)store__n_migrations) {
        rc = store_tx_begin(s, e);
        if (rc == ERR_OK)
            rc = store_schema_version(s, &version, e);
        if (rc == ERR_OK && version < (int)store__n_migrations)
            rc = store_migrate_one(s, (size_t)version + 1, e);
        if (rc == ERR_OK)
            rc = store_tx_commit(s, e);
        store_tx_rollback(s);
        if (rc == ERR_OK)
            rc = store_schema_version(s, &version, e);
    }
    if (rc == ERR_OK && version > (int)store__n_migrations)
        rc = err_set(e, ERR_DB,
                     "la version %d du schéma de la base est plus récente que ce programme (%d)",
                     version, (int)store__n_migrations);
    return rc;
}

/* ------------------------------------------------------- open and close */

static int store_pragma(struct store *s, const char *sql, struct err *e)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int rc = err_set(e, ERR_DB, "%s: %s", sql, msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return rc;
    }
    return ERR_OK;
}

int store_open(struct store **out, const char *path, int flags, struct err *e)
{
    *out = NULL;
    struct stat st;
    if (!(flags & STORE_OPEN_CREATE) && stat(path, &st) != 0)
        return err_set(e, ERR_NOT_FOUND, "la base « %s » n'existe pas (lancez « symbiose init »)",
                       path);
    struct store *s = xcalloc(1, sizeof(*s));
    int rc = ERR_OK;
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (flags & STORE_OPEN_CREATE)
        oflags |= SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
        rc = err_set(e, ERR_IO, "impossible d'ouvrir la base « %s » : %s", path,
                     s->db ? sqlite3_errmsg(s->db) : "out of memory");
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 5000);
    rc = store_pragma(s, "PRAGMA foreign_keys = ON", e);
    if (rc == ERR_OK)
        rc = store_pragma(s, "PRAGMA journal_mode = WAL", e);
    /* NORMAL is crash-safe in WAL mode: a commit may be lost on power cut,
     * never half-applied */
    if (rc == ERR_OK)
        rc = store_pragma(s, "PRAGMA synchronous = NORMAL", e);
    if (rc == ERR_OK)
        rc = store_migrate(s, e);
    if (rc)
        err_prefix(e, "database '%s'", path);
out:
    if (rc) {
        store_close(s);
        return rc;
    }
    *out = s;
    return ERR_OK;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_stmts; i++)
        sqlite3_finalize(s->stmts[i].stmt);
    free(s->stmts);
    if (s->in_tx)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    free(s);
}

int store_check_integrity(struct store *s, struct err *e)
{
    static const char sql[] = "PRAGMA integrity_check";
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql, &st, e);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = store__fail(s, e, "integrity check");
    } else {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (!t || strcmp(t, "ok") != 0)
            rc = err_set(e, ERR_DB, "integrity check: %s", t ? t : "?");
    }
    store__reset(st);
    return rc;
}

/* ---------------------------------------------------------- transactions */

int store_tx_begin(struct store *s, struct err *e)
{
    if (s->in_tx)
        return err_set(e, ERR_INTERNAL, "transaction already open");
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return store__fail(s, e, "begin");
    s->in_tx = true;
    return ERR_OK;
}

int store_tx_commit(struct store *s, struct err *e)
{
    if (!s->in_tx)
        return err_set(e, ERR_INTERNAL, "no transaction open");
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        int rc = store__fail(s, e, "commit");
        store_tx_rollback(s);
        return rc;
    }
    s->in_tx = false;
    return ERR_OK;
}

void store_tx_rollback(struct store *s)
{
    if (!s || !s->in_tx)
        return;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = false;
}
