/* SPDX-License-Identifier: MIT */
/*
 * store_int.h - declarations shared by the files of the store module
 * (SQLite backend). Nothing here leaves the module: store.h is the
 * public face.
 *
 * Statements are prepared once per handle and cached by the address of
 * their constant SQL text (store__stmt); a user resets its statement with
 * store__reset before returning, on every path. store_close finalizes them.
 */
#ifndef SYMBIOSE_STORE_INT_H
#define SYMBIOSE_STORE_INT_H

#include "store.h"

#include <sqlite3.h>

struct store_stmt_slot {
    const char *sql;    /* constant SQL text; the cache key */
    sqlite3_stmt *stmt; /* prepared once */
};

struct store {
    sqlite3 *db;
    bool in_tx; /* a store_tx_begin is open */
    struct store_stmt_slot *stmts;
    size_t n_stmts;
    size_t cap_stmts;
};

/* The numbered migrations, in order; version i+1 is migrations[i], a
 * NULL-terminated list of SQL statements. */
extern const char *const *const store__migrations[];
extern const size_t store__n_migrations;

/* Cached prepared statement for sql (which must be a string constant). */
int store__stmt(struct store *s, const char *sql, sqlite3_stmt **out, struct err *e);
/* Resets and clears bindings; accepts NULL. */
void store__reset(sqlite3_stmt *st);
/* Sets e to ERR_DB (or ERR_CONFLICT for a constraint) with SQLite's message. */
int store__fail(struct store *s, struct err *e, const char *what);
/* Steps a statement that returns no row; resets it. */
int store__exec(struct store *s, sqlite3_stmt *st, const char *what, struct err *e);

/* Binding helpers: NULL for "" strings / 0 ids / NaN when `null_if_empty`. */
void store__bind_text(sqlite3_stmt *st, int i, const char *v);
void store__bind_text_or_null(sqlite3_stmt *st, int i, const char *v);
void store__bind_id(sqlite3_stmt *st, int i, int64_t id);
void store__bind_real_or_null(sqlite3_stmt *st, int i, double v, bool has);
/* Column helpers: heap copy ("" for NULL), fixed copy (truncating). */
char *store__col_dup(sqlite3_stmt *st, int i);
void store__col_copy(sqlite3_stmt *st, int i, char *buf, size_t size);
int store__col_vocab(sqlite3_stmt *st, int i, enum store_vocab voc);
double store__col_real_or_nan(sqlite3_stmt *st, int i);

/* Binds the common filter parameters ?1 territory, ?2 org, ?3 prefix,
 * ?4 direction, ?5 family, ?6 limit, ?7 offset. */
void store__bind_filter(sqlite3_stmt *st, const struct store_filter *f);

/* Current time, unix seconds. */
int64_t store__now(void);

/* ------------------------------------------ network (helper net) */

/* The migration that creates the network services' tables. */
extern const char *const store__migration_network[];

/* Reads one row of a statement into the struct at p. */
typedef void (*store__row_fn)(sqlite3_stmt *st, void *p);
/* Steps st to the end, appending each row (zeroed, then filled by fn) to
 * a new array of elem_size elements (*out, free with the matching _free
 * even on error); resets st. */
int store__net_list(struct store *s, sqlite3_stmt *st, size_t elem_size, store__row_fn fn,
                    void **out, size_t *n, const char *what, struct err *e);
/* Steps st once: a row fills out, none is ERR_NOT_FOUND "what id not found". */
int store__net_get(struct store *s, sqlite3_stmt *st, void *out, store__row_fn fn, const char *what,
                   int64_t id, struct err *e);
/* Prepares sql, binds ?1 to id (NULL when id <= 0; ignored by a query
 * without parameters) and reads one row (store__net_get) or every row
 * (store__net_list) into out, zeroed first. */
int store__net_get_by_id(struct store *s, const char *sql, int64_t id, void *out, size_t size,
                         store__row_fn fn, const char *what, struct err *e);
int store__net_list_by_id(struct store *s, const char *sql, int64_t id, size_t elem_size,
                          store__row_fn fn, void **out, size_t *n, const char *what, struct err *e);
/* An id column, 0 for NULL. */
int64_t store__col_id(sqlite3_stmt *st, int i);
/* Runs a one-parameter (?1 = id) UPDATE/DELETE; ERR_NOT_FOUND if no row changed. */
int store__net_exec_id(struct store *s, const char *sql, int64_t id, const char *what,
                       struct err *e);

#endif /* SYMBIOSE_STORE_INT_H */
