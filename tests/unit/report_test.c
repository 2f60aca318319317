/* SPDX-License-Identifier: MIT */
/*
 * report_test.c - the evaluation framework file (the shipped one loads:
 * 29 indicators, 19 mandatory; every malformed line is reported as
 * FILE:LINE: column: reason and nothing is kept), the check of typed
 * values with its French messages, and the calendar year spans.
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

#include "report/report.h"

#define HEAD                                                                                       \
    "id,family,label_fr,unit,kind,mandatory,max,aggregate,metric,method_fr,levels_fr,source\n"
#define OK_NUM "budget,modele_economique,Budget,€,number,1,1000,sum,,,,ELIPSE\n"
#define OK_LEVEL "soutien,gouvernance,Soutien,niveau,level,1,,mean,,,a|b|c|d|e,ELIPSE\n"
#define OK_COMP                                                                                    \
    "tonnes,activites_resultats,Tonnes,t,computed,1,,sum,tonnes_diverted,Somme des tonnes,,PNSI\n"

static void test_shipped_framework(void **state)
{
    (void)state;
    struct report_framework fw;
    struct err e;
    err_init(&e);
    assert_int_equal(report_framework_load(&fw, NULL, &e), ERR_OK);
    assert_int_equal(fw.n, 29);
    size_t n_mand = 0, n_fam[REPORT_N_FAMILIES] = {0};
    for (size_t i = 0; i < fw.n; i++) {
        n_mand += fw.ind[i].is_mandatory;
        n_fam[fw.ind[i].family]++;
    }
    assert_int_equal(n_mand, 19);
    for (int f = 0; f < REPORT_N_FAMILIES; f++)
        assert_true(n_fam[f] >= 3); /* a radar needs three axes */
    assert_true(report_framework_find(&fw, "eco_budget_eur") >= 0);
    assert_int_equal(report_framework_find(&fw, "nope"), -1);
    report_framework_release(&fw);
}

static void test_framework_errors(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *csv;
        int want;
        const char *msg; /* expected in the first error line */
    } cases[] = {
        {"valid", HEAD OK_NUM OK_LEVEL OK_COMP, ERR_OK, NULL},
        {"empty", "", ERR_INPUT, "ind.csv:1: header"},
        {"missing column", "id,family\nx,gouvernance\n", ERR_INPUT,
         "ind.csv:1: header: column 'label_fr' is missing"},
        {"unknown column",
         "id,family,label_fr,unit,kind,mandatory,max,aggregate,metric,method_fr,levels_fr,source,"
         "extra\n",
         ERR_INPUT, "ind.csv:1: header: column 'extra' is unknown"},
        {"bad family", HEAD "x,finances,X,€,number,1,10,sum,,,,S\n", ERR_INPUT,
         "ind.csv:2: family: 'finances'"},
        {"bad kind", HEAD "x,gouvernance,X,€,text,1,10,sum,,,,S\n", ERR_INPUT,
         "ind.csv:2: kind: 'text'"},
        {"bad id", HEAD "X-1,gouvernance,X,€,number,1,10,sum,,,,S\n", ERR_INPUT, "ind.csv:2: id:"},
        {"repeated id", HEAD OK_NUM OK_NUM, ERR_INPUT, "ind.csv:3: id: 'budget' is repeated"},
        {"mandatory not 0/1", HEAD "x,gouvernance,X,€,number,oui,10,sum,,,,S\n", ERR_INPUT,
         "ind.csv:2: mandatory"},
        {"number without max", HEAD "x,gouvernance,X,€,number,1,,sum,,,,S\n", ERR_INPUT,
         "ind.csv:2: max"},
        {"unknown metric", HEAD "x,activites_resultats,X,t,computed,1,,sum,magic,How,,S\n",
         ERR_INPUT, "ind.csv:2: metric: 'magic'"},
        {"computed without method",
         HEAD "x,activites_resultats,X,t,computed,1,,sum,eur_saved,,,S\n", ERR_INPUT,
         "ind.csv:2: method_fr"},
        {"four levels", HEAD "x,gouvernance,X,n,level,1,,mean,,,a|b|c|d,S\n", ERR_INPUT,
         "ind.csv:2: levels_fr"},
        {"empty level", HEAD "x,gouvernance,X,n,level,1,,mean,,,a||c|d|e,S\n", ERR_INPUT,
         "ind.csv:2: levels_fr"},
        {"no source", HEAD "x,gouvernance,X,€,number,1,10,sum,,,,\n", ERR_INPUT,
         "ind.csv:2: source"},
        {"short row", HEAD OK_NUM "x,gouvernance\n", ERR_INPUT, "ind.csv:3: 2 fields"},
        {"bad aggregate", HEAD "x,gouvernance,X,€,number,1,10,median,,,,S\n", ERR_INPUT,
         "ind.csv:2: aggregate"},
        {"header only", HEAD, ERR_INPUT, "no indicator"},
        {"unterminated quote", HEAD "\"x,gouvernance\n", ERR_INPUT, "ind.csv:2:"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct report_framework fw;
        struct err_list errs;
        struct err e;
        err_init(&e);
        err_list_init(&errs, 10);
        int rc =
            report_framework_parse(&fw, "ind.csv", cases[i].csv, strlen(cases[i].csv), &errs, &e);
        if (rc != cases[i].want)
            fail_msg("%s: rc %d, want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (cases[i].msg && (!errs.n || !strstr(errs.lines[0], cases[i].msg)))
            fail_msg("%s: first error '%s', want '%s'", cases[i].name, errs.n ? errs.lines[0] : "",
                     cases[i].msg);
        if (rc)
            assert_int_equal(fw.n, 0); /* all or nothing */
        else
            assert_int_equal(fw.n, 3);
        report_framework_release(&fw);
        err_list_release(&errs);
    }
}

static void test_value_parse(void **state)
{
    (void)state;
    struct report_framework fw;
    struct err_list errs;
    struct err e;
    err_init(&e);
    err_list_init(&errs, 10);
    const char *csv = HEAD OK_NUM OK_LEVEL OK_COMP;
    assert_int_equal(report_framework_parse(&fw, "ind.csv", csv, strlen(csv), &errs, &e), ERR_OK);
    static const struct {
        const char *name;
        size_t ind;
        const char *text;
        int want;
        double value;
        const char *msg;
    } cases[] = {
        {"number", 0, "12", ERR_OK, 12, NULL},
        {"french decimal", 0, "2,5", ERR_OK, 2.5, NULL},
        {"grouped thousands", 0, " 1 000 ", ERR_OK, 1000, NULL},
        {"zero", 0, "0", ERR_OK, 0, NULL},
        {"negative budget", 0, "-5", ERR_INPUT, 0,
         "Budget (budget) : la valeur ne peut pas être négative"},
        {"text in a number", 0, "beaucoup", ERR_INPUT, 0,
         "Budget (budget) : « beaucoup » n'est pas un nombre"},
        {"empty", 0, "", ERR_INPUT, 0, "n'est pas un nombre"},
        {"above max", 0, "1001", ERR_INPUT, 0, "dépasse le maximum de 1 000 €"},
        {"nan", 0, "nan", ERR_INPUT, 0, "n'est pas un nombre"},
        {"level 4", 1, "4", ERR_OK, 4, NULL},
        {"level 0", 1, "0", ERR_OK, 0, NULL},
        {"level 7", 1, "7", ERR_INPUT, 0,
         "Soutien (soutien) : le niveau doit être un entier de 0 à 4"},
        {"level 2.5", 1, "2,5", ERR_INPUT, 0, "le niveau doit être un entier"},
        {"level -1", 1, "-1", ERR_INPUT, 0, "ne peut pas être négative"},
        {"computed", 2, "12", ERR_INPUT, 0, "tonnes : cet indicateur est calculé"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        double v = -1;
        err_init(&e);
        int rc = report_value_parse(&fw.ind[cases[i].ind], slice_cstr(cases[i].text), &v, &e);
        if (rc != cases[i].want)
            fail_msg("%s: rc %d, want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc == ERR_OK && v != cases[i].value)
            fail_msg("%s: %g, want %g", cases[i].name, v, cases[i].value);
        if (cases[i].msg && !strstr(e.msg, cases[i].msg))
            fail_msg("%s: '%s', want '%s'", cases[i].name, e.msg, cases[i].msg);
    }
    report_framework_release(&fw);
    err_list_release(&errs);
}

static void test_year_span(void **state)
{
    (void)state;
    static const struct {
        int year;
        int64_t from, to;
    } cases[] = {
        {2000, 946684800, 978307200},   /* leap year divisible by 400 */
        {2024, 1704067200, 1735689600}, /* leap year */
        {2026, 1767225600, 1798761600},
        {2100, 4102444800, 4133980800}, /* not a leap year */
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t from, to;
        report_year_span(cases[i].year, &from, &to);
        if (from != cases[i].from || to != cases[i].to)
            fail_msg("%d: [%lld, %lld)", cases[i].year, (long long)from, (long long)to);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_framework),
        cmocka_unit_test(test_framework_errors),
        cmocka_unit_test(test_value_parse),
        cmocka_unit_test(test_year_span),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
