/* SPDX-License-Identifier: MIT */
/*
 * http_guard_test.c - the guards around accounts and sessions, through
 * the whole app (fake requests) and the real server on 127.0.0.1:
 * login timing that does not tell which emails exist, failed logins that
 * slow an address down without locking the owner out, the idle timeout
 * of sessions, uploads refused from their headers and spooled to disk,
 * the user's own password change and the regional admin's management of
 * accounts (audited, disabled accounts logged out).
 */
#include "http_client.h"

#include <dirent.h>
#include <sys/stat.h>
#include <time.h>

static int setup(void **state)
{
    *state = fx_new(true);
    return 0;
}

static int setup_nologin(void **state)
{
    *state = fx_new(false);
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* One login from addr; returns its status and (if ms) its duration. */
static int login_from(struct fx *fx, const char *addr, const char *email, const char *password,
                      double *ms)
{
    char body[256];
    snprintf(body, sizeof(body), "{\"email\":\"%s\",\"password\":\"%s\"}", email, password);
    struct http_fake_request rq;
    memset(&rq, 0, sizeof(rq));
    rq.method = "POST";
    rq.path = "/api/v1/auth/login";
    rq.body = body;
    rq.body_len = strlen(body);
    rq.remote_addr = addr;
    rq.headers[rq.n_headers++] = (struct http_header){"Content-Type", "application/json"};
    struct http_fake_response r;
    double t0 = now_ms();
    http_app_handle(fx->app, &rq, &r);
    if (ms)
        *ms = now_ms() - t0;
    int status = r.status;
    http_fake_response_release(&r);
    return status;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Finding 11: an unknown email costs the same argon2id work as a known
 * one with a wrong password (before: ~1 ms against hundreds). */
static void test_login_timing(void **state)
{
    struct fx *fx = *state;
    double known[5], unknown[5];
    char addr[32];
    for (int i = 0; i < 5; i++) {
        snprintf(addr, sizeof(addr), "10.11.0.%d", i + 1);
        assert_int_equal(login_from(fx, addr, "memb@test.fr", "wrong-password", &known[i]), 401);
        snprintf(addr, sizeof(addr), "10.12.0.%d", i + 1);
        assert_int_equal(login_from(fx, addr, "nobody@test.fr", "wrong-password", &unknown[i]),
                         401);
    }
    qsort(known, 5, sizeof(double), cmp_double);
    qsort(unknown, 5, sizeof(double), cmp_double);
    print_message("login median: known email %.1f ms, unknown email %.1f ms\n", known[2],
                  unknown[2]);
    if (unknown[2] < known[2] * 0.5)
        fail_msg("unknown email answers in %.1f ms, known in %.1f ms", unknown[2], known[2]);
}

/* Finding 16: failures from other addresses never lock the owner out. */
static void test_owner_not_locked(void **state)
{
    struct fx *fx = *state;
    char addr[32];
    for (int i = 0; i < 8; i++) {
        snprintf(addr, sizeof(addr), "10.21.0.%d", i + 1);
        assert_int_equal(login_from(fx, addr, "memb@test.fr", "wrong-password", NULL), 401);
    }
    assert_int_equal(login_from(fx, "10.22.0.1", "memb@test.fr", FX_PASSWORD, NULL), 200);
}

/* Finding 16: one address failing on one account is slowed down, with a
 * Retry-After; the owner elsewhere is not. */
static void test_pair_slowed(void **state)
{
    struct fx *fx = *state;
    int n_429 = 0;
    for (int i = 0; i < 8; i++) {
        int st = login_from(fx, "10.23.0.1", "mema@test.fr", "wrong-password", NULL);
        assert_true(st == 401 || st == 429);
        n_429 += st == 429;
    }
    /* after 3 failures every try waits 1, 2, 4... s: most of these came too soon */
    assert_true(n_429 >= 3);
    assert_int_equal(login_from(fx, "10.23.0.1", "mema@test.fr", FX_PASSWORD, NULL), 429);
    assert_int_equal(login_from(fx, "10.24.0.1", "mema@test.fr", FX_PASSWORD, NULL), 200);
}

/* Finding 16: one address spraying many accounts hits its own budget. */
static void test_address_budget(void **state)
{
    struct fx *fx = *state;
    char email[64];
    for (int i = 0; i < 30; i++) {
        snprintf(email, sizeof(email), "x%d@test.fr", i);
        assert_int_equal(login_from(fx, "10.9.9.9", email, "w-wrong-pw", NULL), 401);
    }
    assert_int_equal(login_from(fx, "10.9.9.9", "x99@test.fr", "w-wrong-pw", NULL), 429);
    assert_int_equal(login_from(fx, "10.9.9.10", "memc@test.fr", FX_PASSWORD, NULL), 200);
}

/* Finding 16: X-Forwarded-For counts only from the trusted proxy. */
static void test_forwarded_for(void **state)
{
    struct fx *fx = *state;
    fx->app->trusted_proxy = xstrdup("10.0.0.254");
    struct http_fake_request rq;
    struct http_fake_response r;
    const char *body = "{\"email\":\"memb@test.fr\",\"password\":\"wrong-password\"}";
    const struct {
        const char *peer, *xff, *counted; /* the address the failure is charged to */
    } cases[] = {
        {"10.0.0.254", "192.0.2.7", "192.0.2.7"},
        {"10.0.0.254", "203.0.113.9, 192.0.2.8", "192.0.2.8"},
        {"10.0.0.254", "not-an-address", "10.0.0.254"},
        {"10.0.0.77", "192.0.2.9", "10.0.0.77"}, /* not the proxy: the header is ignored */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        memset(&rq, 0, sizeof(rq));
        rq.method = "POST";
        rq.path = "/api/v1/auth/login";
        rq.body = body;
        rq.body_len = strlen(body);
        rq.remote_addr = cases[i].peer;
        rq.headers[rq.n_headers++] = (struct http_header){"Content-Type", "application/json"};
        rq.headers[rq.n_headers++] = (struct http_header){"X-Forwarded-For", cases[i].xff};
        http_app_handle(fx->app, &rq, &r);
        assert_int_equal(r.status, 401);
        http_fake_response_release(&r);
        char key[96];
        snprintf(key, sizeof(key), "addr:%s", cases[i].counted);
        if (!http_ratelimit_blocked(fx->app->rl, key, (int64_t)time(NULL), 1, 60))
            fail_msg("case %zu: failure not charged to %s", i, cases[i].counted);
    }
    assert_false(http_ratelimit_blocked(fx->app->rl, "addr:192.0.2.9", (int64_t)time(NULL), 1, 60));
}

/* Finding 12: a session unused for longer than the idle timeout ends;
 * one in use slides. */
static void test_idle_timeout(void **state)
{
    struct fx *fx = *state;
    json_t *j = fx_json(fx, "GET", "/api/v1/auth/me", FX_MEM_A, NULL, 200);
    json_decref(j);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(fx->db_path, &db), SQLITE_OK);
    /* mema's session last used 10 min ago: alive, and its use is recorded */
    char sql[256];
    long long now = (long long)time(NULL);
    snprintf(sql, sizeof(sql),
             "UPDATE sessions SET last_seen_at = %lld WHERE account_id ="
             " (SELECT id FROM accounts WHERE email = 'mema@test.fr')",
             now - 600);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    j = fx_json(fx, "GET", "/api/v1/auth/me", FX_MEM_A, NULL, 200);
    json_decref(j);
    assert_true(fx_sql_int(fx, "SELECT max(last_seen_at) FROM sessions s JOIN accounts a ON"
                               " a.id = s.account_id WHERE a.email = 'mema@test.fr'") >= now - 5);
    /* memb's session unused for 31 min: gone, though its 8 h are not over */
    snprintf(sql, sizeof(sql),
             "UPDATE sessions SET last_seen_at = %lld WHERE account_id ="
             " (SELECT id FROM accounts WHERE email = 'memb@test.fr')",
             now - 31 * 60);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    j = fx_json(fx, "GET", "/api/v1/auth/me", FX_MEM_B, NULL, 401);
    json_decref(j);
}

/* Finding 17: one's own password, with the current one. */
static void test_password_change(void **state)
{
    struct fx *fx = *state;
    json_t *j =
        fx_json(fx, "POST", "/api/v1/auth/password", FX_MEM_A,
                "{\"current_password\":\"not-it-at-all\",\"new_password\":\"nouveau-mdp-1\"}", 403);
    json_decref(j);
    j = fx_json(fx, "POST", "/api/v1/auth/password", FX_MEM_A,
                "{\"current_password\":\"" FX_PASSWORD "\",\"new_password\":\"court\"}", 422);
    json_decref(j);
    /* a second session of the same account ends with the change */
    char other_cookie[128], other_csrf[HTTP_TOKEN_HEX];
    memcpy(other_cookie, fx->cookie[FX_MEM_A], sizeof(other_cookie));
    memcpy(other_csrf, fx->csrf[FX_MEM_A], sizeof(other_csrf));
    fx_login(fx, FX_MEM_A);
    j = fx_json(fx, "POST", "/api/v1/auth/password", FX_MEM_A,
                "{\"current_password\":\"" FX_PASSWORD "\",\"new_password\":\"nouveau-mdp-1\"}",
                200);
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/auth/me", FX_MEM_A, NULL, 200);
    json_decref(j);
    struct http_fake_response r;
    fx_req(fx, &r, "GET", "/api/v1/auth/me", -1, NULL, "Cookie", other_cookie, NULL);
    assert_int_equal(r.status, 401);
    http_fake_response_release(&r);
    assert_int_equal(login_from(fx, "10.31.0.1", "mema@test.fr", FX_PASSWORD, NULL), 401);
    assert_int_equal(login_from(fx, "10.31.0.2", "mema@test.fr", "nouveau-mdp-1", NULL), 200);
    assert_int_equal(
        fx_sql_int(fx, "SELECT count(*) FROM audit_log WHERE action = 'password_change'"), 1);
    /* the hash never reaches the audit log */
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM audit_log WHERE before_json LIKE"
                                    " '%argon2%' OR after_json LIKE '%argon2%'"),
                     0);
}

/* Finding 17: the regional admin manages accounts; nobody else may. */
static void test_accounts_admin(void **state)
{
    struct fx *fx = *state;
    json_t *j = fx_json(fx, "GET", "/api/v1/accounts", FX_FAC1, NULL, 403);
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/accounts?per_page=200", FX_ADMIN, NULL, 200);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), FX_N);
    int64_t id_b = 0, id_admin = 0, id_obs = 0;
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(j, "items"), i, a)
    {
        const char *em = json_string_value(json_object_get(a, "email"));
        int64_t id = json_integer_value(json_object_get(a, "id"));
        if (!strcmp(em, "memb@test.fr"))
            id_b = id;
        if (!strcmp(em, "admin@test.fr"))
            id_admin = id;
        if (!strcmp(em, "obs@test.fr"))
            id_obs = id;
        assert_null(json_object_get(a, "password_hash"));
    }
    json_decref(j);
    char path[96], body[160];
    /* the member's calendar feed link, which works without a session */
    j = fx_json(fx, "POST", "/api/v1/calendar/token", FX_MEM_B, NULL, 201);
    char feed[160];
    snprintf(feed, sizeof(feed), "%s", json_string_value(json_object_get(j, "url")));
    json_decref(j);
    struct http_fake_response fr;
    fx_req(fx, &fr, "GET", feed, -1, NULL, NULL);
    assert_int_equal(fr.status, 200);
    http_fake_response_release(&fr);
    /* disable: the member's session ends and the right password is refused */
    snprintf(path, sizeof(path), "/api/v1/accounts/%lld", (long long)id_b);
    j = fx_json(fx, "PATCH", path, FX_MEM_A, "{\"disabled\":true}", 403);
    json_decref(j);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"disabled\":true}", 200);
    assert_true(json_is_true(json_object_get(j, "disabled")));
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/auth/me", FX_MEM_B, NULL, 401);
    json_decref(j);
    assert_int_equal(login_from(fx, "10.41.0.1", "memb@test.fr", FX_PASSWORD, NULL), 401);
    /* nor does its calendar feed answer any more */
    fx_req(fx, &fr, "GET", feed, -1, NULL, NULL);
    assert_int_equal(fr.status, 401);
    http_fake_response_release(&fr);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"disabled\":false}", 200);
    json_decref(j);
    assert_int_equal(login_from(fx, "10.41.0.2", "memb@test.fr", FX_PASSWORD, NULL), 200);
    /* change role and scope: the observer becomes a facilitator of territory 2 */
    snprintf(path, sizeof(path), "/api/v1/accounts/%lld", (long long)id_obs);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"role\":\"facilitator\"}", 422);
    json_decref(j);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"role\":\"facilitator\",\"territory_ids\":[999]}",
                422);
    json_decref(j);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"role\":\"facilitator\",\"territory_ids\":\"2\"}",
                400);
    json_decref(j);
    snprintf(body, sizeof(body), "{\"role\":\"facilitator\",\"territory_ids\":[%lld]}",
             (long long)fx->terr[2]);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, body, 200);
    assert_string_equal(json_string_value(json_object_get(j, "role")), "facilitator");
    assert_int_equal(json_integer_value(json_array_get(json_object_get(j, "territory_ids"), 0)),
                     fx->terr[2]);
    json_decref(j);
    /* the observer's open session now acts as the facilitator of territory 2 */
    j = fx_json(fx, "GET", "/api/v1/auth/me", FX_OBS, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "role")), "facilitator");
    json_decref(j);
    /* the audit log has the account before and after */
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM audit_log WHERE entity = 'account' AND"
                                    " action = 'update' AND before_json LIKE '%\"observer\"%' AND"
                                    " after_json LIKE '%\"facilitator\"%'"),
                     1);
    /* a collector's structure stays with its account; an observer has none */
    int64_t id_coll = fx_sql_int(fx, "SELECT id FROM accounts WHERE email = 'coll@test.fr'");
    snprintf(path, sizeof(path), "/api/v1/accounts/%lld", (long long)id_coll);
    snprintf(body, sizeof(body), "{\"organisation_id\":%lld}", (long long)fx->org_c);
    /* the admin reads that company anonymised: the answer does not name it
     * (docs/confidentiality.md), the account holds it */
    char sql[160];
    snprintf(sql, sizeof(sql), "SELECT organisation_id FROM accounts WHERE id = %lld",
             (long long)id_coll);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, body, 200);
    assert_true(json_is_null(json_object_get(j, "organisation_id")));
    assert_true(json_is_true(json_object_get(j, "organisation_hidden")));
    json_decref(j);
    assert_int_equal(fx_sql_int(fx, sql), fx->org_c);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"disabled\":false}", 200);
    assert_true(json_is_true(json_object_get(j, "organisation_hidden")));
    json_decref(j);
    assert_int_equal(fx_sql_int(fx, sql), fx->org_c);
    snprintf(body, sizeof(body), "{\"role\":\"observer\",\"organisation_id\":%lld}",
             (long long)fx->org_c);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, body, 422);
    json_decref(j);
    /* the admin cannot lock the region out */
    snprintf(path, sizeof(path), "/api/v1/accounts/%lld", (long long)id_admin);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"disabled\":true}", 409);
    json_decref(j);
    j = fx_json(fx, "PATCH", path, FX_ADMIN, "{\"role\":\"observer\"}", 409);
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/accounts/999999", FX_ADMIN, NULL, 404);
    json_decref(j);
    /* a new password set by the admin: old sessions end, the new one works */
    snprintf(path, sizeof(path), "/api/v1/accounts/%lld/password", (long long)id_b);
    fx_login(fx, FX_MEM_B);
    j = fx_json(fx, "POST", path, FX_ADMIN, "{\"new_password\":\"x\"}", 422);
    json_decref(j);
    j = fx_json(fx, "POST", path, FX_ADMIN, "{\"new_password\":\"remis-a-zero-1\"}", 200);
    json_decref(j);
    j = fx_json(fx, "GET", "/api/v1/auth/me", FX_MEM_B, NULL, 401);
    json_decref(j);
    assert_int_equal(login_from(fx, "10.41.0.3", "memb@test.fr", "remis-a-zero-1", NULL), 200);
    assert_int_equal(
        fx_sql_int(fx, "SELECT count(*) FROM audit_log WHERE action = 'password_reset'"), 1);
    /* described in the OpenAPI from the route table */
    j = fx_json(fx, "GET", "/api/v1/openapi.json", -1, NULL, 200);
    json_t *paths = json_object_get(j, "paths");
    assert_non_null(json_object_get(json_object_get(paths, "/api/v1/accounts/{id}"), "patch"));
    assert_non_null(json_object_get(json_object_get(paths, "/api/v1/auth/password"), "post"));
    json_decref(j);
}

/* ------------------------------------------------ the real server */

struct srv {
    struct fx *fx;
    struct http_server *server;
    int port;
};

static int srv_setup(void **state)
{
    struct srv *s = calloc(1, sizeof(*s));
    s->fx = fx_new(true);
    struct http_config cfg = {0};
    cfg.bind = "127.0.0.1";
    cfg.n_threads = 2;
    struct err e;
    if (http_server_start(&s->server, s->fx->app, &cfg, &e) != ERR_OK)
        fail_msg("server: %s", e.msg);
    s->port = http_server_port(s->server);
    *state = s;
    return 0;
}

static int srv_teardown(void **state)
{
    struct srv *s = *state;
    http_server_stop(s->server);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s.files'", s->fx->db_path);
    if (system(cmd) != 0)
        print_message("cannot remove %s.files\n", s->fx->db_path);
    fx_free(s->fx);
    free(s);
    return 0;
}

/* Sends only the headers of a request announcing a big body; returns the
 * status of the answer, which must come without the body (-1 if none
 * came within 5 s). */
static int headers_only(int port, const char *path, const char *extra)
{
    char req[1024];
    snprintf(req, sizeof(req),
             "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/pdf\r\n"
             "Content-Length: 19922944\r\n%s\r\n",
             path, port, extra);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct timeval tv = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    struct sockaddr_in sa = {0};
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int status = -1;
    char buf[4096];
    if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
        send(fd, req, strlen(req), MSG_NOSIGNAL) == (ssize_t)strlen(req)) {
        ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
        if (n > 0) {
            buf[n] = '\0';
            if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1)
                status = -1;
        }
    }
    close(fd);
    return status;
}

static size_t dir_count(const char *path)
{
    DIR *d = opendir(path);
    size_t n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += de->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

/* Finding 7: the upload route decides from the headers, before the body. */
static void test_upload_refused_from_headers(void **state)
{
    struct srv *s = *state;
    struct fx *fx = s->fx;
    assert_int_equal(headers_only(s->port, "/api/v1/resources?title=x", ""), 401);
    char extra[512];
    snprintf(extra, sizeof(extra), "Cookie: %s\r\n", fx->cookie[FX_FAC1]);
    assert_int_equal(headers_only(s->port, "/api/v1/resources?title=x", extra), 403);
    snprintf(extra, sizeof(extra), "Cookie: %s\r\nX-CSRF-Token: %s\r\nOrigin: http://evil.test\r\n",
             fx->cookie[FX_FAC1], fx->csrf[FX_FAC1]);
    assert_int_equal(headers_only(s->port, "/api/v1/resources?title=x", extra), 403);
    /* any write without a session, not just uploads */
    assert_int_equal(headers_only(s->port, "/api/v1/flows", ""), 401);
    assert_int_equal(headers_only(s->port, "/api/v1/no-such-thing", ""), 404);
    /* a public route takes no big body */
    assert_int_equal(headers_only(s->port, "/api/v1/auth/login", ""), 413);
    struct reply r;
    assert_int_equal(exchange(s->port, "GET", "/api/v1/health", NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    reply_release(&r);
}

/* Finding 7: an accepted upload is spooled to disk, then linked into the
 * library; the spool is left empty. */
static void test_upload_spooled(void **state)
{
    struct srv *s = *state;
    struct fx *fx = s->fx;
    struct sb req;
    sb_init(&req, 0);
    size_t len = 3u << 20;
    sb_addf(&req,
            "POST /api/v1/resources?title=Guide&filename=guide.txt HTTP/1.1\r\nHost: "
            "127.0.0.1:%d\r\nConnection: close\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
            "Content-Type: text/plain\r\nContent-Length: %zu\r\n\r\n",
            s->port, fx->cookie[FX_FAC1], fx->csrf[FX_FAC1], len);
    for (size_t i = 0; i < len; i++)
        sb_addc(&req, i % 64 == 63 ? '\n' : 'a');
    struct reply r;
    assert_int_equal(raw_exchange(s->port, req.buf, req.len, &r), 0);
    if (r.status != 201)
        fail_msg("upload: %d %s", r.status, r.body);
    json_t *j = json_loads(r.body, 0, NULL);
    assert_int_equal(json_integer_value(json_object_get(j, "size_bytes")), (json_int_t)len);
    json_decref(j);
    reply_release(&r);
    sb_release(&req);
    char dir[256];
    snprintf(dir, sizeof(dir), "%s.files/spool", fx->db_path);
    assert_int_equal(dir_count(dir), 0);
    snprintf(dir, sizeof(dir), "%s.files", fx->db_path);
    assert_int_equal(dir_count(dir), 2); /* the stored file and the spool folder */
    /* refused content: nothing stays behind */
    sb_init(&req, 0);
    sb_addf(&req,
            "POST /api/v1/resources?title=Bin HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: "
            "close\r\nCookie: %s\r\nX-CSRF-Token: %s\r\nContent-Length: 4\r\n\r\nMZ\x90\x01",
            s->port, fx->cookie[FX_FAC1], fx->csrf[FX_FAC1]);
    assert_int_equal(raw_exchange(s->port, req.buf, req.len, &r), 0);
    assert_true(r.status == 400 || r.status == 422);
    reply_release(&r);
    sb_release(&req);
    snprintf(dir, sizeof(dir), "%s.files/spool", fx->db_path);
    assert_int_equal(dir_count(dir), 0);
    snprintf(dir, sizeof(dir), "%s.files", fx->db_path);
    assert_int_equal(dir_count(dir), 2);
}

/* Uploads left in the spool by a server that stopped are swept at start;
 * recent ones (another server's, in flight) stay. */
static void test_spool_sweep(void **state)
{
    struct fx *fx = *state;
    char dir[256], old_f[300], new_f[300];
    snprintf(dir, sizeof(dir), "%s.files", fx->db_path);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof(dir), "%s.files/spool", fx->db_path);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(old_f, sizeof(old_f), "%s/upload-old", dir);
    snprintf(new_f, sizeof(new_f), "%s/upload-new", dir);
    FILE *f = fopen(old_f, "w");
    fputs("x", f);
    fclose(f);
    f = fopen(new_f, "w");
    fputs("y", f);
    fclose(f);
    struct timeval tv[2] = {{time(NULL) - 7200, 0}, {time(NULL) - 7200, 0}};
    assert_int_equal(utimes(old_f, tv), 0);
    struct http_config cfg = {0};
    cfg.db_path = fx->db_path;
    struct http_app *app = NULL;
    struct err e;
    assert_int_equal(http_app_new(&app, &cfg, &e), ERR_OK);
    http_app_free(app);
    assert_int_not_equal(access(old_f, F_OK), 0);
    assert_int_equal(access(new_f, F_OK), 0);
    unlink(new_f);
    rmdir(dir);
    snprintf(dir, sizeof(dir), "%s.files", fx->db_path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_login_timing, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_owner_not_locked, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_pair_slowed, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_address_budget, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_forwarded_for, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_idle_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_password_change, setup, teardown),
        cmocka_unit_test_setup_teardown(test_accounts_admin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upload_refused_from_headers, srv_setup, srv_teardown),
        cmocka_unit_test_setup_teardown(test_upload_spooled, srv_setup, srv_teardown),
        cmocka_unit_test_setup_teardown(test_spool_sweep, setup_nologin, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
