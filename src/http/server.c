/* SPDX-License-Identifier: MIT */
/*
 * server.c - puts a struct http_app behind a socket with libmicrohttpd:
 * an internal thread pool, one struct http_req per request, then
 * http_app_dispatch and the security headers on every answer.
 *
 * What a client that is not logged in can make the server hold is
 * bounded before any of it is read:
 *  - the request line and the headers decide first (http_app_precheck):
 *    a write without a live session, or cross-site, or to an unknown path,
 *    is answered 401/403/404 and its body never read;
 *  - bodies are gathered up to the route's limit (413 beyond, without
 *    keeping more); an upload route's body goes to a spool file on disk,
 *    never to memory;
 *  - one address may hold max_conn_per_ip connections;
 *  - the request line and headers must be complete within
 *    HTTP_HEADER_DEADLINE_S of the connection (or of the previous answer
 *    on a kept-alive connection), however slowly bytes keep coming: a
 *    reaper thread shuts down the sockets that are late, since
 *    libmicrohttpd's own timeout restarts with every byte.
 */
#include "http_int.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HTTP_HEADER_DEADLINE_S 10 /* request line and headers, from the first byte wait */
#define HTTP_BODY_DEADLINE_S 600  /* a whole body (20 MiB at 35 kB/s) */
#define HTTP_IDLE_S 30            /* libmicrohttpd's inactivity timeout */
#define HTTP_MAX_CONNECTIONS 1000

/* One open connection, as the reaper sees it (guarded by the server's lock). */
struct conn_track {
    struct conn_track *prev, *next;
    int fd;
    int64_t deadline_s; /* monotonic; 0 while an answer is being sent */
    bool is_shut;       /* shutdown() done, waiting for libmicrohttpd to close */
};

struct http_server {
    struct MHD_Daemon *daemon;
    struct http_app *app; /* borrowed */
    int port;
    pthread_mutex_t lock; /* guards tracks and is_stopping */
    pthread_cond_t wake;
    struct conn_track *tracks; /* open connections, newest first */
    bool is_stopping;
    bool has_reaper;
    pthread_t reaper;
};

/* What one connection's request gathers across the access-handler calls. */
struct conn_state {
    struct sb body;
    size_t limit; /* the route's body limit */
    size_t len;   /* bytes received */
    bool is_too_large;
    bool is_upload;   /* the body goes to spool_fd */
    int spool_fd;     /* -1 when none */
    char spool[4096]; /* its path; "" when none */
    bool is_io_error; /* writing the spool file failed */
};

static int64_t mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec;
}

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

/* Fills req from the connection: method, path, headers, query, client. */
static void req_fill(struct http_server *s, struct MHD_Connection *conn, const char *url,
                     const char *method, struct http_req *req)
{
    memset(req, 0, sizeof(*req));
    http_arena_init(&req->arena);
    req->method = http_method_parse(method);
    req->path = url;
    struct http_header *hdrs = http_arena_alloc(&req->arena, sizeof(*hdrs) * 64);
    struct header_walk hw = {&req->arena, hdrs, 0, 64};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, header_collect, &hw);
    req->headers = hdrs;
    req->n_headers = hw.n;
    struct query_walk qw = {req};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_collect, &qw);
    remote_addr_fill(conn, req);
    http_req_client_addr(s->app, req);
}

/* Sets the deadline of conn's track: now + after_s, or none (0). */
static void track_deadline(struct http_server *s, struct MHD_Connection *conn, int64_t after_s)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct conn_track *t = ci ? ci->socket_context : NULL;
    if (!t)
        return;
    pthread_mutex_lock(&s->lock);
    t->deadline_s = after_s ? mono_s() + after_s : 0;
    pthread_mutex_unlock(&s->lock);
}

static void notify_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                              enum MHD_ConnectionNotificationCode toe)
{
    struct http_server *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        struct conn_track *t = xcalloc(1, sizeof(*t));
        t->fd = ci ? ci->connect_fd : -1;
        t->deadline_s = mono_s() + HTTP_HEADER_DEADLINE_S;
        pthread_mutex_lock(&s->lock);
        t->next = s->tracks;
        if (s->tracks)
            s->tracks->prev = t;
        s->tracks = t;
        pthread_mutex_unlock(&s->lock);
        *socket_context = t;
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        /* called before libmicrohttpd closes the descriptor: once the track
         * is unlinked the reaper cannot touch a reused fd number */
        struct conn_track *t = *socket_context;
        if (!t)
            return;
        pthread_mutex_lock(&s->lock);
        if (t->prev)
            t->prev->next = t->next;
        else
            s->tracks = t->next;
        if (t->next)
            t->next->prev = t->prev;
        pthread_mutex_unlock(&s->lock);
        free(t);
        *socket_context = NULL;
    }
}

/* Every second, shuts down the sockets past their deadline; libmicrohttpd
 * then sees the end of the stream and closes the connection. */
static void *reaper_main(void *arg)
{
    struct http_server *s = arg;
    pthread_mutex_lock(&s->lock);
    while (!s->is_stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&s->wake, &s->lock, &ts);
        int64_t now = mono_s();
        size_t n_shut = 0;
        for (struct conn_track *t = s->tracks; t; t = t->next) {
            if (t->deadline_s && now >= t->deadline_s && !t->is_shut && t->fd >= 0) {
                shutdown(t->fd, SHUT_RDWR);
                t->is_shut = true;
                n_shut++;
            }
        }
        if (n_shut)
            log_debug("http", "closed %zu connections past their deadline", n_shut);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
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

/* Appends a piece of the body to the spool file or the buffer. */
static void body_add(struct conn_state *st, const char *data, size_t n)
{
    if (st->is_too_large || st->is_io_error)
        return;
    if (n > st->limit - st->len) {
        st->is_too_large = true;
        return;
    }
    st->len += n;
    if (!st->is_upload) {
        sb_add(&st->body, data, n);
        if (st->body.failed)
            st->is_too_large = true;
        return;
    }
    while (n > 0) {
        ssize_t w = write(st->spool_fd, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            log_error("http", "%s: %s", st->spool, strerror(errno));
            st->is_io_error = true;
            return;
        }
        data += w;
        n -= (size_t)w;
    }
}

/* Answers from the headers alone (precheck refusal, oversized body). */
static enum MHD_Result answer_now(struct MHD_Connection *conn, struct http_req *req,
                                  struct http_resp *resp)
{
    enum MHD_Result ret = respond(conn, resp, req->method == HTTP_HEAD);
    http_resp_release(resp);
    http_arena_release(&req->arena);
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
    struct http_req req;
    struct http_resp resp;
    if (!st) {
        /* the request line and the headers are complete: no more header
         * deadline, the body has its own */
        track_deadline(s, conn, HTTP_BODY_DEADLINE_S);
        st = xcalloc(1, sizeof(*st));
        st->spool_fd = -1;
        enum http_method m = http_method_parse(method);
        st->limit = http_app_body_limit(s->app, m, url);
        *con_cls = st;
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        long n;
        if (cl && parse_long(slice_cstr(cl), &n, NULL) == ERR_OK && n >= 0 && (size_t)n > st->limit)
            st->is_too_large = true;
        req_fill(s, conn, url, method, &req);
        http_resp_init(&resp);
        /* a read without a body is decided once, by the dispatch below */
        bool has_body = (m != HTTP_GET && m != HTTP_HEAD) || cl ||
                        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Transfer-Encoding");
        if (has_body && !http_app_precheck(s->app, &req, &resp)) {
            track_deadline(s, conn, 0);
            return answer_now(conn, &req, &resp);
        }
        if (st->is_too_large) {
            /* an announced oversized body is refused before it is read */
            req.body_len = st->limit + 1;
            http_app_dispatch(s->app, &req, &resp);
            track_deadline(s, conn, 0);
            return answer_now(conn, &req, &resp);
        }
        bool is_upload = http_app_is_upload(m, url);
        http_resp_release(&resp);
        http_arena_release(&req.arena);
        if (is_upload) {
            struct err e;
            if (http_app_spool_open(s->app, st->spool, sizeof(st->spool), &st->spool_fd, &e)) {
                log_error("http", "upload spool: %s", e.msg);
                st->is_io_error = true;
                st->spool[0] = '\0';
            }
            st->is_upload = true;
        } else {
            sb_init(&st->body, st->limit + 1);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        body_add(st, upload_data, *upload_data_size);
        *upload_data_size = 0;
        return MHD_YES;
    }

    req_fill(s, conn, url, method, &req);
    http_resp_init(&resp);
    track_deadline(s, conn, 0);
    if (st->is_upload) {
        req.body = NULL;
        req.body_path = st->spool[0] ? st->spool : NULL;
        req.body_len = st->len;
        if (st->spool_fd >= 0 && close(st->spool_fd) != 0)
            st->is_io_error = true;
        st->spool_fd = -1;
    } else {
        req.body = st->body.buf;
        req.body_len = st->body.len;
    }
    if (st->is_too_large) {
        /* the app answers 413 for any body over the limit */
        req.body_len = st->limit + 1;
    }
    if (st->is_io_error) {
        json_t *err = json_pack("{s:s,s:s}", "code", err_code_name(ERR_IO), "message",
                                err_code_message(ERR_IO));
        http_resp_json(&resp, 500, json_pack("{s:o}", "error", err));
    } else {
        http_app_dispatch(s->app, &req, &resp);
    }
    log_debug("http", "%s %s -> %d", method, url, resp.status);
    enum MHD_Result ret = respond(conn, &resp, req.method == HTTP_HEAD);
    http_resp_release(&resp);
    http_arena_release(&req.arena);
    return ret;
}

static void request_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                              enum MHD_RequestTerminationCode toe)
{
    struct http_server *s = cls;
    (void)toe;
    struct conn_state *st = *con_cls;
    if (st) {
        sb_release(&st->body);
        if (st->spool_fd >= 0)
            close(st->spool_fd);
        if (st->spool[0])
            unlink(st->spool);
        free(st);
        *con_cls = NULL;
    }
    /* a kept-alive connection has the header deadline again for the next request */
    track_deadline(s, conn, HTTP_HEADER_DEADLINE_S);
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
    pthread_mutex_init(&s->lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&s->wake, &ca);
    pthread_condattr_destroy(&ca);
    unsigned n_threads = cfg->n_threads > 0 ? (unsigned)cfg->n_threads : 4;
    unsigned per_ip = cfg->max_conn_per_ip;
    if (per_ip == 0)
        per_ip = cfg->trusted_proxy ? 0 : HTTP_MAX_CONN_PER_IP_DEFAULT;
    s->daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0, NULL, NULL,
        access_handler, s, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&sa,
        MHD_OPTION_THREAD_POOL_SIZE, n_threads, MHD_OPTION_NOTIFY_COMPLETED, request_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, notify_connection, s, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)HTTP_IDLE_S, MHD_OPTION_CONNECTION_LIMIT, (unsigned)HTTP_MAX_CONNECTIONS,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip, MHD_OPTION_END);
    if (!s->daemon) {
        pthread_cond_destroy(&s->wake);
        pthread_mutex_destroy(&s->lock);
        free(s);
        return err_set(e, ERR_IO, "cannot listen on %s:%d", bind, cfg->port);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = di ? di->port : cfg->port;
    if (pthread_create(&s->reaper, NULL, reaper_main, s) == 0) {
        s->has_reaper = true;
    } else {
        http_server_stop(s);
        return err_set(e, ERR_INTERNAL, "cannot start the connection reaper");
    }
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
    if (s->has_reaper) {
        pthread_mutex_lock(&s->lock);
        s->is_stopping = true;
        pthread_cond_signal(&s->wake);
        pthread_mutex_unlock(&s->lock);
        pthread_join(s->reaper, NULL);
    }
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
