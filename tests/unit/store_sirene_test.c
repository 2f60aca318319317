/* SPDX-License-Identifier: MIT */
/*
 * store_sirene_test.c - table-driven tests of the SIRENE row parser
 * (store_sirene_header_parse, store_sirene_row_parse): malformed rows,
 * boundary coordinates, hidden establishments; the tranche labels and the
 * employees a band stands for; the typical-flows table loads and applies
 * by NACE prefix.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

#define HDR                                                                                        \
    "siret,etatAdministratifEtablissement,activitePrincipaleEtablissement,"                        \
    "nomenclatureActivitePrincipaleEtablissement,trancheEffectifsEtablissement,"                   \
    "codeCommuneEtablissement,coordonneeLambertAbscisseEtablissement,"                             \
    "coordonneeLambertOrdonneeEtablissement,denominationUsuelleEtablissement,"                     \
    "enseigne1Etablissement,statutDiffusionEtablissement"
#define S1 "73282932000074"

struct row_case {
    const char *name;
    const char *row;  /* one data line under HDR */
    const char *want; /* substring of the error; NULL: parses */
    const char *want_name;
    bool want_xy;
};

static const struct row_case cases[] = {
    {"ok", S1 ",A,16.10A,NAFRev2,11,44109,355000,6689000,SCIERIE,,O", NULL, "SCIERIE", true},
    {"sign when no usual name", S1 ",A,16.10A,NAFRev2,11,44109,,,,ENSEIGNE,O", NULL, "ENSEIGNE",
     false},
    {"hidden keeps no name", S1 ",A,16.10A,NAFRev2,11,44109,[ND],[ND],SECRET,,P", NULL, "", false},
    {"empty tranche is NN", S1 ",A,16.10A,NAFRev2,,44109,,,X,,O", NULL, "X", false},
    {"closed parses", S1 ",F,16.10A,NAFRev2,11,44109,,,X,,O", NULL, "X", false},
    {"old nomenclature not checked", S1 ",A,52.1D,NAFRev1,11,44109,,,X,,O", NULL, "X", false},
    {"Corsica commune", S1 ",A,16.10A,NAFRev2,11,2A004,1190000,6110000,X,,O", NULL, "X", true},
    {"overseas coordinates ignored", S1 ",A,16.10A,NAFRev2,11,97105,650000,1780000,X,,O", NULL, "X",
     false},
    {"x at the lower bound", S1 ",A,16.10A,NAFRev2,11,44109,50000,6689000,X,,O", NULL, "X", true},
    {"x below the bound", S1 ",A,16.10A,NAFRev2,11,44109,49999,6689000,X,,O",
     "coordonneeLambertAbscisseEtablissement: 49999 is outside", NULL, false},
    {"y above the bound", S1 ",A,16.10A,NAFRev2,11,44109,355000,7150001,X,,O",
     "coordonneeLambertOrdonneeEtablissement", NULL, false},
    {"one coordinate only", S1 ",A,16.10A,NAFRev2,11,44109,355000,,X,,O", "given without", NULL,
     false},
    {"bad Luhn", "73282932000075,A,16.10A,NAFRev2,11,44109,,,X,,O", "siret", NULL, false},
    {"La Poste exception", "35600000000048,A,53.10Z,NAFRev2,11,44109,,,X,,O", NULL, "X", false},
    {"unknown NAF", S1 ",A,99.99Z,NAFRev2,11,44109,,,X,,O", "unknown NAF", NULL, false},
    {"NACE class is not NAF", S1 ",A,16.10,NAFRev2,11,44109,,,X,,O", "unknown NAF", NULL, false},
    {"bad tranche", S1 ",A,16.10A,NAFRev2,13,44109,,,X,,O", "tranche", NULL, false},
    {"bad state", S1 ",a,16.10A,NAFRev2,11,44109,,,X,,O", "etatAdministratif", NULL, false},
    {"bad commune", S1 ",A,16.10A,NAFRev2,11,4410X,,,X,,O", "codeCommune", NULL, false},
    {"field count", S1 ",A,16.10A", "3 fields, the header has 11", NULL, false},
    {"non UTF-8", S1 ",A,16.10A,NAFRev2,11,44109,,,CAF\xE9,,O", "not valid UTF-8", NULL, false},
};

static struct ref *test_ref;

static int setup(void **state)
{
    (void)state;
    struct err e;
    err_init(&e);
    return ref_load(&test_ref, NULL, &e) == ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ref_free(test_ref);
    return 0;
}

/* Splits a line with the core CSV reader and parses it under hdr. */
static int parse_line(const struct store_sirene_header *h, const char *line,
                      struct store_sirene_row *row, struct err *e)
{
    struct csv_reader cr;
    csv_reader_init(&cr, line, strlen(line));
    bool has = false;
    int rc = csv_next(&cr, &has, e);
    if (rc == ERR_OK)
        rc = store_sirene_row_parse(h, test_ref, cr.fields, cr.n_fields, row, e);
    csv_reader_release(&cr);
    return rc;
}

static void test_rows(void **state)
{
    (void)state;
    struct store_sirene_header h;
    struct err e;
    err_init(&e);
    struct store_sirene_row row;
    assert_int_equal(parse_line(&(struct store_sirene_header){0}, HDR, &row, &e), ERR_INPUT);
    struct csv_reader cr;
    csv_reader_init(&cr, HDR, strlen(HDR));
    bool has = false;
    assert_int_equal(csv_next(&cr, &has, &e), ERR_OK);
    assert_int_equal(store_sirene_header_parse(&h, cr.fields, cr.n_fields, &e), ERR_OK);
    csv_reader_release(&cr);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct row_case *c = &cases[i];
        err_init(&e);
        int rc = parse_line(&h, c->row, &row, &e);
        if (c->want) {
            if (rc != ERR_INPUT || !strstr(e.msg, c->want))
                fail_msg("%s: want error '%s', got %d '%s'", c->name, c->want, rc, e.msg);
            continue;
        }
        if (rc != ERR_OK)
            fail_msg("%s: unexpected error '%s'", c->name, e.msg);
        if (strcmp(row.name, c->want_name) != 0 || row.has_xy != c->want_xy)
            fail_msg("%s: name '%s' xy %d", c->name, row.name, row.has_xy);
    }
}

static void test_header(void **state)
{
    (void)state;
    static const struct {
        const char *hdr;
        const char *want;
    } hs[] = {
        {"siret,etatAdministratifEtablissement", "missing column 'activitePrincipale"},
        {"siret,etatAdministratifEtablissement,activitePrincipaleEtablissement,"
         "nomenclatureActivitePrincipaleEtablissement,trancheEffectifsEtablissement,"
         "codeCommuneEtablissement,coordonneeLambertOrdonneeEtablissement",
         "missing column 'coordonneeLambertAbscisseEtablissement'"},
        {"codeCommuneEtablissement,trancheEffectifsEtablissement,"
         "nomenclatureActivitePrincipaleEtablissement,activitePrincipaleEtablissement,"
         "etatAdministratifEtablissement,siret",
         NULL},
    };
    for (size_t i = 0; i < sizeof(hs) / sizeof(hs[0]); i++) {
        struct csv_reader cr;
        csv_reader_init(&cr, hs[i].hdr, strlen(hs[i].hdr));
        bool has = false;
        struct err e;
        err_init(&e);
        assert_int_equal(csv_next(&cr, &has, &e), ERR_OK);
        struct store_sirene_header h;
        int rc = store_sirene_header_parse(&h, cr.fields, cr.n_fields, &e);
        csv_reader_release(&cr);
        if (hs[i].want && (rc != ERR_INPUT || !strstr(e.msg, hs[i].want)))
            fail_msg("header %zu: want '%s', got '%s'", i, hs[i].want, e.msg);
        if (!hs[i].want && rc != ERR_OK)
            fail_msg("header %zu: %s", i, e.msg);
    }
}

static void test_bands(void **state)
{
    (void)state;
    assert_string_equal(store_sirene_band_label("11"), "10-19");
    assert_string_equal(store_sirene_band_label("53"), "10000+");
    assert_string_equal(store_sirene_band_label("NN"), "");
    assert_string_equal(store_sirene_band_label("99"), "");
    assert_true(fabs(ref_typical_employees("11") - 14.5) < 1e-9);
    assert_true(fabs(ref_typical_employees("00") - 0.5) < 1e-9);
    assert_true(fabs(ref_typical_employees("NN") - 1) < 1e-9);
}

static void test_typical(void **state)
{
    (void)state;
    struct ref_typical t;
    struct err e;
    err_init(&e);
    assert_int_equal(ref_typical_load(&t, test_ref, NULL, &e), ERR_OK);
    const struct ref_typical_flow *rows[32];
    size_t n = ref_typical_for(&t, test_ref, "16.10A", rows, 32);
    bool has_sawdust = false;
    for (size_t i = 0; i < n && i < 32; i++)
        has_sawdust = has_sawdust || (rows[i]->is_offer && !strcmp(rows[i]->code, "030105"));
    assert_true(has_sawdust);
    assert_int_equal(ref_typical_for(&t, test_ref, "62.01Z", rows, 32), 0);
    ref_typical_release(&t);
    static const struct {
        const char *csv;
        const char *want;
    } bad[] = {
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis\n",
         "typical_flows.csv:1: header: 8 columns, expected 9"},
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis,notes\n",
         "typical_flows.csv:1: header: missing column 'source'"},
        /* an extra column used to shift `source` past the row's 9 fields */
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis,notes,"
         "source\n16.1,offer,material,030105,1,t,10,coarse_class,X\n",
         "typical_flows.csv:1: header: 10 columns, expected 9"},
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis,source\n"
         "16.1,offer,material,999999,1,t,10,coarse_class,X\n",
         "typical_flows.csv:2: code: unknown List of Waste code"},
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis,source\n"
         "16.1,offer,material,030105,-1,t,10,coarse_class,X\n",
         "typical_flows.csv:2: qty_per_employee_yr"},
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis,source\n"
         "16.1,offer,energy,heat,1,t,10,coarse_class,X\n",
         "typical_flows.csv:2: code: energy rows"},
        {"naf,direction,family,code,qty_per_employee_yr,unit,uncertainty_factor,qty_basis,source\n"
         "16.1,give,material,030105,1,t,10,coarse_class,X\n",
         "typical_flows.csv:2: direction"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        err_init(&e);
        int rc = ref_typical_parse(&t, test_ref, bad[i].csv, strlen(bad[i].csv), &e);
        if (rc != ERR_INPUT || !strstr(e.msg, bad[i].want))
            fail_msg("typical %zu: want '%s', got '%s'", i, bad[i].want, e.msg);
        assert_null(t.rows);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_typical),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
