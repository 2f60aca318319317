/* SPDX-License-Identifier: MIT */
/*
 * server.c - puts a struct http_app behind a socket with libmicrohttpd:
 * an internal thread pool, bodies gathered up to the route's limit (413
 * beyond, without keeping more), one struct http_req per request,
 * then http_app_dispatch and the security headers on every answer.
 */
#include "http_int.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

struct http_server {
    struct MHD_Daemon *daemon;
    struct http_app *app; /* borrowed */
    int port;
};

/* What one connection's request gathers across the access-handler calls. */
struct conn_state {
    struct sb body;
    size_t limit; /* the route's body limit */
    bool is_too_large;
};

struct header_walk {
    struct http_arena *arena;
    struct http_header *headers;
    size_t n;
    size_t cap;
};

static enum MHD_Result header_collect(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value)
{
    (void)kind;
    struct header_walk *w = cls;
    if (w->n < w->cap && key) {
        w->headers[w->n].name = key;
        w->headers[w->n].value = value ? value : "";
        w->n++;
    }
    return MHD_YES;
}

struct query_walk {
    struct http_req *req;
};

static enum MHD_Result query_collect(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
    (void)kind;
    struct query_walk *w = cls;
    struct http_req *req = w->req;
    if (req->n_query < HTTP_MAX_QUERY && key) {
        req->query[req->n_query].key = key;
        req->query[req->n_query].value = value ? value : "";
        req->n_query++;
    }
    return MHD_YES;
}

static void remote_addr_fill(struct MHD_Connection *conn, struct http_req *req)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "unknown";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                      sizeof(buf));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                      sizeof(buf));
    }
    req->remote_addr = http_arena_strndup(&req->arena, buf, strlen(buf));
}

static enum MHD_Result respond(struct MHD_Connection *conn, struct http_resp *resp, bool is_head)
{
    size_t len = resp->body.len;
    char *data = sb_detach(&resp->body, NULL);
    struct MHD_Response *r =
        MHD_create_response_from_buffer(is_head ? 0 : len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    size_t n_sec;
    const struct http_header *sec = http_security_headers(&n_sec);
    for (size_t i = 0; i < n_sec; i++)
        MHD_add_response_header(r, sec[i].name, sec[i].value);
    MHD_add_response_header(r, "Content-Type", resp->content_type);
    for (size_t i = 0; i < resp->n_headers; i++)
        MHD_add_response_header(r, resp->headers[i].key, resp->headers[i].value);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)resp->status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
                                      const char *method, const char *version,
                                      const char *upload_data, size_t *upload_data_size,
                                      void **con_cls)
{
    (void)version;
    struct http_server *s = cls;
    struct conn_state *st = *con_cls;
    if (!st) {
        st = xcalloc(1, sizeof(*st));
        st->limit = http_app_body_limit(s->app, http_method_parse(method), url);
        sb_init(&st->body, st->limit + 1);
        *con_cls = st;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        long n;
        if (cl && parse_long(slice_cstr(cl), &n, NULL) == ERR_OK && n >= 0 && (size_t)n > st->limit)
            st->is_too_large = true;
        /* an announced oversized body is refused before it is read */
        if (!st->is_too_large)
            return MHD_YES;
    } else if (*upload_data_size) {
        if (!st->is_too_large) {
            sb_add(&st->body, upload_data, *upload_data_size);
            if (st->body.failed || st->body.len > st->limit)
                st->is_too_large = true;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }

    struct http_req req;
    struct http_resp resp;
    memset(&req, 0, sizeof(req));
    http_arena_init(&req.arena);
    http_resp_init(&resp);
    req.method = http_method_parse(method);
    req.path = url;
    struct http_header *hdrs = http_arena_alloc(&req.arena, sizeof(*hdrs) * 64);
    struct header_walk hw = {&req.arena, hdrs, 0, 64};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, header_collect, &hw);
    req.headers = hdrs;
    req.n_headers = hw.n;
    struct query_walk qw = {&req};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_collect, &qw);
    remote_addr_fill(conn, &req);
    req.body = st->body.buf;
    req.body_len = st->body.len;
    if (st->is_too_large) {
        /* the app answers 413 for any body over the limit */
        req.body_len = st->limit + 1;
    }
    http_app_dispatch(s->app, &req, &resp);
    log_debug("http", "%s %s -> %d", method, url, resp.status);
    enum MHD_Result ret = respond(conn, &resp, req.method == HTTP_HEAD);
    http_resp_release(&resp);
    http_arena_release(&req.arena);
    return ret;
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    struct conn_state *st = *con_cls;
    if (st) {
        sb_release(&st->body);
        free(st);
        *con_cls = NULL;
    }
}

int http_server_start(struct http_server **out, struct http_app *app, const struct http_config *cfg,
                      struct err *e)
{
    *out = NULL;
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)cfg->port);
    if (cfg->port < 0 || cfg->port > 65535 || inet_pton(AF_INET, bind, &sa.sin_addr) != 1)
        return err_set(e, ERR_INPUT, "bad listen address '%s:%d'", bind, cfg->port);
    struct http_server *s = xcalloc(1, sizeof(*s));
    s->app = app;
    unsigned n_threads = cfg->n_threads > 0 ? (unsigned)cfg->n_threads : 4;
    s->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0,
                                 NULL, NULL, access_handler, s, MHD_OPTION_SOCK_ADDR,
                                 (const struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
                                 n_threads, MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000, MHD_OPTION_END);
    if (!s->daemon) {
        free(s);
        return err_set(e, ERR_IO, "cannot listen on %s:%d", bind, cfg->port);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    *out = s;
    return ERR_OK;
}

int http_server_port(const struct http_server *s)
{
    return s->port;
}

void http_server_stop(struct http_server *s)
{
    if (!s)
        return;
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    free(s);
}
