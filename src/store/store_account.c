/* SPDX-License-Identifier: MIT */
/*
 * store_account.c - accounts (argon2id password hashes via libsodium),
 * sessions (only a BLAKE2b hash of the token is stored) and the audit log.
 */
#include "store_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char sql_acct_insert[] =
    "INSERT INTO accounts (email, display_name, password_hash, role, organisation_id, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_acct_terr[] =
    "INSERT OR IGNORE INTO account_territories (account_id, territory_id) VALUES (?1, ?2)";
#define ACCT_COLS "id, email, display_name, role, organisation_id, created_at"
static const char sql_acct_get[] = "SELECT " ACCT_COLS " FROM accounts WHERE id = ?1";
static const char sql_acct_list[] = "SELECT " ACCT_COLS " FROM accounts ORDER BY id";
static const char sql_acct_terrs[] =
    "SELECT territory_id FROM account_territories WHERE account_id = ?1 ORDER BY territory_id";
static const char sql_acct_find[] = "SELECT id FROM accounts WHERE email = ?1";
static const char sql_acct_hash[] = "SELECT id, password_hash FROM accounts WHERE email = ?1";
static const char sql_acct_set_pw[] = "UPDATE accounts SET password_hash = ?2 WHERE id = ?1";

/* Hashes password with argon2id at interactive limits. */
static int hash_password(const char *password, char out[crypto_pwhash_STRBYTES], struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium initialisation failed");
    size_t n = strlen(password);
    if (n < 8)
        return err_set(e, ERR_INPUT, "password: at least 8 characters");
    if (crypto_pwhash_str_alg(out, password, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return err_set(e, ERR_NOMEM, "password hashing: out of memory");
    return ERR_OK;
}

int store_account_insert(struct store *s, const struct store_account *a, const char *password,
                         int64_t *id, struct err *e)
{
    if (!a->email || !strchr(a->email, '@') || strlen(a->email) > 254)
        return err_set(e, ERR_INPUT, "email: not an address");
    if (a->role == STORE_ROLE_FACILITATOR && a->n_territories == 0)
        return err_set(e, ERR_INPUT, "a facilitator needs at least one territory");
    if (a->role == STORE_ROLE_MEMBER && a->org_id <= 0)
        return err_set(e, ERR_INPUT, "a member needs an organisation");
    char hash[crypto_pwhash_STRBYTES];
    int rc = hash_password(password, hash, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = store__stmt(s, sql_acct_insert, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, a->email);
    store__bind_text(st, 2, a->display_name);
    store__bind_text(st, 3, hash);
    store__bind_text(st, 4, store_vocab_name(STORE_V_ROLE, (int)a->role));
    store__bind_id(st, 5, a->org_id);
    sqlite3_bind_int64(st, 6, store__now());
    rc = store__exec(s, st, "account insert", e);
    sodium_memzero(hash, sizeof(hash));
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_CONFLICT,
                       "account '%s' already exists or its organisation is unknown", a->email);
    if (rc)
        return rc;
    int64_t new_id = sqlite3_last_insert_rowid(s->db);
    rc = store__stmt(s, sql_acct_terr, &st, e);
    for (size_t i = 0; rc == ERR_OK && i < a->n_territories; i++) {
        sqlite3_bind_int64(st, 1, new_id);
        sqlite3_bind_int64(st, 2, a->territory_ids[i]);
        rc = store__exec(s, st, "account territory", e);
        if (rc == ERR_CONFLICT)
            rc = err_set(e, ERR_NOT_FOUND, "territory %lld not found",
                         (long long)a->territory_ids[i]);
    }
    if (rc == ERR_OK && id)
        *id = new_id;
    return rc;
}

static void acct_read_row(sqlite3_stmt *st, struct store_account *a)
{
    memset(a, 0, sizeof(*a));
    a->id = sqlite3_column_int64(st, 0);
    a->email = store__col_dup(st, 1);
    a->display_name = store__col_dup(st, 2);
    a->role = (enum store_role)store__col_vocab(st, 3, STORE_V_ROLE);
    a->org_id = sqlite3_column_int64(st, 4);
    a->created_at = sqlite3_column_int64(st, 5);
}

static int acct_read_territories(struct store *s, struct store_account *a, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_terrs, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(a->territory_ids, cap, a->n_territories + 1);
        a->territory_ids[a->n_territories++] = sqlite3_column_int64(st, 0);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "account territories");
    store__reset(st);
    return rc;
}

int store_account_get(struct store *s, int64_t id, struct store_account *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        acct_read_row(st, out);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "account %lld not found", (long long)id);
    else
        rc = store__fail(s, e, "account get");
    store__reset(st);
    if (rc == ERR_OK)
        rc = acct_read_territories(s, out, e);
    if (rc)
        store_account_release(out);
    return rc;
}

int store_account_find_email(struct store *s, const char *email, int64_t *id, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_find, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, email);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        rc = err_set(e, ERR_NOT_FOUND, "account '%s' not found", email);
    else
        rc = store__fail(s, e, "account find");
    store__reset(st);
    return rc;
}

int store_account_authenticate(struct store *s, const char *email, const char *password,
                               struct store_account *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium initialisation failed");
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_hash, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, email);
    int64_t id = 0;
    char hash[crypto_pwhash_STRBYTES] = "";
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        store__col_copy(st, 1, hash, sizeof(hash));
    } else if (step != SQLITE_DONE) {
        rc = store__fail(s, e, "account authenticate");
    }
    store__reset(st);
    if (rc)
        return rc;
    /* one message for both cases, so the answer does not tell which emails exist */
    if (id == 0 || crypto_pwhash_str_verify(hash, password, strlen(password)) != 0)
        return err_set(e, ERR_UNAUTHORIZED, "wrong email or password");
    return store_account_get(s, id, out, e);
}

int store_account_set_password(struct store *s, int64_t id, const char *password, struct err *e)
{
    char hash[crypto_pwhash_STRBYTES];
    int rc = hash_password(password, hash, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = store__stmt(s, sql_acct_set_pw, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    store__bind_text(st, 2, hash);
    rc = store__exec(s, st, "account password", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "account %lld not found", (long long)id);
    return rc;
}

int store_account_list(struct store *s, struct store_account **out, size_t *n, struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_list, &st, e);
    if (rc)
        return rc;
    struct store_account *as = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(as, cap, count + 1);
        acct_read_row(st, &as[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "account list");
    store__reset(st);
    for (size_t i = 0; rc == ERR_OK && i < count; i++)
        rc = acct_read_territories(s, &as[i], e);
    if (rc) {
        store_accounts_free(as, count);
        return rc;
    }
    *out = as;
    *n = count;
    return ERR_OK;
}

void store_account_release(struct store_account *a)
{
    if (!a)
        return;
    free(a->email);
    free(a->display_name);
    free(a->territory_ids);
    memset(a, 0, sizeof(*a));
}

void store_accounts_free(struct store_account *as, size_t n)
{
    for (size_t i = 0; as && i < n; i++)
        store_account_release(&as[i]);
    free(as);
}

/* -------------------------------------------------------------- sessions */

static const char sql_sess_insert[] =
    "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_sess_get[] =
    "SELECT account_id FROM sessions WHERE token_hash = ?1 AND expires_at > ?2";
static const char sql_sess_delete[] = "DELETE FROM sessions WHERE token_hash = ?1";
static const char sql_sess_purge[] = "DELETE FROM sessions WHERE expires_at <= ?1";

/* Hex of BLAKE2b-256 of the token. */
static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof(h));
}

int store_session_create(struct store *s, int64_t account_id, int64_t ttl_s,
                         char token[STORE_TOKEN_LEN + 1], struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium initialisation failed");
    unsigned char raw[STORE_TOKEN_LEN / 2];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(token, STORE_TOKEN_LEN + 1, raw, sizeof(raw));
    char hash[65];
    token_hash(token, hash);
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_sess_insert, &st, e);
    if (rc)
        return rc;
    int64_t now = store__now();
    store__bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, now + ttl_s);
    rc = store__exec(s, st, "session create", e);
    if (rc)
        token[0] = '\0';
    return rc;
}

int store_session_account(struct store *s, const char *token, struct store_account *out,
                          struct err *e)
{
    memset(out, 0, sizeof(*out));
    if (strlen(token) != STORE_TOKEN_LEN)
        return err_set(e, ERR_UNAUTHORIZED, "no valid session");
    char hash[65];
    token_hash(token, hash);
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_sess_get, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, store__now());
    int64_t id = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    else if (step != SQLITE_DONE)
        rc = store__fail(s, e, "session get");
    store__reset(st);
    if (rc)
        return rc;
    if (id == 0)
        return err_set(e, ERR_UNAUTHORIZED, "no valid session");
    return store_account_get(s, id, out, e);
}

int store_session_delete(struct store *s, const char *token, struct err *e)
{
    char hash[65];
    token_hash(token, hash);
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_sess_delete, &st, e);
    if (rc)
        return rc;
    store__bind_text(st, 1, hash);
    return store__exec(s, st, "session delete", e);
}

int store_session_purge(struct store *s, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_sess_purge, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, store__now());
    return store__exec(s, st, "session purge", e);
}

/* ------------------------------------------------------------- audit log */

static const char sql_audit_insert[] =
    "INSERT INTO audit_log (at, account_id, action, entity, entity_id, before_json, after_json)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_audit_list[] =
    "SELECT id, at, account_id, action, entity, entity_id, before_json, after_json"
    " FROM audit_log ORDER BY id DESC LIMIT ?1";

int store_audit_add(struct store *s, int64_t account_id, const char *action, const char *entity,
                    int64_t entity_id, const char *before_json, const char *after_json,
                    struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_audit_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, store__now());
    store__bind_id(st, 2, account_id);
    store__bind_text(st, 3, action);
    store__bind_text(st, 4, entity);
    store__bind_id(st, 5, entity_id);
    store__bind_text(st, 6, before_json);
    store__bind_text(st, 7, after_json);
    return store__exec(s, st, "audit insert", e);
}

int store_audit_list(struct store *s, size_t limit, struct store_audit **out, size_t *n,
                     struct err *e)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_audit_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, limit ? (int64_t)limit : -1);
    struct store_audit *as = NULL;
    size_t cap = 0, count = 0;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        CORE_GROW(as, cap, count + 1);
        struct store_audit *a = &as[count++];
        a->id = sqlite3_column_int64(st, 0);
        a->at = sqlite3_column_int64(st, 1);
        a->account_id = sqlite3_column_int64(st, 2);
        a->action = store__col_dup(st, 3);
        a->entity = store__col_dup(st, 4);
        a->entity_id = sqlite3_column_int64(st, 5);
        a->before_json = store__col_dup(st, 6);
        a->after_json = store__col_dup(st, 7);
    }
    if (step != SQLITE_DONE)
        rc = store__fail(s, e, "audit list");
    store__reset(st);
    if (rc) {
        store_audits_free(as, count);
        return rc;
    }
    *out = as;
    *n = count;
    return ERR_OK;
}

void store_audits_free(struct store_audit *a, size_t n)
{
    for (size_t i = 0; a && i < n; i++) {
        free(a[i].action);
        free(a[i].entity);
        free(a[i].before_json);
        free(a[i].after_json);
    }
    free(a);
}
