/* SPDX-License-Identifier: MIT */
/* core_test.c - unit tests of src/core: table-driven, malformed cases included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdlib.h>

#include "core/core.h"

static void test_siret(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *in;
        int want;
    } cases[] = {
        {"valid", "73282932000074", ERR_OK},           {"valid 2", "44306184100047", ERR_OK},
        {"bad luhn", "73282932000075", ERR_INPUT},     {"13 digits", "7328293200007", ERR_INPUT},
        {"15 digits", "732829320000740", ERR_INPUT},   {"letters", "7328293200007A", ERR_INPUT},
        {"spaces", "732 829 320 00074", ERR_INPUT},    {"empty", "", ERR_INPUT},
        {"la poste luhn", "35600000000048", ERR_OK},   {"la poste sum 5", "35600000000001", ERR_OK},
        {"la poste bad", "35600000000049", ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct err e;
        err_init(&e);
        int rc = siret_check(slice_cstr(cases[i].in), &e);
        if (rc != cases[i].want)
            fail_msg("case %s: got %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
    }
}

static void test_parse_double(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want;
        double v;
    } cases[] = {
        {"12.5", ERR_OK, 12.5},  {" 3 ", ERR_OK, 3},      {"12,5", ERR_OK, 12.5},
        {"-1e3", ERR_OK, -1000}, {"", ERR_INPUT, 0},      {"abc", ERR_INPUT, 0},
        {"1,2,3", ERR_INPUT, 0}, {"1.2,3", ERR_INPUT, 0}, {"nan", ERR_INPUT, 0},
        {"inf", ERR_INPUT, 0},   {"0x10", ERR_INPUT, 0},  {"1e999", ERR_INPUT, 0},
        {"12 t", ERR_INPUT, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct err e;
        err_init(&e);
        double v = 0;
        int rc = parse_double(slice_cstr(cases[i].in), &v, &e);
        if (rc != cases[i].want || (rc == ERR_OK && v != cases[i].v))
            fail_msg("case '%s': rc %d v %g", cases[i].in, rc, v);
    }
}

static void test_parse_message_is_clean(void **state)
{
    (void)state;
    static const char *const bad[] = {"\xff\x01 12", "1\x02", "12\xc3", "\x1b[31m"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct err e;
        err_init(&e);
        double v;
        int64_t n;
        assert_int_equal(parse_double(slice_cstr(bad[i]), &v, &e), ERR_INPUT);
        assert_true(utf8_valid(e.msg, strlen(e.msg)));
        assert_null(strpbrk(e.msg, "\x01\x02\x1b"));
        assert_int_equal(parse_int64(slice_cstr(bad[i]), &n, &e), ERR_INPUT);
        assert_true(utf8_valid(e.msg, strlen(e.msg)));
        assert_null(strpbrk(e.msg, "\x01\x02\x1b"));
    }
}

static void test_parse_int(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want;
        int64_t v;
    } cases[] = {
        {"42", ERR_OK, 42},    {"-7", ERR_OK, -7},
        {"4 2", ERR_INPUT, 0}, {"9223372036854775808", ERR_INPUT, 0},
        {"1.0", ERR_INPUT, 0}, {"", ERR_INPUT, 0},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t v = 0;
        int rc = parse_int64(slice_cstr(cases[i].in), &v, NULL);
        if (rc != cases[i].want || (rc == ERR_OK && v != cases[i].v))
            fail_msg("case '%s': rc %d", cases[i].in, rc);
    }
}

static void test_fold(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        const char *want;
    } cases[] = {
        {"Déchets  de BOIS", "dechets de bois"},
        {"  Œuvre, cœur! ", "oeuvre coeur"},
        {"Straße", "strasse"},
        {"l’huile", "l huile"},
        {"15 01 01*", "15 01 01"},
        {"\xff\xfe bad", "bad"},
        {"", ""},
        {"ÀÉÎÕÜÇ àéîõüç", "aeiouc aeiouc"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb b;
        sb_init(&b, 0);
        text_fold(&b, cases[i].in, strlen(cases[i].in));
        if (strcmp(b.buf, cases[i].want) != 0)
            fail_msg("case '%s': got '%s' want '%s'", cases[i].in, b.buf, cases[i].want);
        sb_release(&b);
    }
}

static void test_utf8(void **state)
{
    (void)state;
    assert_true(utf8_valid("abc é", 6));
    assert_false(utf8_valid("\xc3", 1));             /* truncated */
    assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    assert_false(utf8_valid("a\0b", 3));             /* NUL */
    assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* > U+10FFFF */
}

/* Reads all records; returns a text rendering "f1|f2;f1;" or "ERR@line:msg;". */
static char *csv_render(const char *in)
{
    struct csv_reader r;
    struct sb out;
    sb_init(&out, 0);
    csv_reader_init(&r, in, strlen(in));
    for (;;) {
        bool has = false;
        struct err e;
        err_init(&e);
        int rc = csv_next(&r, &has, &e);
        if (rc) {
            sb_addf(&out, "ERR@%zu:%s;", r.line, e.msg);
            if (rc && strstr(e.msg, "unterminated"))
                break;
            continue;
        }
        if (!has)
            break;
        for (size_t i = 0; i < r.n_fields; i++) {
            if (i)
                sb_addc(&out, '|');
            sb_add(&out, r.fields[i].p, r.fields[i].len);
        }
        sb_addc(&out, ';');
    }
    csv_reader_release(&r);
    return sb_detach(&out, NULL);
}

static void test_csv(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *in;
        const char *want;
    } cases[] = {
        {"simple", "a,b\n1,2\n", "a|b;1|2;"},
        {"no final newline", "a,b\n1,2", "a|b;1|2;"},
        {"crlf", "a,b\r\n1,2\r\n", "a|b;1|2;"},
        {"bom",
         "\xEF\xBB\xBF"
         "a,b\n",
         "a|b;"},
        {"quoted", "\"x,y\",\"he said \"\"hi\"\"\"\n", "x,y|he said \"hi\";"},
        {"embedded newline", "\"l1\nl2\",z\nq\n", "l1\nl2|z;q;"},
        {"empty fields", ",,\n", "||;"},
        {"blank lines skipped", "a\n\n\nb\n", "a;b;"},
        {"empty input", "", ""},
        {"quote in unquoted", "ab\"c,d\nok\n", "ERR@1:quote inside unquoted field;ok;"},
        {"after closing quote", "\"a\"b,c\nok\n",
         "ERR@1:unexpected character after closing quote;ok;"},
        {"unterminated", "x\n\"abc\n", "x;ERR@2:unterminated quoted field;"},
        {"bare cr", "a\rb\nok\n", "ERR@1:bare carriage return;ok;"},
        {"line numbers after multiline", "\"a\nb\"\nbad\"x\n",
         "a\nb;ERR@3:quote inside unquoted field;"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *got = csv_render(cases[i].in);
        if (strcmp(got, cases[i].want) != 0)
            fail_msg("case %s: got '%s' want '%s'", cases[i].name, got, cases[i].want);
        free(got);
    }
}

static void test_csv_limits(void **state)
{
    (void)state;
    size_t n = CSV_MAX_FIELD_DEFAULT + 10;
    char *big = xmalloc(n + 8);
    memset(big, 'x', n);
    memcpy(big + n, "\nok\n", 5);
    char *got = csv_render(big);
    assert_string_equal(got, "ERR@1:field too long;ok;");
    free(got);
    free(big);
}

static void test_sb(void **state)
{
    (void)state;
    struct sb b;
    sb_init(&b, 8);
    assert_non_null(b.buf);
    assert_string_equal(b.buf, "");
    sb_adds(&b, "1234");
    sb_addf(&b, "%d", 567);
    assert_string_equal(b.buf, "1234567");
    assert_int_equal(sb_finish(&b, NULL), ERR_OK);
    sb_adds(&b, "89"); /* would exceed 8 */
    assert_true(b.failed);
    assert_string_equal(b.buf, "1234567");
    assert_int_equal(sb_finish(&b, NULL), ERR_TOO_LARGE);
    sb_release(&b);

    sb_init(&b, 0);
    sb_add_csv_text(&b, "a,\"b\"");
    sb_addc(&b, ' ');
    sb_add_json_str(&b, "q\"\\\n\x01");
    assert_string_equal(b.buf, "\"a,\"\"b\"\"\" \"q\\\"\\\\\\n\\u0001\"");
    sb_release(&b);
}

static void test_geo(void **state)
{
    (void)state;
    struct geo_point nantes = {47.218, -1.554}, angers = {47.478, -0.563};
    double d = geo_haversine_km(nantes, angers);
    assert_true(d > 78.0 && d < 82.0);
    assert_true(geo_haversine_km(nantes, nantes) == 0.0);
    struct geo_point bad = {91, 0};
    assert_false(geo_point_valid(bad));
}

static void test_err(void **state)
{
    (void)state;
    struct err e;
    err_init(&e);
    assert_int_equal(err_set(&e, ERR_INPUT, "siret: %s", "bad"), ERR_INPUT);
    err_prefix(&e, "f.csv:%d", 3);
    assert_string_equal(e.msg, "f.csv:3: siret: bad");
    assert_string_equal(err_code_name(ERR_NOT_FOUND), "not_found");
    struct err_list l;
    err_list_init(&l, 2);
    err_list_add(&l, "a %d", 1);
    err_list_add(&l, "b");
    err_list_add(&l, "c");
    assert_int_equal(err_list_count(&l), 3);
    assert_string_equal(l.lines[0], "a 1");
    err_list_release(&l);
}

static void test_embedded_data(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    struct err e;
    err_init(&e);
    assert_int_equal(data_load(NULL, "low.csv", &buf, &len, &e), ERR_OK);
    assert_true(len > 1000);
    assert_memory_equal(buf, "code,level", 10);
    free(buf);
    assert_int_equal(data_load(NULL, "nope.csv", &buf, &len, &e), ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siret),     cmocka_unit_test(test_parse_double),
        cmocka_unit_test(test_parse_int), cmocka_unit_test(test_parse_message_is_clean),
        cmocka_unit_test(test_fold),      cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_csv),       cmocka_unit_test(test_csv_limits),
        cmocka_unit_test(test_sb),        cmocka_unit_test(test_geo),
        cmocka_unit_test(test_err),       cmocka_unit_test(test_embedded_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
