/* SPDX-License-Identifier: MIT */
/*
 * core_excerpt_test.c - unit tests of text_excerpt (src/core/excerpt.c):
 * excerpts of untrusted bytes must be short, valid UTF-8 and printable,
 * cut on character boundaries. Table-driven.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/core.h"

#define N_CASES(a) (sizeof(a) / sizeof((a)[0]))

static void test_excerpt(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *in;
        size_t len; /* 0: strlen(in) */
        size_t cap;
        const char *want;
    } cases[] = {
        {"plain", "abc", 0, TEXT_EXCERPT_SIZE, "abc"},
        {"empty", "", 0, TEXT_EXCERPT_SIZE, ""},
        {"40 bytes fit", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, TEXT_EXCERPT_SIZE,
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
        {"41 bytes are cut", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", 0, TEXT_EXCERPT_SIZE,
         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..."},
        {"cut before a 2-byte char", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xC3\xA9z", 0,
         TEXT_EXCERPT_SIZE, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..."},
        {"accents kept",
         "d\xC3\xA9"
         "chets",
         0, TEXT_EXCERPT_SIZE,
         "d\xC3\xA9"
         "chets"},
        {"4-byte char kept", "\xF0\x9F\x98\x80", 0, TEXT_EXCERPT_SIZE, "\xF0\x9F\x98\x80"},
        {"newline", "a\nb", 0, TEXT_EXCERPT_SIZE, "a?b"},
        {"tab", "a\tb", 0, TEXT_EXCERPT_SIZE, "a?b"},
        {"delete",
         "a\x7F"
         "b",
         0, TEXT_EXCERPT_SIZE, "a?b"},
        {"nul inside", "a\0b", 3, TEXT_EXCERPT_SIZE, "a?b"},
        {"invalid byte", "\xFF", 0, TEXT_EXCERPT_SIZE, "?"},
        {"truncated sequence", "t\xC3", 0, TEXT_EXCERPT_SIZE, "t?"},
        {"lone continuation",
         "\x80"
         "a",
         0, TEXT_EXCERPT_SIZE, "?a"},
        {"overlong", "\xC0\xAF", 0, TEXT_EXCERPT_SIZE, "??"},
        {"surrogate", "\xED\xA0\x80", 0, TEXT_EXCERPT_SIZE, "???"},
        {"beyond U+10FFFF", "\xF4\x90\x80\x80", 0, TEXT_EXCERPT_SIZE, "????"},
        {"smallest cap", "abc", 0, 5, "a..."},
        {"smallest cap, fits", "a", 0, 5, "a"},
        {"cap too small", "abc", 0, 4, ""},
        {"cap 1", "abc", 0, 1, ""},
    };
    for (size_t i = 0; i < N_CASES(cases); i++) {
        char buf[64];
        memset(buf, 'x', sizeof(buf));
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        const char *out = text_excerpt(slice_from(cases[i].in, len), buf, cases[i].cap);
        if (out != buf || strcmp(buf, cases[i].want) != 0 || strlen(buf) >= cases[i].cap ||
            !utf8_valid(buf, strlen(buf)))
            fail_msg("case %s: got '%s' want '%s'", cases[i].name, buf, cases[i].want);
        if (buf[cases[i].cap] != 'x')
            fail_msg("case %s: wrote past cap", cases[i].name);
    }
    char none[1] = {'x'};
    text_excerpt(slice_cstr("abc"), none, 0);
    assert_int_equal(none[0], 'x');
}

/* Error messages that quote bad input stay valid UTF-8. */
static void test_messages_quote_safely(void **state)
{
    (void)state;
    static const char *const units[] = {"\xFF\xFE", "t\xC3", "kg\n/mois", "\xE2\x82"};
    for (size_t i = 0; i < N_CASES(units); i++) {
        struct err e;
        err_init(&e);
        struct qty q;
        int rc = qty_normalise(&q, 1, slice_cstr(units[i]), slice_cstr(""), &e);
        if (rc != ERR_INPUT || !utf8_valid(e.msg, strlen(e.msg)) || strchr(e.msg, '\n'))
            fail_msg("unit %zu: rc %d msg '%s'", i, rc, e.msg);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excerpt),
        cmocka_unit_test(test_messages_quote_safely),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
