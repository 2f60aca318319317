/* SPDX-License-Identifier: MIT */
/*
 * http.h - the public header of the web module: the HTTP server behind
 * `symbiose serve` (libmicrohttpd), the JSON API under /api/v1 and the
 * static files of web/.
 *
 * Two layers. struct http_app is the application: route table, handlers,
 * sessions, rate limits, database pool; it knows nothing of sockets and
 * can be driven in-process with http_app_handle (tests, fuzzing). struct
 * http_server puts an app behind a socket with a libmicrohttpd thread pool.
 * Handlers run on several threads: the app holds no mutable global state,
 * only its own mutex-guarded parts (rate limiter, database pool).
 */
#ifndef SYMBIOSE_HTTP_H
#define SYMBIOSE_HTTP_H

#include "core/core.h"

#define HTTP_MAX_BODY_DEFAULT ((size_t)1 << 20) /* 1 MiB; CSV uploads included */
#define HTTP_IDLE_TIMEOUT_DEFAULT_S (30 * 60)   /* a session unused this long ends */
#define HTTP_MAX_CONN_PER_IP_DEFAULT 32         /* open connections from one address */

struct http_config {
    const char *bind;        /* address to listen on; NULL means "127.0.0.1" */
    int port;                /* 0 picks a free port (see http_server_port) */
    const char *web_dir;     /* static files; NULL means "web" */
    const char *db_path;     /* SQLite database file */
    const char *data_dir;    /* reference data folder, NULL for the embedded copy */
    size_t max_body;         /* request body limit in bytes; 0 means HTTP_MAX_BODY_DEFAULT */
    int n_threads;           /* libmicrohttpd thread pool size; 0 means 4 */
    bool is_insecure_cookie; /* omit the Secure flag (plain http on 127.0.0.1) */
    int64_t idle_timeout_s;  /* sessions unused this long end; 0 means the default */
    /* The one address (a reverse proxy) whose X-Forwarded-For names the
     * client; NULL: the header is ignored, the peer address is the client. */
    const char *trusted_proxy;
    /* Open connections allowed from one peer address; 0 means
     * HTTP_MAX_CONN_PER_IP_DEFAULT, or no limit behind a trusted proxy
     * (every client then comes from the proxy's address). */
    unsigned max_conn_per_ip;
};

/*
 * http_cookie_is_secure - whether the session cookie gets the Secure flag
 * for a server bound to bind: always behind TLS, and by default whenever
 * the address is not a loopback one (plain http is only for 127.0.0.1).
 */
bool http_cookie_is_secure(const char *bind, bool is_behind_tls);

/*
 * http_addr_canonical - the canonical text of the IPv4 or IPv6 address in
 * s[0..n) (no surrounding spaces allowed) into out; out is "" when s is
 * not an address or out is too small (46 bytes always suffice).
 */
void http_addr_canonical(const char *s, size_t n, char *out, size_t size);

struct http_app;

/*
 * http_app_new - builds an application from cfg (strings are copied).
 * Opens the reference data and the database. Returns ERR_OK and a new app
 * (http_app_free), or the error.
 */
int http_app_new(struct http_app **out, const struct http_config *cfg, struct err *e);
void http_app_free(struct http_app *app);

/* One header of a request or a response (borrowed strings). */
struct http_header {
    const char *name;
    const char *value;
};

#define HTTP_MAX_HEADERS 32

/* A request given in-process: the path may carry a query string. */
struct http_fake_request {
    const char *method; /* "GET", "POST", ... */
    const char *path;   /* "/api/v1/flows?page=2" */
    const char *body;   /* may be NULL */
    size_t body_len;
    const char *remote_addr; /* NULL means "127.0.0.1" */
    struct http_header headers[HTTP_MAX_HEADERS];
    size_t n_headers;
};

/* The answer to a fake request; owned by the struct: http_fake_response_release. */
struct http_fake_response {
    int status;
    char *body; /* NUL-terminated */
    size_t body_len;
    struct http_header headers[HTTP_MAX_HEADERS]; /* strings owned here */
    size_t n_headers;
};

/* Runs one request through the whole app (router, auth, handler) without a
 * socket. Always fills resp (errors become JSON error bodies). */
void http_app_handle(struct http_app *app, const struct http_fake_request *req,
                     struct http_fake_response *resp);
/* Header value of a response, case-insensitive name; NULL if absent. */
const char *http_fake_response_header(const struct http_fake_response *resp, const char *name);
void http_fake_response_release(struct http_fake_response *resp);

/* The OpenAPI 3 description generated from the route table; free(). */
char *http_app_openapi(const struct http_app *app);

struct http_server;

/*
 * http_server_start - listens on cfg->bind:cfg->port and serves app (borrowed;
 * it must outlive the server). Returns ERR_IO if the address cannot be bound.
 */
int http_server_start(struct http_server **out, struct http_app *app, const struct http_config *cfg,
                      struct err *e);
/* The port actually bound (useful with port 0). */
int http_server_port(const struct http_server *s);
/* Stops listening, waits for the threads, frees. NULL is fine. */
void http_server_stop(struct http_server *s);

#endif /* SYMBIOSE_HTTP_H */
