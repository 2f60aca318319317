/* SPDX-License-Identifier: MIT */
/*
 * network_pure_test.c - the network helpers that need no database: field
 * checks and their French messages, mentions, search queries, file types
 * from magic bytes, the method's data and the indicators CSV sort.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"

static void test_check_text(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *v;
        bool is_required, is_multiline;
        size_t max;
        int want;
        const char *msg;
    } cases[] = {
        {"ok", "Réunion", true, false, 10, ERR_OK, NULL},
        {"exactly max chars (accents count once)", "éééééééééé", true, false, 10, ERR_OK, NULL},
        {"too long", "ééééééééééé", true, false, 10, ERR_INPUT, "titre : trop long (10"},
        {"required null", NULL, true, false, 10, ERR_INPUT, "titre : obligatoire"},
        {"optional null", NULL, false, false, 10, ERR_OK, NULL},
        {"blank", " \t ", true, false, 10, ERR_INPUT, "titre : obligatoire"},
        {"newline single", "a\nb", false, false, 10, ERR_INPUT, "titre : caractère de contrôle"},
        {"newline multi", "a\r\nb", false, true, 10, ERR_OK, NULL},
        {"nul-free control", "a\x01", false, true, 10, ERR_INPUT, "titre : caractère"},
        {"del", "a\x7f", false, true, 10, ERR_INPUT, "titre : caractère"},
        {"bad utf8", "\xc3\x28", false, false, 10, ERR_INPUT, "titre : texte invalide"},
        {"kept as typed", "  <b>x</b> ", false, false, 20, ERR_OK, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct err e;
        err_init(&e);
        int rc = network_check_text("titre", cases[i].v, cases[i].is_required,
                                    cases[i].is_multiline, cases[i].max, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d (%s)", cases[i].name, rc, e.msg);
        if (rc && strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)))
            fail_msg("case %s: message '%s'", cases[i].name, e.msg);
    }
}

static void test_check_url(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        bool is_required;
        int want;
    } cases[] = {
        {"https://visio.example.org/x", true, ERR_OK},
        {"http://a.fr", true, ERR_OK},
        {"", false, ERR_OK},
        {"", true, ERR_INPUT},
        {"ftp://a.fr", false, ERR_INPUT},
        {"javascript:alert(1)", false, ERR_INPUT},
        {"https://a b.fr", false, ERR_INPUT},
        {"https://localhost", false, ERR_INPUT},
        {"https://a.fr/\"onmouseover", false, ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = network_check_url("video_url", cases[i].v, cases[i].is_required, NULL);
        if (rc != cases[i].want)
            fail_msg("case '%s': rc %d", cases[i].v, rc);
    }
}

static void test_mentions(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t n;
        const char *tokens[3]; /* "e:" prefix for emails */
    } cases[] = {
        {"Bonjour @marie@scierie.fr, une idée ?", 1, {"e:marie@scierie.fr"}},
        {"@Marie.Dupont et @élodie_lefèvre !", 2, {"marie dupont", "elodie lefevre"}},
        {"écrire à contact@exemple.fr", 0, {NULL}},
        {"@@ @ @. fin", 0, {NULL}},
        {"@Marie.Dupont @marie.dupont @MARIE_DUPONT.", 1, {"marie dupont"}},
        {"(@paul)", 1, {"paul"}},
        {"", 0, {NULL}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_mention *m = NULL;
        size_t n = 0;
        network_mentions_parse(cases[i].text, &m, &n);
        if (n != cases[i].n)
            fail_msg("case '%s': %zu mentions, want %zu", cases[i].text, n, cases[i].n);
        for (size_t k = 0; k < n; k++) {
            const char *want = cases[i].tokens[k];
            bool is_email = !strncmp(want, "e:", 2);
            if (m[k].is_email != is_email || strcmp(m[k].token, want + (is_email ? 2 : 0)))
                fail_msg("case '%s': mention %zu is '%s'", cases[i].text, k, m[k].token);
        }
        network_mentions_free(m, n);
    }
}

static void test_search_query(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want;
        const char *out;
    } cases[] = {
        {"Déchets  de BOIS", ERR_OK, "\"dechets\"* \"de\"* \"bois\"*"},
        {"chaleur OR NOT \"x\" NEAR(a b)", ERR_OK,
         "\"chaleur\"* \"or\"* \"not\"* \"x\"* \"near\"* \"a\"* \"b\"*"},
        {"*^:-()", ERR_INPUT, NULL},
        {"", ERR_INPUT, NULL},
        {"\xff", ERR_INPUT, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb out;
        struct err e;
        sb_init(&out, 0);
        err_init(&e);
        int rc = network_search_query(cases[i].in, &out, &e);
        if (rc != cases[i].want || (rc == ERR_OK && strcmp(out.buf, cases[i].out)))
            fail_msg("case '%s': rc %d out '%s'", cases[i].in, rc, out.buf);
        if (rc && strncmp(e.msg, "q : ", 4))
            fail_msg("case '%s': message '%s'", cases[i].in, e.msg);
        sb_release(&out);
    }
}

static void test_file_type(void **state)
{
    (void)state;
    static const char odt[] = "PK\x03\x04"
                              "\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                              "\x27\x00\x00\x00\x27\x00\x00\x00\x08\x00\x00\x00"
                              "mimetypeapplication/vnd.oasis.opendocument.text";
    static const char docx[] = "PK\x03\x04........................[Content_Types].xml....PK"
                               "word/document.xml";
    static const struct {
        const char *name;
        const char *data;
        size_t len;
        const char *file_name;
        const char *want;
    } cases[] = {
        {"pdf", "%PDF-1.7\n%...", 12, "fiche.pdf", "application/pdf"},
        {"pdf named exe", "%PDF-1.4", 8, "fiche.exe", "application/pdf"},
        {"png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "x.png", "image/png"},
        {"jpeg", "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, "x.jpg", "image/jpeg"},
        {"odt", odt, sizeof(odt) - 1, "x.odt", "application/vnd.oasis.opendocument.text"},
        {"docx", docx, sizeof(docx) - 1, "x.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"plain zip", "PK\x03\x04\0\0\0\0", 8, "x.docx", NULL},
        {"text", "Bonne pratique : trier à la source.\n", 36, "note.txt", "text/plain"},
        {"csv", "\xEF\xBB\xBFnom;quantite\r\nbois;3\r\n", 25, "data.CSV", "text/csv"},
        {"html named pdf", "<html><script>alert(1)</script>", 31, "fiche.pdf", NULL},
        {"svg", "  <svg onload=alert(1)>", 23, "x.svg", NULL},
        {"elf",
         "\x7f"
         "ELF\x02\x01\x01",
         7, "fiche.pdf", NULL},
        {"windows exe", "MZ\x90\0\x03\0", 6, "fiche.txt", NULL},
        {"binary", "abc\0def", 7, "x.txt", NULL},
        {"empty", "", 0, "x.txt", NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = network_file_type(cases[i].data, cases[i].len, cases[i].file_name);
        bool is_same = got && cases[i].want ? !strcmp(got, cases[i].want) : got == cases[i].want;
        if (!is_same)
            fail_msg("case %s: got %s", cases[i].name, got ? got : "NULL");
    }
}

static void test_method_data(void **state)
{
    (void)state;
    for (int i = 0; i < NETWORK_N_STAGES; i++) {
        const char *const *items;
        size_t n;
        network_checklist(i, &items, &n);
        assert_true(n >= 4);
        for (size_t k = 0; k < n; k++)
            assert_true(utf8_valid(items[k], strlen(items[k])) && strlen(items[k]) > 10);
        assert_int_equal(network_stage_index(network_stage_name(i)), i);
        assert_non_null(network_stage_label(i));
    }
    assert_null(network_stage_name(NETWORK_N_STAGES));
    assert_int_equal(network_stage_index("planning"), -1);
    assert_true(network_actor_role_valid("economic_developer"));
    assert_false(network_actor_role_valid("mayor"));
}

static void test_indicators_csv(void **state)
{
    (void)state;
    static const struct {
        const char *sort;
        int want;
        int64_t order[3]; /* territory ids, in order */
    } cases[] = {
        {NULL, ERR_OK, {1, 2, 3}},
        {"territory", ERR_OK, {2, 3, 1}},
        {"-co2e_t", ERR_OK, {3, 1, 2}},
        {"co2e_t", ERR_OK, {2, 1, 3}},
        {"-companies", ERR_OK, {1, 2, 3}}, /* ties keep territory_id order */
        {"stage", ERR_OK, {3, 2, 1}},
        {"synergies_implemented", ERR_OK, {2, 3, 1}},
        {"-jobs_created", ERR_OK, {2, 1, 3}},
        {"bogus", ERR_INPUT, {0}},
        {"-", ERR_INPUT, {0}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct store_indicators rows[3] = {
            {.territory_id = 1,
             .territory_name = "Vallée de l'Arve",
             .companies = 5,
             .co2e_t = 10.5,
             .synergies = {0, 0, 0, 4, 0},
             .jobs_created = 2},
            {.territory_id = 2,
             .territory_name = "Annecy, \"lac\"",
             .companies = 5,
             .co2e_t = 1,
             .synergies = {0, 0, 0, 1, 0},
             .jobs_created = 3},
            {.territory_id = 3,
             .territory_name = "Bauges",
             .companies = 1,
             .co2e_t = 99,
             .synergies = {0, 0, 0, 2, 0}},
        };
        memcpy(rows[0].stage, "evaluation", 11);
        memcpy(rows[1].stage, "detection", 10);
        memcpy(rows[2].stage, "mobilisation", 13);
        struct sb out;
        struct err e;
        sb_init(&out, 0);
        err_init(&e);
        int rc = network_indicators_csv(rows, 3, cases[i].sort, &out, &e);
        if (rc != cases[i].want)
            fail_msg("sort %s: rc %d (%s)", cases[i].sort, rc, e.msg);
        if (rc) {
            assert_non_null(strstr(e.msg, "sort : "));
            sb_release(&out);
            continue;
        }
        for (int k = 0; k < 3; k++)
            if (rows[k].territory_id != cases[i].order[k])
                fail_msg("sort %s: row %d is %lld", cases[i].sort, k,
                         (long long)rows[k].territory_id);
        assert_true(!strncmp(out.buf, "territory_id,territory,stage,companies,flows,", 45));
        assert_non_null(strstr(out.buf, "\"Annecy, \"\"lac\"\"\""));
        sb_release(&out);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_check_text),     cmocka_unit_test(test_check_url),
        cmocka_unit_test(test_mentions),       cmocka_unit_test(test_search_query),
        cmocka_unit_test(test_file_type),      cmocka_unit_test(test_method_data),
        cmocka_unit_test(test_indicators_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
