/* SPDX-License-Identifier: MIT */
/*
 * core_csvtext_test.c - sb_add_csv_text: user text as a CSV field that a
 * spreadsheet shows as text instead of running it as a formula.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/core.h"

static void test_csv_text(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *in;
        const char *want;
    } cases[] = {
        {"plain", "Scierie Dupont", "Scierie Dupont"},
        {"empty", "", ""},
        {"equals", "=1+1", "'=1+1"},
        {"plus", "+33 4 50 00 00 00", "'+33 4 50 00 00 00"},
        {"minus", "-2+3", "'-2+3"},
        {"at", "@SUM(A1:A9)", "'@SUM(A1:A9)"},
        {"tab", "\t=1+1", "'\t=1+1"},
        {"carriage return", "\r=1+1", "\"'\r=1+1\""},
        {"formula with comma and quotes", "=HYPERLINK(\"http://x.example\",\"ici\")",
         "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"ici\"\")\""},
        {"dde payload", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
        {"sign inside is harmless", "Lyon-Est = 2", "Lyon-Est = 2"},
        {"quoted but safe", "Annecy, \"lac\"", "\"Annecy, \"\"lac\"\"\""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb b;
        sb_init(&b, 0);
        sb_add_csv_text(&b, cases[i].in);
        if (strcmp(b.buf, cases[i].want))
            fail_msg("case %s: got [%s] want [%s]", cases[i].name, b.buf, cases[i].want);
        sb_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
