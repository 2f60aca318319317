/* SPDX-License-Identifier: MIT */
/* network_time_test.c - Europe/Paris time: DST gaps and folds, parsing, formatting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "network/network.h"

/* 2026-03-29 01:00 UTC: summer time starts; 2026-10-25 01:00 UTC: it ends. */
#define T_2026_03_29_0100Z 1774746000LL
#define T_2026_10_25_0100Z 1792890000LL

static void test_offset(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        int64_t t;
        int want;
    } cases[] = {
        {"winter", 1767225600LL /* 2026-01-01 */, 3600},
        {"just before spring change", T_2026_03_29_0100Z - 1, 3600},
        {"spring change", T_2026_03_29_0100Z, 7200},
        {"summer", 1782864000LL /* 2026-07-01 */, 7200},
        {"just before autumn change", T_2026_10_25_0100Z - 1, 7200},
        {"autumn change", T_2026_10_25_0100Z, 3600},
        {"leap year 2024 change", 1711846800LL /* 2024-03-31 01:00Z */, 7200},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int got = network_paris_offset_s(cases[i].t);
        if (got != cases[i].want)
            fail_msg("case %s: got %d want %d", cases[i].name, got, cases[i].want);
    }
}

static void test_parse(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *in;
        int want;
        int64_t utc;
        const char *msg_part; /* expected in the French message */
    } cases[] = {
        {"winter local", "2026-01-15T10:00", ERR_OK, 1768467600LL, NULL},
        {"space separator", "2026-01-15 10:00", ERR_OK, 1768467600LL, NULL},
        {"seconds", "2026-01-15T10:00:30", ERR_OK, 1768467630LL, NULL},
        {"summer local", "2026-07-01T12:00", ERR_OK, 1782900000LL, NULL},
        {"utc", "2026-07-01T12:00Z", ERR_OK, 1782907200LL, NULL},
        {"offset", "2026-07-01T14:00+02:00", ERR_OK, 1782907200LL, NULL},
        {"negative offset", "2026-07-01T08:00-04:00", ERR_OK, 1782907200LL, NULL},
        {"before gap", "2026-03-29T01:59", ERR_OK, T_2026_03_29_0100Z - 60, NULL},
        {"gap", "2026-03-29T02:30", ERR_INPUT, 0, "n'existe pas"},
        {"gap start", "2026-03-29T02:00", ERR_INPUT, 0, "n'existe pas"},
        {"after gap", "2026-03-29T03:00", ERR_OK, T_2026_03_29_0100Z, NULL},
        {"fold", "2026-10-25T02:30", ERR_INPUT, 0, "ambiguë"},
        {"fold start", "2026-10-25T02:00", ERR_INPUT, 0, "ambiguë"},
        {"fold first explicit", "2026-10-25T02:30+02:00", ERR_OK, T_2026_10_25_0100Z - 1800, NULL},
        {"fold second explicit", "2026-10-25T02:30+01:00", ERR_OK, T_2026_10_25_0100Z + 1800, NULL},
        {"after fold", "2026-10-25T03:00", ERR_OK, T_2026_10_25_0100Z + 3600, NULL},
        {"feb 29 leap", "2028-02-29T09:00", ERR_OK, 1835424000LL, NULL},
        {"feb 29 not leap", "2026-02-29T09:00", ERR_INPUT, 0, "n'existe pas en 2026-02"},
        {"month 13", "2026-13-01T09:00", ERR_INPUT, 0, "mois invalide"},
        {"hour 24", "2026-01-01T24:00", ERR_INPUT, 0, "heure invalide"},
        {"empty", "", ERR_INPUT, 0, "obligatoires"},
        {"garbage", "demain 10h", ERR_INPUT, 0, "format attendu"},
        {"french order", "15/01/2026 10:00", ERR_INPUT, 0, "format attendu"},
        {"trailing", "2026-01-15T10:00x", ERR_INPUT, 0, "format attendu"},
        {"bad offset", "2026-01-15T10:00+2", ERR_INPUT, 0, "format attendu"},
        {"year 1969", "1969-12-31T23:00", ERR_INPUT, 0, "année"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct err e;
        err_init(&e);
        int64_t t = -1;
        int rc = network_time_parse("starts_at", cases[i].in, &t, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc == ERR_OK && t != cases[i].utc)
            fail_msg("case %s: got %lld want %lld", cases[i].name, (long long)t,
                     (long long)cases[i].utc);
        if (rc != ERR_OK && (!strstr(e.msg, "starts_at") || !strstr(e.msg, cases[i].msg_part)))
            fail_msg("case %s: message '%s' lacks field or '%s'", cases[i].name, e.msg,
                     cases[i].msg_part);
    }
}

static void test_fold_choice(void **state)
{
    (void)state;
    struct network_civil c = {2026, 10, 25, 2, 30, 0};
    static const struct {
        enum network_tz_fold fold;
        int want;
        int64_t utc;
    } cases[] = {
        {NETWORK_TZ_STRICT, ERR_INPUT, 0},
        {NETWORK_TZ_EARLIER, ERR_OK, T_2026_10_25_0100Z - 1800},
        {NETWORK_TZ_LATER, ERR_OK, T_2026_10_25_0100Z + 1800},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t t = 0;
        int rc = network_paris_to_utc("x", &c, cases[i].fold, &t, NULL);
        if (rc != cases[i].want || (rc == ERR_OK && t != cases[i].utc))
            fail_msg("fold %d: rc %d t %lld", (int)cases[i].fold, rc, (long long)t);
    }
}

static void test_format(void **state)
{
    (void)state;
    static const struct {
        int64_t t;
        const char *iso;
        const char *fr;
    } cases[] = {
        {T_2026_03_29_0100Z, "2026-03-29T03:00:00+02:00", "29/03/2026 03:00"},
        {T_2026_03_29_0100Z - 1, "2026-03-29T01:59:59+01:00", "29/03/2026 01:59"},
        {T_2026_10_25_0100Z - 1800, "2026-10-25T02:30:00+02:00", "25/10/2026 02:30"},
        {T_2026_10_25_0100Z + 1800, "2026-10-25T02:30:00+01:00", "25/10/2026 02:30"},
        {0, "1970-01-01T01:00:00+01:00", "01/01/1970 01:00"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char iso[NETWORK_TIME_BUF], fr[NETWORK_TIME_BUF];
        network_time_format_iso(cases[i].t, iso);
        network_time_format_fr(cases[i].t, fr);
        if (strcmp(iso, cases[i].iso) || strcmp(fr, cases[i].fr))
            fail_msg("t %lld: got %s / %s", (long long)cases[i].t, iso, fr);
        /* the ISO form parses back to the same instant */
        int64_t back = 0;
        if (network_time_parse("t", iso, &back, NULL) || back != cases[i].t)
            fail_msg("t %lld: %s does not round-trip", (long long)cases[i].t, iso);
    }
}

static void test_date(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want;
        int64_t days;
    } cases[] = {
        {"1970-01-01", ERR_OK, 0},    {"2026-03-29", ERR_OK, 20541},
        {"2026-02-30", ERR_INPUT, 0}, {"2026-3-29", ERR_INPUT, 0},
        {"", ERR_INPUT, 0},           {"2026-03-29T", ERR_INPUT, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t d = -1;
        struct err e;
        err_init(&e);
        int rc = network_date_parse("deadline", cases[i].in, &d, &e);
        if (rc != cases[i].want || (rc == ERR_OK && d != cases[i].days))
            fail_msg("case '%s': rc %d d %lld (%s)", cases[i].in, rc, (long long)d, e.msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offset),      cmocka_unit_test(test_parse),
        cmocka_unit_test(test_fold_choice), cmocka_unit_test(test_format),
        cmocka_unit_test(test_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
