/* SPDX-License-Identifier: MIT */
/*
 * auth.c - sessions and the auth endpoints. The session cookie carries a
 * 256-bit random token (made by the store with libsodium randombytes;
 * only its hash is stored). Writes also need X-CSRF-Token: a keyed BLAKE2b
 * of the token under a per-process secret, returned by login and /me,
 * which a page of another site cannot read. Sessions end after 8 h, or
 * sooner after the app's idle timeout without use. Failed logins slow down
 * one account from one address progressively, and cap what one address
 * may try over all accounts (ratelimit.c); an account is never locked.
 */
#include "http_int.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#define LOGIN_MAX_PER_ADDR 30
#define LOGIN_WINDOW_S (15 * 60)

/* Finds our cookie's value in the Cookie header; false if absent or not
 * 64 hex digits. */
static bool cookie_token(const struct http_req *req, char token[STORE_TOKEN_LEN + 1])
{
    const char *c = http_req_header(req, "Cookie");
    const char *name = HTTP_SESSION_COOKIE "=";
    size_t nlen = strlen(name);
    while (c && *c) {
        while (*c == ' ' || *c == ';')
            c++;
        const char *end = strchr(c, ';');
        size_t len = end ? (size_t)(end - c) : strlen(c);
        if (len == nlen + STORE_TOKEN_LEN && memcmp(c, name, nlen) == 0) {
            const char *v = c + nlen;
            bool is_hex = true;
            for (size_t i = 0; i < STORE_TOKEN_LEN; i++) {
                char h = v[i];
                if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f')))
                    is_hex = false;
            }
            if (is_hex) {
                memcpy(token, v, STORE_TOKEN_LEN);
                token[STORE_TOKEN_LEN] = '\0';
                return true;
            }
        }
        c = end;
    }
    return false;
}

static void csrf_derive(const struct http_app *app, const char *token, char out[HTTP_TOKEN_HEX])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), app->secret,
                       sizeof(app->secret));
    http_hex(h, sizeof(h), out);
}

static void auth_fill(struct http_auth *a, const struct store_account *acct)
{
    a->is_authenticated = true;
    a->account_id = acct->id;
    a->role = acct->role;
    a->org_id = acct->org_id;
    a->n_territories = 0;
    for (size_t i = 0; i < acct->n_territories && i < HTTP_MAX_TERRITORIES; i++)
        a->territories[a->n_territories++] = acct->territory_ids[i];
    int w = snprintf(a->email, sizeof(a->email), "%s", acct->email);
    if (w < 0 || (size_t)w >= sizeof(a->email))
        a->email[0] = '\0';
}

int http_auth_load(struct http_req *req, struct err *e)
{
    (void)e;
    char token[STORE_TOKEN_LEN + 1];
    if (!cookie_token(req, token))
        return ERR_OK;
    struct store_account acct;
    memset(&acct, 0, sizeof(acct));
    struct err se;
    int rc = store_session_account(req->db, token, req->app->idle_timeout_s, &acct, &se);
    if (rc == ERR_OK) {
        auth_fill(&req->auth, &acct);
        csrf_derive(req->app, token, req->auth.csrf);
    }
    store_account_release(&acct);
    sodium_memzero(token, sizeof(token));
    /* an unknown or expired session is an anonymous request; a database
     * failure is an error */
    return (rc == ERR_OK || rc == ERR_UNAUTHORIZED || rc == ERR_NOT_FOUND) ? ERR_OK : rc;
}

/* The JSON shape of the caller's account, shared by login and /me. */
static json_t *me_json(const struct http_auth *a, const char *display_name)
{
    json_t *terr = json_array();
    for (size_t i = 0; i < a->n_territories; i++)
        json_array_append_new(terr, json_integer(a->territories[i]));
    json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)a->account_id,
                          "email", a->email, "role", store_vocab_name(STORE_V_ROLE, (int)a->role),
                          "organisation_id", a->org_id ? json_integer(a->org_id) : json_null(),
                          "territory_ids", terr, "csrf_token", a->csrf);
    if (display_name)
        json_object_set_new(o, "display_name", json_string(display_name));
    return o;
}

static int64_t now_s(void)
{
    return (int64_t)time(NULL);
}

int http_h_login(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    struct store_account acct;
    memset(&acct, 0, sizeof(acct));
    char *key_pair = NULL;
    char *key_addr = NULL;
    const char *email = http_json_str(body, "email", "");
    struct sb folded;
    sb_init(&folded, 512);
    for (const char *p = email; *p; p++)
        sb_addc(&folded, (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p);
    key_pair = http_arena_printf(&req->arena, "pair:%s|%s", folded.buf, req->remote_addr);
    key_addr = http_arena_printf(&req->arena, "addr:%s", req->remote_addr);
    sb_release(&folded);
    int64_t now = now_s();
    int64_t wait_s = http_ratelimit_wait(req->app->rl, key_pair, now);
    if (wait_s == 0 &&
        http_ratelimit_blocked(req->app->rl, key_addr, now, LOGIN_MAX_PER_ADDR, LOGIN_WINDOW_S))
        wait_s = LOGIN_WINDOW_S;
    if (wait_s > 0) {
        http_resp_header(req, resp, "Retry-After",
                         http_arena_printf(&req->arena, "%lld", (long long)wait_s));
        rc = err_set(e, ERR_RATE_LIMITED, "too many failed logins; try again in %lld s",
                     (long long)wait_s);
        goto out;
    }
    struct err ae;
    rc =
        store_account_authenticate(req->db, email, http_json_str(body, "password", ""), &acct, &ae);
    if (rc == ERR_UNAUTHORIZED || rc == ERR_NOT_FOUND) {
        http_ratelimit_hit(req->app->rl, key_pair, now);
        http_ratelimit_hit(req->app->rl, key_addr, now);
        log_info("http", "failed login from %s", req->remote_addr);
        rc = err_set(e, ERR_UNAUTHORIZED, "invalid email or password");
        goto out;
    }
    if (rc) {
        err_set(e, (enum err_code)rc, "%s", ae.msg);
        goto out;
    }
    http_ratelimit_clear(req->app->rl, key_pair);
    char token[STORE_TOKEN_LEN + 1];
    rc = store_session_create(req->db, acct.id, HTTP_SESSION_TTL_S, token, e);
    if (rc)
        goto out;
    rc = store_audit_add(req->db, acct.id, "login", "session", 0, "", "", e);
    if (rc)
        goto out;
    auth_fill(&req->auth, &acct);
    csrf_derive(req->app, token, req->auth.csrf);
    char *cookie = http_arena_printf(
        &req->arena, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", HTTP_SESSION_COOKIE,
        token, HTTP_SESSION_TTL_S, req->app->is_insecure_cookie ? "" : "; Secure");
    sodium_memzero(token, sizeof(token));
    http_resp_header(req, resp, "Set-Cookie", cookie);
    http_resp_json(resp, 200, me_json(&req->auth, acct.display_name));
out:
    store_account_release(&acct);
    json_decref(body);
    return rc;
}

int http_h_logout(struct http_req *req, struct http_resp *resp, struct err *e)
{
    char token[STORE_TOKEN_LEN + 1];
    if (cookie_token(req, token)) {
        int rc = store_session_delete(req->db, token, e);
        sodium_memzero(token, sizeof(token));
        if (rc && rc != ERR_NOT_FOUND)
            return rc;
        rc = store_audit_add(req->db, req->auth.account_id, "logout", "session", 0, "", "", e);
        if (rc)
            return rc;
    }
    http_resp_header(req, resp, "Set-Cookie",
                     HTTP_SESSION_COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
    return ERR_OK;
}

int http_h_me(struct http_req *req, struct http_resp *resp, struct err *e)
{
    struct store_account acct;
    memset(&acct, 0, sizeof(acct));
    int rc = store_account_get(req->db, req->auth.account_id, &acct, e);
    if (rc == ERR_OK)
        http_resp_json(resp, 200, me_json(&req->auth, acct.display_name));
    store_account_release(&acct);
    return rc;
}

int http_h_password_change(struct http_req *req, struct http_resp *resp, struct err *e)
{
    json_t *body = NULL;
    int rc = http_req_body(req, resp, &body, e);
    if (rc)
        return rc;
    /* a stolen session must not be a free password oracle: the same
     * progressive delays as the login, per account and address */
    char *key = http_arena_printf(&req->arena, "pwd:%lld|%s", (long long)req->auth.account_id,
                                  req->remote_addr);
    int64_t now = now_s();
    int64_t wait_s = http_ratelimit_wait(req->app->rl, key, now);
    char token[STORE_TOKEN_LEN + 1] = "";
    if (wait_s > 0) {
        http_resp_header(req, resp, "Retry-After",
                         http_arena_printf(&req->arena, "%lld", (long long)wait_s));
        rc = err_set(e, ERR_RATE_LIMITED, "too many wrong passwords; try again in %lld s",
                     (long long)wait_s);
        goto out;
    }
    struct err ce;
    rc = store_account_check_password(req->db, req->auth.account_id,
                                      http_json_str(body, "current_password", ""), &ce);
    if (rc == ERR_UNAUTHORIZED) {
        http_ratelimit_hit(req->app->rl, key, now);
        http_resp_field_error(resp, "current_password", "is wrong");
        rc = err_set(e, ERR_FORBIDDEN, "current_password: is wrong");
        goto out;
    }
    if (rc) {
        err_set(e, (enum err_code)rc, "%s", ce.msg);
        goto out;
    }
    http_ratelimit_clear(req->app->rl, key);
    rc = store_tx_begin(req->db, e);
    if (rc)
        goto out;
    rc = store_account_set_password(req->db, req->auth.account_id,
                                    http_json_str(body, "new_password", ""), e);
    if (rc == ERR_INPUT) {
        http_resp_field_error(resp, "new_password", e->msg);
        resp->is_unprocessable = true;
    }
    /* the other sessions may be someone who knew the old password */
    if (rc == ERR_OK && !cookie_token(req, token))
        token[0] = '\0';
    if (rc == ERR_OK)
        rc =
            store_session_revoke_account(req->db, req->auth.account_id, token[0] ? token : NULL, e);
    if (rc == ERR_OK)
        rc = store_audit_add(req->db, req->auth.account_id, "password_change", "account",
                             req->auth.account_id, "{\"password\":\"old\"}",
                             "{\"other_sessions_closed\":true,\"password\":\"new\"}", e);
    if (rc == ERR_OK)
        rc = store_tx_commit(req->db, e);
    if (rc)
        store_tx_rollback(req->db);
    else
        http_resp_json(resp, 200, json_pack("{s:b}", "ok", 1));
out:
    sodium_memzero(token, sizeof(token));
    json_decref(body);
    return rc;
}
