/* SPDX-License-Identifier: MIT */
/*
 * http_limits_test.c - the pure parts of the server's guards, as tables:
 * the progressive delays of failed logins, the client address behind a
 * trusted proxy (X-Forwarded-For is outside input), and when the session
 * cookie is Secure.
 */
#include "http/http_int.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

static void test_delay_schedule(void **state)
{
    (void)state;
    static const struct {
        int n_failures;
        int64_t delay_s;
    } cases[] = {
        {0, 0},    {1, 0},    {2, 0},    {3, 1},    {4, 2},      {5, 4},  {8, 32},
        {12, 512}, {13, 900}, {14, 900}, {40, 900}, {1000, 900}, {-1, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (http_login_delay_s(cases[i].n_failures) != cases[i].delay_s)
            fail_msg("%d failures: %lld s, expected %lld", cases[i].n_failures,
                     (long long)http_login_delay_s(cases[i].n_failures),
                     (long long)cases[i].delay_s);
    }
}

static void test_wait_progressive(void **state)
{
    (void)state;
    struct http_ratelimit *rl = http_ratelimit_new();
    const char *k = "pair:a@b.fr|192.0.2.1";
    assert_int_equal(http_ratelimit_wait(rl, k, 1000), 0);
    http_ratelimit_hit(rl, k, 1000);
    http_ratelimit_hit(rl, k, 1000);
    assert_int_equal(http_ratelimit_wait(rl, k, 1000), 0); /* two failures are free */
    http_ratelimit_hit(rl, k, 1000);
    assert_int_equal(http_ratelimit_wait(rl, k, 1000), 1);
    assert_int_equal(http_ratelimit_wait(rl, k, 1001), 0);
    http_ratelimit_hit(rl, k, 1001);
    http_ratelimit_hit(rl, k, 1003);
    assert_int_equal(http_ratelimit_wait(rl, k, 1003), 4); /* 5 failures: 4 s after the last */
    assert_int_equal(http_ratelimit_wait(rl, k, 1006), 1);
    assert_int_equal(http_ratelimit_wait(rl, k, 1007), 0);
    /* another pair (the owner elsewhere) is not concerned */
    assert_int_equal(http_ratelimit_wait(rl, "pair:a@b.fr|192.0.2.2", 1003), 0);
    /* failures older than the forgetting window no longer count */
    assert_int_equal(http_ratelimit_wait(rl, k, 1003 + HTTP_LOGIN_FORGET_S), 0);
    for (int i = 0; i < 40; i++)
        http_ratelimit_hit(rl, k, 5000);
    assert_int_equal(http_ratelimit_wait(rl, k, 5000), HTTP_LOGIN_MAX_DELAY_S);
    http_ratelimit_clear(rl, k);
    assert_int_equal(http_ratelimit_wait(rl, k, 5000), 0);
    http_ratelimit_free(rl);
}

static void test_client_addr(void **state)
{
    (void)state;
    static const struct {
        const char *peer, *xff, *trusted, *want;
    } cases[] = {
        {"10.0.0.1", NULL, NULL, "10.0.0.1"},
        {"10.0.0.1", "192.0.2.1", NULL, "10.0.0.1"},        /* no proxy configured */
        {"10.0.0.1", "192.0.2.1", "10.0.0.2", "10.0.0.1"},  /* not from the proxy */
        {"10.0.0.2", "192.0.2.1", "10.0.0.2", "192.0.2.1"}, /* from the proxy */
        {"10.0.0.2", " 192.0.2.1 ", "10.0.0.2", "192.0.2.1"},
        {"10.0.0.2", "1.1.1.1, 192.0.2.1", "10.0.0.2", "192.0.2.1"}, /* last one only */
        {"10.0.0.2", "192.0.2.1,", "10.0.0.2", "10.0.0.2"},          /* empty last element */
        {"10.0.0.2", "", "10.0.0.2", "10.0.0.2"},
        {"10.0.0.2", "unknown", "10.0.0.2", "10.0.0.2"},
        {"10.0.0.2", "192.0.2.300", "10.0.0.2", "10.0.0.2"},
        {"10.0.0.2", "192.0.2.1:8080", "10.0.0.2", "10.0.0.2"},
        {"10.0.0.2", "2001:DB8::1", "10.0.0.2", "2001:db8::1"}, /* canonical form */
        {"10.0.0.2", "[2001:db8::1]", "10.0.0.2", "10.0.0.2"},
        {"10.0.0.2", "192.0.2.1\t", "10.0.0.2", "192.0.2.1"},
        {"10.0.0.2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "10.0.0.2",
         "10.0.0.2"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[HTTP_ADDR_MAX];
        http_client_addr(cases[i].peer, cases[i].xff, cases[i].trusted, out, sizeof(out));
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("case %zu (xff '%s'): '%s', expected '%s'", i,
                     cases[i].xff ? cases[i].xff : "(none)", out, cases[i].want);
    }
}

static void test_addr_canonical(void **state)
{
    (void)state;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"127.0.0.1", "127.0.0.1"},
        {"::1", "::1"},
        {"::FFFF:10.0.0.1", "::ffff:10.0.0.1"},
        {"localhost", ""},
        {"10.0.0", ""},
        {" 10.0.0.1", ""},
        {"", ""},
        {"10.0.0.1/8", ""},
        {"01.2.3.4", ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[HTTP_ADDR_MAX];
        http_addr_canonical(cases[i].in, strlen(cases[i].in), out, sizeof(out));
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("'%s': '%s', expected '%s'", cases[i].in, out, cases[i].want);
    }
    char small[4];
    http_addr_canonical("10.0.0.1", 8, small, sizeof(small));
    assert_string_equal(small, "");
    /* an address that does not fit is never cut: nothing rather than a prefix */
    char eight[8];
    http_client_addr("10.0.0.2", "2001:db8::1", "10.0.0.2", eight, sizeof(eight));
    assert_string_equal(eight, "");
    http_client_addr("10.0.0.2", "1.2.3.4", "10.0.0.2", eight, sizeof(eight));
    assert_string_equal(eight, "1.2.3.4");
}

static void test_cookie_secure(void **state)
{
    (void)state;
    static const struct {
        const char *bind;
        bool is_behind_tls, want;
    } cases[] = {
        {NULL, false, false},        {"127.0.0.1", false, false}, {"127.0.0.2", false, false},
        {"localhost", false, false}, {"0.0.0.0", false, true},    {"192.168.1.10", false, true},
        {"127.0.0.1", true, true},   {"0.0.0.0", true, true},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        if (http_cookie_is_secure(cases[i].bind, cases[i].is_behind_tls) != cases[i].want)
            fail_msg("bind %s, behind TLS %d: expected Secure %d",
                     cases[i].bind ? cases[i].bind : "(default)", cases[i].is_behind_tls,
                     cases[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_delay_schedule), cmocka_unit_test(test_wait_progressive),
        cmocka_unit_test(test_client_addr),    cmocka_unit_test(test_addr_canonical),
        cmocka_unit_test(test_cookie_secure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
