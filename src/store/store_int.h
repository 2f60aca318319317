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

/* Reads the current row of a statement into *out (a struct of the caller's type). */
typedef void (*store_row_fn)(sqlite3_stmt *st, void *out);
/*
 * store__rows - steps st to its end, appending each row (read by fn into
 * a new element of size elem) to *out, and resets st. On error *out and *n
 * hold the rows read so far, for the caller to free.
 */
int store__rows(struct store *s, sqlite3_stmt *st, size_t elem, store_row_fn fn, void **out,
                size_t *n, const char *what, struct err *e);
/*
 * store__row - steps st once and reads its row with fn; ERR_NOT_FOUND
 * "<what> <id> not found" if there is none. Resets st.
 */
int store__row(struct store *s, sqlite3_stmt *st, store_row_fn fn, void *out, const char *what,
               int64_t id, struct err *e);

/* store__row for the cached statement sql with ?1 bound to id. */
int store__get(struct store *s, const char *sql, int64_t id, store_row_fn fn, void *out,
               const char *what, struct err *e);
/* store__rows for the cached statement sql with the filter bound (store__bind_filter). */
int store__list(struct store *s, const char *sql, const struct store_filter *f, size_t elem,
                store_row_fn fn, void **out, size_t *n, const char *what, struct err *e);
/* The single integer a filtered count statement returns. */
int store__count(struct store *s, const char *sql, const struct store_filter *f, size_t *n,
                 const char *what, struct err *e);

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
extern const char *const store__migration_web[];

/* Prepares sql, binds ?1 to id (for lists: NULL when id <= 0, and not at all
 * for a query without parameters) and reads one row (store__row) or every row
 * (store__rows) into out; a single row is zeroed first. */
int store__net_get_by_id(struct store *s, const char *sql, int64_t id, void *out, size_t size,
                         store_row_fn fn, const char *what, struct err *e);
int store__net_list_by_id(struct store *s, const char *sql, int64_t id, size_t elem_size,
                          store_row_fn fn, void **out, size_t *n, const char *what, struct err *e);
/* Runs an INSERT (store__exec) and stores the new row's id in *id (may be NULL). */
int store__net_insert(struct store *s, sqlite3_stmt *st, int64_t *id, const char *what,
                      struct err *e);
/* An id column, 0 for NULL. */
int64_t store__col_id(sqlite3_stmt *st, int i);
/* Runs a one-parameter (?1 = id) UPDATE/DELETE; ERR_NOT_FOUND if no row changed. */
int store__net_exec_id(struct store *s, const char *sql, int64_t id, const char *what,
                       struct err *e);

/* ------------------------------------ optimisation (helper prod5) */

/* The migration that creates the allocation plans and rounds tables. */
extern const char *const store__migration_optim[];
/* The migration that adds disabled accounts and the sessions' last use. */
extern const char *const store__migration_accounts[];
/* The yearly evaluation's tables (store_eval.c). */
extern const char *const store__migration_eval[];

/* Binds a parent row's values to its INSERT statement. */
typedef void (*store_bind_fn)(sqlite3_stmt *st, const void *parent);
/* Inserts n child rows of parent_id. */
typedef int (*store_children_fn)(struct store *s, int64_t parent_id, const void *rows, size_t n,
                                 struct err *e);
/*
 * store__insert_tree - inserts a parent row (the cached statement sql,
 * bound by bind) and then its children, in one transaction (or the
 * caller's); *id is the parent's id on success.
 */
int store__insert_tree(struct store *s, const char *sql, store_bind_fn bind, const void *parent,
                       store_children_fn children, const void *rows, size_t n, int64_t *id,
                       const char *what, struct err *e);

/* ------------------------------------------ SIRENE prospects (store_sirene.c) */

/* The migration that creates the prospects table. */
extern const char *const store__migration_sirene[];

#endif /* SYMBIOSE_STORE_INT_H */
