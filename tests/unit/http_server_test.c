/* SPDX-License-Identifier: MIT */
/*
 * http_server_test.c - the real server on 127.0.0.1 (a free port picked
 * by the kernel) with a tiny HTTP/1.1 client over sockets: status lines,
 * headers, cookies, body limits, traversal, and concurrent clients on the
 * thread pool.
 */
#include "http_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>

struct srv {
    struct fx *fx;
    struct http_server *server;
    int port;
};

struct reply {
    int status;
    char head[4096];
    char *body; /* malloc'd */
    size_t body_len;
};

/* Sends raw bytes (Connection: close is the caller's) and reads all. */
static int raw_exchange(int port, const char *req, size_t req_len, struct reply *out)
{
    memset(out, 0, sizeof(*out));
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        close(fd);
        return -1;
    }
    size_t off = 0;
    while (off < req_len) {
        ssize_t w = send(fd, req + off, req_len - off, MSG_NOSIGNAL);
        if (w <= 0)
            break; /* the server may answer early (413) and close */
        off += (size_t)w;
    }
    struct sb in;
    sb_init(&in, 16 << 20);
    char buf[8192];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof(buf), 0)) > 0)
        sb_add(&in, buf, (size_t)n);
    close(fd);
    char *sep = strstr(in.buf, "\r\n\r\n");
    if (sscanf(in.buf, "HTTP/1.%*d %d", &out->status) != 1 || !sep) {
        sb_release(&in);
        return -1;
    }
    size_t hlen = (size_t)(sep - in.buf);
    snprintf(out->head, sizeof(out->head), "%.*s", (int)hlen, in.buf);
    out->body_len = in.len - hlen - 4;
    out->body = xmemdupz(sep + 4, out->body_len);
    sb_release(&in);
    return 0;
}

static int exchange(int port, const char *method, const char *path, const char *extra_headers,
                    const char *body, struct reply *out)
{
    struct sb r;
    sb_init(&r, 0);
    sb_addf(&r, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n%s", method, path,
            port, extra_headers ? extra_headers : "");
    if (body)
        sb_addf(&r, "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s", strlen(body),
                body);
    else
        sb_adds(&r, "\r\n");
    int rc = raw_exchange(port, r.buf, r.len, out);
    sb_release(&r);
    return rc;
}

static void reply_release(struct reply *r)
{
    free(r->body);
    r->body = NULL;
}

static int setup(void **state)
{
    struct srv *s = calloc(1, sizeof(*s));
    s->fx = fx_new(false);
    struct http_config cfg = {0};
    cfg.bind = "127.0.0.1";
    cfg.port = 0;
    cfg.n_threads = 4;
    struct err e;
    if (http_server_start(&s->server, s->fx->app, &cfg, &e) != ERR_OK)
        fail_msg("server: %s", e.msg);
    s->port = http_server_port(s->server);
    assert_true(s->port > 0);
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    struct srv *s = *state;
    http_server_stop(s->server);
    fx_free(s->fx);
    free(s);
    return 0;
}

static void test_basic_and_headers(void **state)
{
    struct srv *s = *state;
    struct reply r;
    assert_int_equal(exchange(s->port, "GET", "/api/v1/health", NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "{\"status\":\"ok\"}");
    assert_non_null(strstr(r.head, "Content-Security-Policy: default-src 'self'"));
    assert_non_null(strstr(r.head, "X-Content-Type-Options: nosniff"));
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/api/v1/openapi.json", NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"/api/v1/flows/{id}\""));
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/api/v1/flows?page=1", NULL, NULL, &r), 0);
    assert_int_equal(r.status, 401);
    assert_non_null(strstr(r.body, "\"code\":\"unauthorized\""));
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/../../etc/passwd", NULL, NULL, &r), 0);
    assert_true(r.status == 403 || r.status == 404 || r.status == 400);
    assert_null(strstr(r.body, "root:"));
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/%2e%2e/%2e%2e/etc/passwd", NULL, NULL, &r), 0);
    assert_true(r.status == 403 || r.status == 404);
    reply_release(&r);
    /* a garbage request line gets a clean error, and the server lives on */
    const char *junk = "\x01\x02 nonsense\r\n\r\n";
    raw_exchange(s->port, junk, strlen(junk), &r);
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/api/v1/health", NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    reply_release(&r);
}

static void test_login_over_http(void **state)
{
    struct srv *s = *state;
    struct reply r;
    assert_int_equal(exchange(s->port, "POST", "/api/v1/auth/login", NULL,
                              "{\"email\":\"fac1@test.fr\",\"password\":\"" FX_PASSWORD "\"}", &r),
                     0);
    assert_int_equal(r.status, 200);
    char *c = strstr(r.head, "Set-Cookie: symbiose_session=");
    assert_non_null(c);
    char cookie[160];
    snprintf(cookie, sizeof(cookie), "%.81s", c + 12); /* name=64 hex */
    json_t *j = json_loads(r.body, 0, NULL);
    char hdr[400];
    snprintf(hdr, sizeof(hdr), "Cookie: %s\r\nX-CSRF-Token: %s\r\n", cookie,
             json_string_value(json_object_get(j, "csrf_token")));
    json_decref(j);
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/api/v1/flows", hdr, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "secret-alpha"));
    assert_null(strstr(r.body, "secret-gamma"));
    reply_release(&r);
    /* HTML in a text field goes back JSON-escaped as typed */
    char path[64];
    snprintf(path, sizeof(path), "/api/v1/flows/%lld", (long long)s->fx->flow_a);
    assert_int_equal(exchange(s->port, "PATCH", path, hdr,
                              "{\"description\":\"<img src=x onerror=alert(1)>\"}", &r),
                     0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "<img src=x onerror=alert(1)>"));
    assert_non_null(strstr(r.head, "Content-Type: application/json"));
    reply_release(&r);
    assert_int_equal(exchange(s->port, "POST", "/api/v1/auth/logout", hdr, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    reply_release(&r);
    assert_int_equal(exchange(s->port, "GET", "/api/v1/flows", hdr, NULL, &r), 0);
    assert_int_equal(r.status, 401);
    reply_release(&r);
}

static void test_body_limit(void **state)
{
    struct srv *s = *state;
    /* announced too large: refused without reading it all */
    const char *req = "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Connection: close\r\nContent-Type: application/json\r\n"
                      "Content-Length: 100000000\r\n\r\n{";
    struct reply r;
    assert_int_equal(raw_exchange(s->port, req, strlen(req), &r), 0);
    assert_int_equal(r.status, 413);
    reply_release(&r);
    /* sent too large (chunked, no length): 413 as well */
    struct sb big;
    sb_init(&big, 0);
    sb_adds(&big, "POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                  "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 80; i++) {
        sb_addf(&big, "400\r\n");
        for (int k = 0; k < 1024; k++)
            sb_addc(&big, ' ');
        sb_adds(&big, "\r\n");
    }
    sb_adds(&big, "0\r\n\r\n");
    assert_int_equal(raw_exchange(s->port, big.buf, big.len, &r), 0);
    assert_int_equal(r.status, 413);
    reply_release(&r);
    sb_release(&big);
}

struct worker {
    int port;
    int n_ok;
};

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 25; i++) {
        struct reply r;
        const char *path = (i % 2) ? "/api/v1/health" : "/api/v1/ref/waste?q=carton";
        if (exchange(w->port, "GET", path, NULL, NULL, &r) == 0 &&
            (r.status == 200 || r.status == 401))
            w->n_ok++;
        reply_release(&r);
    }
    return NULL;
}

static void test_concurrent_clients(void **state)
{
    struct srv *s = *state;
    pthread_t th[8];
    struct worker w[8];
    for (int i = 0; i < 8; i++) {
        w[i] = (struct worker){s->port, 0};
        pthread_create(&th[i], NULL, worker_run, &w[i]);
    }
    int total = 0;
    for (int i = 0; i < 8; i++) {
        pthread_join(th[i], NULL);
        total += w[i].n_ok;
    }
    assert_int_equal(total, 8 * 25);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_basic_and_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_over_http, setup, teardown),
        cmocka_unit_test_setup_teardown(test_body_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_clients, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
