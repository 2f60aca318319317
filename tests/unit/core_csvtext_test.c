/* SPDX-License-Identifier: MIT */
/*
 * core_csvtext_test.c - the one CSV field writer: text becomes a field
 * that a spreadsheet shows as text instead of running it as a formula, the
 * fixed-buffer form writes the same bytes, numbers keep their sign.
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
        {"text that looks like a negative number", "-3.5", "'-3.5"},
        {"line break", "a\nb", "\"a\nb\""},
        {"long formula past the small buffer",
         "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAA,",
         "\"'=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
         "AAAAAAAAAAAAAAAAAAAA,\""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb b;
        sb_init(&b, 0);
        sb_add_csv_text(&b, cases[i].in);
        if (strcmp(b.buf, cases[i].want))
            fail_msg("case %s: got [%s] want [%s]", cases[i].name, b.buf, cases[i].want);
        /* the fixed-buffer writer makes exactly the same bytes */
        size_t n = strlen(cases[i].in);
        size_t size = csv_field_size(cases[i].in, n);
        char *fixed = test_malloc(size + 1);
        csv_field_write(fixed, cases[i].in, n);
        fixed[size] = '\0';
        if (size != b.len || strcmp(fixed, b.buf))
            fail_msg("case %s: fixed buffer [%s] differs", cases[i].name, fixed);
        test_free(fixed);
        sb_release(&b);
    }
}

/* Numeric columns are ours: written from a double, never neutralised. */
static void test_csv_num(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        double v;
        bool has;
        const char *want;
    } cases[] = {
        {"negative", -3.5, true, "-3.5"},
        {"positive", 40, true, "40"},
        {"unknown", 12, false, ""},
        {"not finite", 1.0 / 0.0, true, ""},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb b;
        sb_init(&b, 0);
        sb_add_csv_num(&b, cases[i].v, cases[i].has);
        if (strcmp(b.buf, cases[i].want))
            fail_msg("case %s: got [%s] want [%s]", cases[i].name, b.buf, cases[i].want);
        sb_release(&b);
    }
}

/* Property: for random text, what the writer makes reads back through our
 * RFC 4180 reader as the text itself, behind one apostrophe exactly when
 * it starts with a formula character, and no read cell starts with one. */
static void test_csv_round_trip(void **state)
{
    (void)state;
    static const char alphabet[] = "ab,\"\n\r=+-@\t' é";
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        char text[3][12];
        struct sb doc;
        sb_init(&doc, 0);
        for (int k = 0; k < 3; k++) {
            seed = seed * 1103515245u + 12345u;
            size_t n = (seed >> 16) % sizeof(text[k]);
            for (size_t i = 0; i < n; i++) {
                seed = seed * 1103515245u + 12345u;
                text[k][i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
            }
            text[k][n] = '\0';
            sb_adds(&doc, k ? "," : "x,");
            sb_add_csv_text(&doc, text[k]);
        }
        sb_addc(&doc, '\n');
        struct csv_reader r;
        struct err e;
        bool has = false;
        err_init(&e);
        csv_reader_init(&r, doc.buf, doc.len);
        if (csv_next(&r, &has, &e) != ERR_OK || !has || r.n_fields != 4)
            fail_msg("round %d: [%s] does not read back (%s)", round, doc.buf, e.msg);
        for (int k = 0; k < 3; k++) {
            struct slice c = r.fields[k + 1];
            bool is_guarded = text[k][0] && strchr("=+-@\t\r", text[k][0]);
            size_t skip = is_guarded ? 1 : 0;
            if (c.len && strchr("=+-@\t\r", c.p[0]))
                fail_msg("round %d: cell %d starts with a formula character", round, k);
            if (c.len != strlen(text[k]) + skip || (skip && c.p[0] != '\'') ||
                memcmp(c.p + skip, text[k], strlen(text[k])))
                fail_msg("round %d: cell %d reads [%.*s] for [%s]", round, k, (int)c.len, c.p,
                         text[k]);
        }
        csv_reader_release(&r);
        sb_release(&doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_text),
        cmocka_unit_test(test_csv_num),
        cmocka_unit_test(test_csv_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
