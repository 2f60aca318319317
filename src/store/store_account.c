/* SPDX-License-Identifier: MIT */
/*
 * store_account.c - accounts (argon2id password hashes via libsodium),
 * sessions (only a BLAKE2b hash of the token is stored, with an 8 h
 * maximum and a sliding idle timeout) and the audit log; plus the
 * migration that adds disabled accounts and the sessions' last use.
 */
#include "store_int.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

const char *const store__migration_accounts[] = {
    "ALTER TABLE accounts ADD COLUMN disabled_at INTEGER",
    "ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0",
    "UPDATE sessions SET last_seen_at = created_at",
    NULL,
};

/*
 * The argon2id hash (same limits as real ones) of a random password that
 * was thrown away: an unknown email is verified against it, so a login
 * takes as long whether the email exists or not.
 */
#define DUMMY_HASH                                                                                 \
    "$argon2id$v=19$m=65536,t=2,p=1$DO0gUOr2sO2158gYOKkvhQ$g4WS1IiCidCqNUvG4QeWNDFnE+"             \
    "IT2lQC0fsE5Nzp1ng"
_Static_assert(sizeof(DUMMY_HASH) <= crypto_pwhash_STRBYTES, "the dummy hash fits a hash buffer");
static const char dummy_hash[] = DUMMY_HASH;

static const char sql_acct_insert[] =
    "INSERT INTO accounts (email, display_name, password_hash, role, organisation_id, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_acct_terr[] =
    "INSERT OR IGNORE INTO account_territories (account_id, territory_id) VALUES (?1, ?2)";
#define ACCT_COLS "id, email, display_name, role, organisation_id, created_at, disabled_at"
static const char sql_acct_get[] = "SELECT " ACCT_COLS " FROM accounts WHERE id = ?1";
static const char sql_acct_list[] = "SELECT " ACCT_COLS " FROM accounts ORDER BY id";
static const char sql_acct_terrs[] =
    "SELECT territory_id FROM account_territories WHERE account_id = ?1 ORDER BY territory_id";
static const char sql_acct_find[] = "SELECT id FROM accounts WHERE email = ?1";
static const char sql_acct_hash[] =
    "SELECT id, password_hash, disabled_at IS NOT NULL FROM accounts WHERE email = ?1";
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

static void acct_read_row(sqlite3_stmt *st, void *out)
{
    struct store_account *a = out;
    memset(a, 0, sizeof(*a));
    a->id = sqlite3_column_int64(st, 0);
    a->email = store__col_dup(st, 1);
    a->display_name = store__col_dup(st, 2);
    a->role = (enum store_role)store__col_vocab(st, 3, STORE_V_ROLE);
    a->org_id = sqlite3_column_int64(st, 4);
    a->created_at = sqlite3_column_int64(st, 5);
    a->disabled_at = sqlite3_column_int64(st, 6);
}

static void id_read_row(sqlite3_stmt *st, void *out)
{
    *(int64_t *)out = sqlite3_column_int64(st, 0);
}

static int acct_read_territories(struct store *s, struct store_account *a, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_terrs, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    void *rows = NULL;
    rc = store__rows(s, st, sizeof(int64_t), id_read_row, &rows, &a->n_territories,
                     "account territories", e);
    a->territory_ids = rows;
    return rc;
}

int store_account_get(struct store *s, int64_t id, struct store_account *out, struct err *e)
{
    memset(out, 0, sizeof(*out));
    int rc = store__get(s, sql_acct_get, id, acct_read_row, out, "account", e);
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
    bool is_disabled = false;
    char hash[crypto_pwhash_STRBYTES] = "";
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        store__col_copy(st, 1, hash, sizeof(hash));
        is_disabled = sqlite3_column_int(st, 2) != 0;
    } else if (step != SQLITE_DONE) {
        rc = store__fail(s, e, "account authenticate");
    }
    store__reset(st);
    if (rc)
        return rc;
    /* one message and the same work in every case (unknown email, wrong
     * password, disabled account), so neither the answer nor its time tells
     * which emails exist */
    if (id == 0)
        memcpy(hash, dummy_hash, sizeof(dummy_hash));
    bool is_match = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    sodium_memzero(hash, sizeof(hash));
    if (id == 0 || !is_match || is_disabled)
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
    void *rows = NULL;
    size_t count = 0;
    rc = store__rows(s, st, sizeof(struct store_account), acct_read_row, &rows, &count,
                     "account list", e);
    struct store_account *as = rows;
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

static const char sql_acct_disable[] =
    "UPDATE accounts SET disabled_at = CASE WHEN ?2 THEN coalesce(disabled_at, ?3) END"
    " WHERE id = ?1";
static const char sql_acct_update[] =
    "UPDATE accounts SET role = ?2, organisation_id = ?3 WHERE id = ?1";
static const char sql_acct_terr_clear[] = "DELETE FROM account_territories WHERE account_id = ?1";
static const char sql_acct_verify[] = "SELECT password_hash FROM accounts WHERE id = ?1";

int store_account_set_disabled(struct store *s, int64_t id, bool is_disabled, struct err *e)
{
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_disable, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, is_disabled ? 1 : 0);
    sqlite3_bind_int64(st, 3, store__now());
    rc = store__exec(s, st, "account disable", e);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        return err_set(e, ERR_NOT_FOUND, "account %lld not found", (long long)id);
    if (rc == ERR_OK && is_disabled)
        rc = store_session_revoke_account(s, id, NULL, e);
    return rc;
}

int store_account_set_scope(struct store *s, const struct store_account *a, struct err *e)
{
    if (a->role == STORE_ROLE_FACILITATOR && a->n_territories == 0)
        return err_set(e, ERR_INPUT, "a facilitator needs at least one territory");
    if (a->role == STORE_ROLE_MEMBER && a->org_id <= 0)
        return err_set(e, ERR_INPUT, "a member needs an organisation");
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_update, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    store__bind_text(st, 2, store_vocab_name(STORE_V_ROLE, (int)a->role));
    bool has_org = a->role == STORE_ROLE_MEMBER || a->role == STORE_ROLE_COLLECTOR;
    store__bind_id(st, 3, has_org ? a->org_id : 0);
    rc = store__exec(s, st, "account update", e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_NOT_FOUND, "organisation %lld not found", (long long)a->org_id);
    if (rc == ERR_OK && sqlite3_changes(s->db) == 0)
        return err_set(e, ERR_NOT_FOUND, "account %lld not found", (long long)a->id);
    if (rc == ERR_OK)
        rc = store__stmt(s, sql_acct_terr_clear, &st, e);
    if (rc == ERR_OK) {
        sqlite3_bind_int64(st, 1, a->id);
        rc = store__exec(s, st, "account territories clear", e);
    }
    if (rc == ERR_OK && a->role == STORE_ROLE_FACILITATOR)
        rc = store__stmt(s, sql_acct_terr, &st, e);
    for (size_t i = 0; rc == ERR_OK && a->role == STORE_ROLE_FACILITATOR && i < a->n_territories;
         i++) {
        sqlite3_bind_int64(st, 1, a->id);
        sqlite3_bind_int64(st, 2, a->territory_ids[i]);
        rc = store__exec(s, st, "account territory", e);
        if (rc == ERR_CONFLICT)
            rc = err_set(e, ERR_NOT_FOUND, "territory %lld not found",
                         (long long)a->territory_ids[i]);
    }
    return rc;
}

int store_account_check_password(struct store *s, int64_t id, const char *password, struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, ERR_INTERNAL, "libsodium initialisation failed");
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_acct_verify, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    char hash[crypto_pwhash_STRBYTES] = "";
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        store__col_copy(st, 0, hash, sizeof(hash));
    else if (step != SQLITE_DONE)
        rc = store__fail(s, e, "account password check");
    store__reset(st);
    if (rc)
        return rc;
    if (!hash[0])
        memcpy(hash, dummy_hash, sizeof(dummy_hash));
    bool is_match = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    sodium_memzero(hash, sizeof(hash));
    return is_match ? ERR_OK : err_set(e, ERR_UNAUTHORIZED, "wrong password");
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
    "INSERT INTO sessions (token_hash, account_id, created_at, expires_at, last_seen_at)"
    " VALUES (?1, ?2, ?3, ?4, ?3)";
static const char sql_sess_get[] =
    "SELECT s.account_id, s.last_seen_at FROM sessions s JOIN accounts a ON a.id = s.account_id"
    " WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND s.last_seen_at > ?3"
    " AND a.disabled_at IS NULL";
static const char sql_sess_touch[] = "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1";
static const char sql_sess_delete[] = "DELETE FROM sessions WHERE token_hash = ?1";
static const char sql_sess_purge[] = "DELETE FROM sessions WHERE expires_at <= ?1";
static const char sql_sess_revoke[] =
    "DELETE FROM sessions WHERE account_id = ?1 AND token_hash <> ?2";

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

int store_session_account(struct store *s, const char *token, int64_t idle_s,
                          struct store_account *out, struct err *e)
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
    int64_t now = store__now();
    store__bind_text(st, 1, hash);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int64(st, 3, idle_s > 0 ? now - idle_s : INT64_MIN);
    int64_t id = 0, last_seen = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        id = sqlite3_column_int64(st, 0);
        last_seen = sqlite3_column_int64(st, 1);
    } else if (step != SQLITE_DONE) {
        rc = store__fail(s, e, "session get");
    }
    store__reset(st);
    if (rc)
        return rc;
    if (id == 0)
        return err_set(e, ERR_UNAUTHORIZED, "no valid session");
    /* the idle timeout slides with use; written at most once per
     * STORE_SESSION_TOUCH_S so that reads stay (almost) read-only */
    if (now - last_seen >= STORE_SESSION_TOUCH_S) {
        rc = store__stmt(s, sql_sess_touch, &st, e);
        if (rc)
            return rc;
        store__bind_text(st, 1, hash);
        sqlite3_bind_int64(st, 2, now);
        rc = store__exec(s, st, "session touch", e);
        if (rc)
            return rc;
    }
    return store_account_get(s, id, out, e);
}

int store_session_revoke_account(struct store *s, int64_t account_id, const char *keep_token,
                                 struct err *e)
{
    char hash[65] = "";
    if (keep_token)
        token_hash(keep_token, hash);
    sqlite3_stmt *st = NULL;
    int rc = store__stmt(s, sql_sess_revoke, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, account_id);
    store__bind_text(st, 2, hash);
    return store__exec(s, st, "session revoke", e);
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

static void audit_read_row(sqlite3_stmt *st, void *out)
{
    struct store_audit *a = out;
    a->id = sqlite3_column_int64(st, 0);
    a->at = sqlite3_column_int64(st, 1);
    a->account_id = sqlite3_column_int64(st, 2);
    a->action = store__col_dup(st, 3);
    a->entity = store__col_dup(st, 4);
    a->entity_id = sqlite3_column_int64(st, 5);
    a->before_json = store__col_dup(st, 6);
    a->after_json = store__col_dup(st, 7);
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
    void *rows = NULL;
    size_t count = 0;
    rc = store__rows(s, st, sizeof(struct store_audit), audit_read_row, &rows, &count, "audit list",
                     e);
    struct store_audit *as = rows;
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
