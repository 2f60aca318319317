/* SPDX-License-Identifier: MIT */
/*
 * app.c - the application without its transport: one entry point
 * (http_app_dispatch) that routes a filled request, applies the session
 * and cross-site rules, runs the handler, and maps any error code to an
 * HTTP status through the one table below. Fake requests for tests come
 * in through http_app_handle.
 */
#include "http_int.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The one table from core error codes to HTTP statuses. */
static const int status_of_code[ERR_CODE_COUNT] = {
    [ERR_OK] = 200,        [ERR_INPUT] = 400,        [ERR_NOT_FOUND] = 404, [ERR_CONFLICT] = 409,
    [ERR_FORBIDDEN] = 403, [ERR_UNAUTHORIZED] = 401, [ERR_TOO_LARGE] = 413, [ERR_INFEASIBLE] = 422,
    [ERR_UNBOUNDED] = 422, [ERR_RATE_LIMITED] = 429, [ERR_IO] = 500,        [ERR_DB] = 500,
    [ERR_NOMEM] = 503,     [ERR_INTERNAL] = 500,
};

int http_status_of(enum err_code code)
{
    if ((int)code < 0 || code >= ERR_CODE_COUNT || status_of_code[code] == 0)
        return 500;
    return status_of_code[code];
}

/*
 * Security headers on every answer. The CSP allows scripts and styles from
 * the same origin only (no inline script, no eval); map tiles are images
 * from any https origin, which the offline machine cannot reach anyway.
 */
static const struct http_header security_headers[] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
     "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "same-origin"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Cache-Control", "no-store"},
};

const struct http_header *http_security_headers(size_t *n)
{
    *n = sizeof(security_headers) / sizeof(security_headers[0]);
    return security_headers;
}

void http_hex(const unsigned char *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

const char *http_req_header(const struct http_req *req, const char *name)
{
    for (size_t i = 0; i < req->n_headers; i++) {
        if (strcasecmp(req->headers[i].name, name) == 0)
            return req->headers[i].value;
    }
    return NULL;
}

const char *http_req_query(const struct http_req *req, const char *key)
{
    for (size_t i = 0; i < req->n_query; i++) {
        if (strcmp(req->query[i].key, key) == 0)
            return req->query[i].value;
    }
    return NULL;
}

void http_resp_header(struct http_req *req, struct http_resp *resp, const char *name,
                      const char *value)
{
    if (resp->n_headers >= HTTP_RESP_MAX_HEADERS)
        return;
    resp->headers[resp->n_headers].key = name;
    resp->headers[resp->n_headers].value = http_arena_strndup(&req->arena, value, strlen(value));
    resp->n_headers++;
}

void http_resp_json(struct http_resp *resp, int status, json_t *root)
{
    resp->status = status;
    resp->content_type = "application/json; charset=utf-8";
    sb_reset(&resp->body);
    char *s = json_dumps(root, JSON_COMPACT | JSON_REAL_PRECISION(10));
    json_decref(root);
    if (s) {
        sb_adds(&resp->body, s);
        free(s);
    }
}

void http_resp_field_error(struct http_resp *resp, const char *field, const char *msg)
{
    if (!resp->err_fields)
        resp->err_fields = json_object();
    if (!json_object_get(resp->err_fields, field))
        json_object_set_new(resp->err_fields, field, json_string(msg));
}

/* Writes the JSON error body for code and message. */
static void resp_error(struct http_resp *resp, enum err_code code, const char *msg)
{
    int status = http_status_of(code);
    if (code == ERR_INPUT && resp->is_unprocessable)
        status = 422;
    json_t *err = json_object();
    json_object_set_new(
        err, "code",
        json_string(resp->err_code_override ? resp->err_code_override : err_code_name(code)));
    /* internal failures do not show their details to the client */
    const char *shown = status >= 500 ? err_code_message(code) : msg;
    json_t *m = json_string(shown && shown[0] ? shown : err_code_message(code));
    json_object_set_new(err, "message", m ? m : json_string("error"));
    if (resp->err_fields) {
        json_object_set_new(err, "fields", resp->err_fields);
        resp->err_fields = NULL;
    }
    if (resp->err_lines) {
        json_object_set_new(err, "lines", resp->err_lines);
        resp->err_lines = NULL;
    }
    http_resp_json(resp, status, json_pack("{s:o}", "error", err));
}

const struct http_body_schema *http_body_find(const char *name)
{
    for (size_t i = 0; name && i < http_n_bodies; i++) {
        if (strcmp(http_bodies[i].name, name) == 0)
            return &http_bodies[i];
    }
    return NULL;
}

int http_req_body(struct http_req *req, struct http_resp *resp, json_t **out, struct err *e)
{
    const struct http_body_schema *s = http_body_find(req->route ? req->route->body : NULL);
    if (!s)
        return err_set(e, ERR_INTERNAL, "route has no body schema");
    const char *ct = http_req_header(req, "Content-Type");
    if (!ct || strncasecmp(ct, "application/json", 16) != 0)
        return err_set(e, ERR_INPUT, "request body: Content-Type must be application/json");
    return http_body_parse(req->body, req->body_len, s->fields, s->n_fields, resp, out, e);
}

int http_page_parse(struct http_req *req, struct http_resp *resp, struct http_page *pg,
                    struct err *e)
{
    pg->page = 1;
    pg->per_page = 50;
    const char *p = http_req_query(req, "page");
    const char *pp = http_req_query(req, "per_page");
    long v;
    if (p) {
        if (parse_long(slice_cstr(p), &v, NULL) != ERR_OK || v < 1 || v > 1000000) {
            http_resp_field_error(resp, "page", "must be an integer from 1");
            return err_set(e, ERR_INPUT, "page: must be an integer from 1");
        }
        pg->page = v;
    }
    if (pp) {
        if (parse_long(slice_cstr(pp), &v, NULL) != ERR_OK || v < 1 || v > 200) {
            http_resp_field_error(resp, "per_page", "must be an integer from 1 to 200");
            return err_set(e, ERR_INPUT, "per_page: must be an integer from 1 to 200");
        }
        pg->per_page = v;
    }
    return ERR_OK;
}

/*
 * Cross-site protection for cookie-authenticated writes (and the login):
 * the session cookie is SameSite=Strict; on top, a browser's Sec-Fetch-Site
 * must say same-origin (or none: typed by the user), an Origin header must
 * name this host, and writes carry X-CSRF-Token, a value derived from the
 * session that a cross-site page cannot read.
 */
static int cross_site_check(struct http_req *req, bool need_token, struct err *e)
{
    const char *sfs = http_req_header(req, "Sec-Fetch-Site");
    if (sfs && strcmp(sfs, "same-origin") != 0 && strcmp(sfs, "none") != 0)
        return err_set(e, ERR_FORBIDDEN, "cross-site request refused");
    const char *origin = http_req_header(req, "Origin");
    const char *host = http_req_header(req, "Host");
    if (origin && strcmp(origin, "null") != 0) {
        const char *o = origin;
        if (strncmp(o, "http://", 7) == 0)
            o += 7;
        else if (strncmp(o, "https://", 8) == 0)
            o += 8;
        else
            return err_set(e, ERR_FORBIDDEN, "cross-site request refused");
        if (!host || strcasecmp(o, host) != 0)
            return err_set(e, ERR_FORBIDDEN, "cross-site request refused");
    } else if (origin) {
        return err_set(e, ERR_FORBIDDEN, "cross-site request refused");
    }
    if (need_token) {
        const char *tok = http_req_header(req, "X-CSRF-Token");
        size_t n = strlen(req->auth.csrf);
        if (!tok || n == 0 || strlen(tok) != n || sodium_memcmp(tok, req->auth.csrf, n) != 0)
            return err_set(e, ERR_FORBIDDEN, "missing or wrong X-CSRF-Token header");
    }
    return ERR_OK;
}

/* The route of req (404/405 when none), then the session and the
 * cross-site rules: everything decided from the request line and the
 * headers. The route is in req->route when this returns ERR_OK. */
static int api_authorize(struct http_req *req, struct http_resp *resp, struct err *e)
{
    bool is_known = false;
    req->route = http_route_match(req->method, req->path, req->ids, &req->n_ids, &is_known);
    if (!req->route) {
        if (is_known) {
            resp->err_code_override = "method_not_allowed";
            int rc =
                err_set(e, ERR_INPUT, "method %s not allowed here", http_method_name(req->method));
            resp->status = 405;
            return rc;
        }
        return err_set(e, ERR_NOT_FOUND, "no such API path");
    }
    int rc = http_auth_load(req, e);
    if (rc)
        return rc;
    bool is_write = req->method != HTTP_GET && req->method != HTTP_HEAD;
    bool is_public = req->route->flags & HTTP_ROUTE_PUBLIC;
    if (!is_public && !req->auth.is_authenticated)
        return err_set(e, ERR_UNAUTHORIZED, "authentication required");
    if (is_write)
        return cross_site_check(req, !is_public, e);
    return ERR_OK;
}

static int api_dispatch(struct http_req *req, struct http_resp *resp, struct err *e)
{
    int rc = api_authorize(req, resp, e);
    if (rc)
        return rc;
    return req->route->fn(req, resp, e);
}

static bool is_api_path(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0;
}

size_t http_app_body_limit(const struct http_app *app, enum http_method m, const char *path)
{
    int64_t ids[HTTP_MAX_IDS];
    size_t n_ids = 0;
    bool is_known = false;
    if (!path || !is_api_path(path))
        return 0; /* static files take no body */
    const struct http_route *r = http_route_match(m, path, ids, &n_ids, &is_known);
    if (r && (r->flags & HTTP_ROUTE_UPLOAD) && app->max_body < HTTP_MAX_UPLOAD_BODY)
        return HTTP_MAX_UPLOAD_BODY;
    /* what anybody may send without a session stays small */
    if ((!r || (r->flags & HTTP_ROUTE_PUBLIC)) && app->max_body > HTTP_MAX_PUBLIC_BODY)
        return HTTP_MAX_PUBLIC_BODY;
    return app->max_body;
}

bool http_app_is_upload(enum http_method m, const char *path)
{
    int64_t ids[HTTP_MAX_IDS];
    size_t n_ids = 0;
    bool is_known = false;
    const struct http_route *r =
        path && is_api_path(path) ? http_route_match(m, path, ids, &n_ids, &is_known) : NULL;
    return r && (r->flags & HTTP_ROUTE_UPLOAD);
}

/* Turns rc (with e) into the JSON error answer in resp. */
static void resp_fail(struct http_req *req, struct http_resp *resp, int rc, const struct err *e)
{
    if (resp->status == 405) {
        resp_error(resp, (enum err_code)rc, e->msg);
        resp->status = 405;
    } else {
        resp_error(resp, (enum err_code)rc, e->msg);
    }
    if (http_status_of((enum err_code)rc) >= 500)
        log_error("http", "%s %s: %s", http_method_name(req->method), req->path, e->msg);
}

void http_app_dispatch(struct http_app *app, struct http_req *req, struct http_resp *resp)
{
    struct err e;
    err_init(&e);
    int rc;
    req->app = app;
    if (is_api_path(req->path)) {
        size_t limit = http_app_body_limit(app, req->method, req->path);
        if (req->body_len > limit)
            rc = err_set(&e, ERR_TOO_LARGE, "request body larger than %zu bytes", limit);
        else
            rc = http_db_acquire(app, req, &e);
        if (rc == ERR_OK)
            rc = api_dispatch(req, resp, &e);
        /* any write that went through may change what cached reads show */
        if (rc == ERR_OK && req->method != HTTP_GET && req->method != HTTP_HEAD)
            http_cache_invalidate(app->cache);
        http_db_release(app, req);
    } else if (req->method == HTTP_GET || req->method == HTTP_HEAD) {
        rc = http_static_serve(app->web_dir, req, resp, &e);
    } else {
        rc = err_set(&e, ERR_NOT_FOUND, "no such path");
    }
    if (rc != ERR_OK)
        resp_fail(req, resp, rc, &e);
}

bool http_app_precheck(struct http_app *app, struct http_req *req, struct http_resp *resp)
{
    struct err e;
    err_init(&e);
    req->app = app;
    if (!is_api_path(req->path))
        return true; /* static files: GET only, and bodies are refused by their limit */
    int rc = http_db_acquire(app, req, &e);
    if (rc == ERR_OK)
        rc = api_authorize(req, resp, &e);
    http_db_release(app, req);
    /* the handler's own checks run later, with the body; only what the
     * headers decide is answered now */
    memset(&req->auth, 0, sizeof(req->auth));
    req->route = NULL;
    req->n_ids = 0;
    if (rc == ERR_OK)
        return true;
    resp_fail(req, resp, rc, &e);
    return false;
}

void http_addr_canonical(const char *s, size_t n, char *out, size_t size)
{
    char buf[HTTP_ADDR_MAX];
    unsigned char bin[sizeof(struct in6_addr)];
    char canon[HTTP_ADDR_MAX];
    if (size > 0)
        out[0] = '\0';
    if (n == 0 || n >= sizeof(buf) || memchr(s, '\0', n))
        return;
    memcpy(buf, s, n);
    buf[n] = '\0';
    int family = strchr(buf, ':') ? AF_INET6 : AF_INET;
    if (inet_pton(family, buf, bin) != 1 || !inet_ntop(family, bin, canon, sizeof(canon)))
        return;
    int w = snprintf(out, size, "%s", canon);
    if (w < 0 || (size_t)w >= size)
        out[0] = '\0';
}

void http_client_addr(const char *peer, const char *xff, const char *trusted, char *out,
                      size_t size)
{
    int w = snprintf(out, size, "%s", peer);
    if (w < 0 || (size_t)w >= size)
        out[0] = '\0';
    if (!trusted || !xff || strcmp(peer, trusted) != 0)
        return;
    /* the proxy appends the address it saw: the last element is the only
     * one it vouches for; earlier ones are whatever the client sent */
    const char *start = strrchr(xff, ',');
    start = start ? start + 1 : xff;
    const char *end = start + strlen(start);
    while (start < end && (*start == ' ' || *start == '\t'))
        start++;
    while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    char canon[HTTP_ADDR_MAX];
    http_addr_canonical(start, (size_t)(end - start), canon, sizeof(canon));
    if (!canon[0])
        return;
    w = snprintf(out, size, "%s", canon);
    if (w < 0 || (size_t)w >= size)
        out[0] = '\0'; /* never a cut address */
}

void http_req_client_addr(struct http_app *app, struct http_req *req)
{
    if (!app->trusted_proxy)
        return;
    char buf[HTTP_ADDR_MAX];
    http_client_addr(req->remote_addr, http_req_header(req, "X-Forwarded-For"), app->trusted_proxy,
                     buf, sizeof(buf));
    req->remote_addr = http_arena_strndup(&req->arena, buf, strlen(buf));
}

bool http_cookie_is_secure(const char *bind, bool is_behind_tls)
{
    if (is_behind_tls)
        return true;
    if (!bind)
        return false; /* the default address, 127.0.0.1 */
    return !(strncmp(bind, "127.", 4) == 0 || strcmp(bind, "localhost") == 0 ||
             strcmp(bind, "::1") == 0);
}

static int hex_val(char h)
{
    if (h >= '0' && h <= '9')
        return h - '0';
    if (h >= 'a' && h <= 'f')
        return h - 'a' + 10;
    if (h >= 'A' && h <= 'F')
        return h - 'A' + 10;
    return -1;
}

/* Percent-decodes s[0..n) into the arena; '+' means space only in forms. */
static char *pct_decode(struct http_arena *a, const char *s, size_t n, bool is_form)
{
    char *out = http_arena_alloc(a, n + 1);
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < n) {
            int hi = hex_val(s[i + 1]);
            int lo = hex_val(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                /* a decoded NUL would cut the string: make it a byte no route
                 * or file name accepts */
                out[j++] = (hi | lo) ? (char)(hi * 16 + lo) : '\x7f';
                i += 2;
                continue;
            }
        }
        out[j++] = (is_form && c == '+') ? ' ' : c;
    }
    out[j] = '\0';
    return out;
}

void http_req_parse_query(struct http_req *req, const char *qs)
{
    while (qs && *qs && req->n_query < HTTP_MAX_QUERY) {
        const char *amp = strchr(qs, '&');
        size_t len = amp ? (size_t)(amp - qs) : strlen(qs);
        const char *eq = memchr(qs, '=', len);
        size_t klen = eq ? (size_t)(eq - qs) : len;
        if (klen > 0) {
            struct http_kv *kv = &req->query[req->n_query++];
            kv->key = pct_decode(&req->arena, qs, klen, true);
            kv->value = eq ? pct_decode(&req->arena, eq + 1, len - klen - 1, true) : "";
        }
        qs = amp ? amp + 1 : NULL;
    }
}

void http_resp_init(struct http_resp *resp)
{
    memset(resp, 0, sizeof(*resp));
    resp->status = 200;
    resp->content_type = "application/json; charset=utf-8";
    sb_init(&resp->body, 0);
}

void http_resp_release(struct http_resp *resp)
{
    sb_release(&resp->body);
    json_decref(resp->err_fields);
    json_decref(resp->err_lines);
    resp->err_fields = NULL;
    resp->err_lines = NULL;
}

void http_app_handle(struct http_app *app, const struct http_fake_request *fr,
                     struct http_fake_response *out)
{
    struct http_req req;
    struct http_resp resp;
    memset(&req, 0, sizeof(req));
    memset(out, 0, sizeof(*out));
    http_arena_init(&req.arena);
    http_resp_init(&resp);
    req.method = http_method_parse(fr->method);
    const char *q = strchr(fr->path, '?');
    size_t plen = q ? (size_t)(q - fr->path) : strlen(fr->path);
    req.path = pct_decode(&req.arena, fr->path, plen, false);
    if (q)
        http_req_parse_query(&req, q + 1);
    req.headers = fr->headers;
    req.n_headers = fr->n_headers;
    req.body = fr->body;
    req.body_len = fr->body ? fr->body_len : 0;
    req.remote_addr = fr->remote_addr ? fr->remote_addr : "127.0.0.1";
    http_req_client_addr(app, &req);
    http_app_dispatch(app, &req, &resp);

    out->status = resp.status;
    out->body_len = resp.body.len;
    out->body = sb_detach(&resp.body, NULL);
    size_t n_sec;
    const struct http_header *sec = http_security_headers(&n_sec);
    for (size_t i = 0; i < n_sec && out->n_headers < HTTP_MAX_HEADERS; i++) {
        out->headers[out->n_headers].name = xstrdup(sec[i].name);
        out->headers[out->n_headers++].value = xstrdup(sec[i].value);
    }
    if (out->n_headers < HTTP_MAX_HEADERS) {
        out->headers[out->n_headers].name = xstrdup("Content-Type");
        out->headers[out->n_headers++].value = xstrdup(resp.content_type);
    }
    for (size_t i = 0; i < resp.n_headers && out->n_headers < HTTP_MAX_HEADERS; i++) {
        out->headers[out->n_headers].name = xstrdup(resp.headers[i].key);
        out->headers[out->n_headers++].value = xstrdup(resp.headers[i].value);
    }
    http_resp_release(&resp);
    http_arena_release(&req.arena);
}

const char *http_fake_response_header(const struct http_fake_response *resp, const char *name)
{
    for (size_t i = 0; i < resp->n_headers; i++) {
        if (strcasecmp(resp->headers[i].name, name) == 0)
            return resp->headers[i].value;
    }
    return NULL;
}

void http_fake_response_release(struct http_fake_response *resp)
{
    free(resp->body);
    for (size_t i = 0; i < resp->n_headers; i++) {
        free((char *)resp->headers[i].name);
        free((char *)resp->headers[i].value);
    }
    memset(resp, 0, sizeof(*resp));
}
