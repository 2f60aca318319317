/* SPDX-License-Identifier: MIT */
/*
 * http_eval_test.c - the yearly evaluation through the API: one figure
 * (tonnes diverted by implemented synergies) read from every place that
 * shows it changes together when a synergy's status changes, and the sum
 * of the territories equals the region; who may read, enter, close and
 * reopen; malformed values and a close with missing mandatory indicators
 * are refused in French, naming the field, and change nothing; reports.
 */
#include "http_fixture.h"

#include <math.h>
#include <time.h>

static int setup(void **state)
{
    *state = fx_new(true);
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    return 0;
}

static int this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900;
}

static double jnum(const json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* The territory row of an /indicators answer. */
static const json_t *terr_row(const json_t *ind, int64_t id)
{
    size_t i;
    const json_t *t;
    json_array_foreach(json_object_get(ind, "territories"), i, t)
    {
        if (json_integer_value(json_object_get(t, "territory_id")) == id)
            return t;
    }
    return NULL;
}

/* Column col of the row starting with "<id>," or whose name is `name`. */
static double csv_cell(const char *csv, const char *name, const char *col)
{
    const char *nl = strchr(csv, '\n');
    int want = -1, k = 0;
    for (const char *p = csv; p < nl; k++) {
        const char *c = memchr(p, ',', (size_t)(nl - p));
        size_t len = c ? (size_t)(c - p) : (size_t)(nl - p);
        if (len == strlen(col) && memcmp(p, col, len) == 0)
            want = k;
        p += len + 1;
    }
    for (const char *line = nl + 1; want >= 0 && *line; line = strchr(line, '\n') + 1) {
        char buf[1024];
        const char *end = strchr(line, '\n');
        snprintf(buf, sizeof(buf), "%.*s", (int)(end - line), line);
        if (!strstr(buf, name))
            continue;
        char *save = NULL, *f = strtok_r(buf, ",", &save);
        for (int i = 0; f && i < want; i++)
            f = strtok_r(NULL, ",", &save);
        return f ? strtod(f, NULL) : NAN;
    }
    return NAN;
}

enum place {
    P_CARD,         /* dashboard card, to date */
    P_ROW,          /* dashboard territory row, to date */
    P_CARD_YEAR,    /* dashboard card, ?year= */
    P_ROW_YEAR,     /* dashboard territory row, ?year= */
    P_TABLE_CSV,    /* the comparable indicators CSV */
    P_EVAL,         /* the territory's evaluation */
    P_REGION_ROW,   /* all territories side by side */
    P_REGION_TOTAL, /* their total */
    P_EXPORT_JSON,  /* the framework's values, JSON */
    P_EXPORT_CSV,   /* the framework's values, CSV */
    N_PLACES
};
static const char *const place_names[N_PLACES] = {
    "card",           "row",        "card ?year",      "row ?year",
    "indicators.csv", "evaluation", "evaluations row", "evaluations region",
    "export json",    "export csv"};

/* Every place that shows territory 1's tonnes diverted, as the admin. */
static void read_places(struct fx *fx, int year, double *v)
{
    char path[160];
    json_t *j = fx_json(fx, "GET", "/api/v1/indicators", FX_ADMIN, NULL, 200);
    v[P_CARD] = jnum(json_object_get(json_object_get(j, "implemented"), "t_diverted"));
    v[P_ROW] = jnum(json_object_get(terr_row(j, fx->terr[1]), "t_diverted"));
    /* the card is the region: the sum of the territory rows */
    double sum = 0;
    size_t i;
    const json_t *t;
    json_array_foreach(json_object_get(j, "territories"), i, t) sum +=
        jnum(json_object_get(t, "t_diverted"));
    assert_true(fabs(sum - v[P_CARD]) < 1e-6);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/indicators?year=%d", year);
    j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    v[P_CARD_YEAR] = jnum(json_object_get(json_object_get(j, "implemented"), "t_diverted"));
    v[P_ROW_YEAR] = jnum(json_object_get(terr_row(j, fx->terr[1]), "t_diverted"));
    json_decref(j);
    struct http_fake_response r;
    fx_req(fx, &r, "GET", "/api/v1/indicators.csv", FX_ADMIN, NULL, NULL);
    assert_int_equal(r.status, 200);
    v[P_TABLE_CSV] = csv_cell(r.body, "Estuaire", "t_diverted");
    http_fake_response_release(&r);
    snprintf(path, sizeof(path), "/api/v1/territories/%lld/evaluations/%d", (long long)fx->terr[1],
             year);
    j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    v[P_EVAL] = NAN;
    json_array_foreach(json_object_get(j, "indicators"), i, t)
    {
        if (strcmp(json_string_value(json_object_get(t, "id")), "act_tonnes_diverted") == 0)
            v[P_EVAL] = jnum(json_object_get(t, "value"));
    }
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/evaluations?year=%d", year);
    j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    sum = 0;
    json_array_foreach(json_object_get(j, "territories"), i, t)
    {
        double x = jnum(json_object_get(json_object_get(t, "values"), "act_tonnes_diverted"));
        sum += x;
        if (json_integer_value(json_object_get(t, "id")) == fx->terr[1])
            v[P_REGION_ROW] = x;
    }
    v[P_REGION_TOTAL] = jnum(json_object_get(
        json_object_get(json_object_get(j, "region"), "values"), "act_tonnes_diverted"));
    assert_true(fabs(sum - v[P_REGION_TOTAL]) < 1e-6);
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/evaluations/export?format=json&year=%d&territory_id=%lld",
             year, (long long)fx->terr[1]);
    j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    v[P_EXPORT_JSON] = jnum(json_object_get(
        json_object_get(json_array_get(json_object_get(j, "values"), 0), "indicators"),
        "act_tonnes_diverted"));
    json_decref(j);
    snprintf(path, sizeof(path), "/api/v1/evaluations/export?format=csv&year=%d", year);
    fx_req(fx, &r, "GET", path, FX_ADMIN, NULL, NULL);
    assert_int_equal(r.status, 200);
    /* the row of territory 1 and this indicator */
    char key[64];
    snprintf(key, sizeof(key), "%lld,Estuaire,%d,act_tonnes_diverted,", (long long)fx->terr[1],
             year);
    const char *row = strstr(r.body, key);
    assert_non_null(row);
    v[P_EXPORT_CSV] = csv_cell(r.body, key, "value");
    http_fake_response_release(&r);
}

static void expect_everywhere(struct fx *fx, int year, double want)
{
    double v[N_PLACES];
    read_places(fx, year, v);
    for (int p = 0; p < N_PLACES; p++) {
        if (fabs(v[p] - want) > 1e-6)
            fail_msg("%s shows %g t, expected %g", place_names[p], v[p], want);
    }
}

static void patch_status(struct fx *fx, const char *body)
{
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/synergies/%lld", (long long)fx->syn_ab);
    json_decref(fx_json(fx, "PATCH", path, FX_FAC1, body, 200));
}

static void test_same_figure_everywhere(void **state)
{
    struct fx *fx = *state;
    int year = this_year();
    expect_everywhere(fx, year, 0);
    patch_status(fx, "{\"status\":\"in_progress\"}");
    expect_everywhere(fx, year, 0);
    /* implemented, effects not measured yet: the estimate (40 t) counts
     * everywhere (the dashboard card once counted measured effects only) */
    patch_status(fx, "{\"status\":\"implemented\"}");
    expect_everywhere(fx, year, 40);
    /* then measured: the measure replaces the estimate everywhere */
    patch_status(fx, "{\"measured_t_diverted\":38}");
    expect_everywhere(fx, year, 38);
    /* a year before it was implemented shows nothing */
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/indicators?year=%d", year - 1);
    json_t *j = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    assert_true(jnum(json_object_get(json_object_get(j, "implemented"), "t_diverted")) == 0);
    json_decref(j);
    /* abandoned: it leaves every place together */
    patch_status(fx, "{\"status\":\"abandoned\",\"reason\":\"fin du contrat\"}");
    expect_everywhere(fx, year, 0);
}

/* The open synergy's potential counts its offer once, whatever the receivers. */
static void test_potential_once(void **state)
{
    struct fx *fx = *state;
    json_t *j = fx_json(fx, "GET", "/api/v1/indicators", FX_ADMIN, NULL, 200);
    double pot = jnum(json_object_get(json_object_get(j, "potential"), "t_diverted"));
    json_decref(j);
    /* a second receiver for the same 40 t offer (C's need is heat: use B's
     * flow again through a new synergy towards C, the offer stays 40 t) */
    char body[256];
    snprintf(body, sizeof(body), "{\"offer_flow_id\":%lld,\"receiver_org_id\":%lld}",
             (long long)fx->flow_a, (long long)fx->org_c);
    struct http_fake_response r;
    fx_req(fx, &r, "POST", "/api/v1/synergies", FX_FAC1, body, NULL);
    http_fake_response_release(&r);
    j = fx_json(fx, "GET", "/api/v1/indicators", FX_ADMIN, NULL, 200);
    double pot2 = jnum(json_object_get(json_object_get(j, "potential"), "t_diverted"));
    json_decref(j);
    assert_true(pot > 0);
    assert_true(pot2 <= 40 + 1e-6); /* never more than the offer */
}

static void test_roles(void **state)
{
    struct fx *fx = *state;
    int year = this_year();
    char path[128], sub[160];
    snprintf(path, sizeof(path), "/api/v1/territories/%lld/evaluations/%d", (long long)fx->terr[1],
             year);
    const char *vals = "{\"values\":{\"gov_co_carriers\":3,\"eco_budget_eur\":\"120 000\","
                       "\"gov_political_support\":2}}";
    /* members and collectors: the dashboard of their organisation only */
    json_t *j = fx_json(fx, "GET", "/api/v1/indicators", FX_MEM_A, NULL, 200);
    assert_string_equal(json_string_value(json_object_get(j, "scope")), "organisation");
    assert_int_equal(json_integer_value(json_object_get(j, "companies")), 1);
    assert_int_equal(json_array_size(json_object_get(j, "territories")), 0);
    assert_true(json_is_null(json_object_get(j, "potential")));
    json_decref(j);
    static const struct {
        int who;
        const char *method;
        int status;
    } matrix[] = {
        {FX_MEM_A, "GET", 403}, {FX_COLL, "GET", 403},  {FX_FAC2, "GET", 404},
        {FX_OBS, "GET", 200},   {FX_ADMIN, "GET", 200}, {FX_FAC1, "GET", 200},
        {FX_MEM_A, "PUT", 403}, {FX_OBS, "PUT", 403},   {FX_FAC2, "PUT", 404},
    };
    for (size_t i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
        struct http_fake_response r;
        fx_req(fx, &r, matrix[i].method, path, matrix[i].who,
               strcmp(matrix[i].method, "PUT") ? NULL : vals, NULL);
        if (r.status != matrix[i].status)
            fail_msg("%s as %s: %d, expected %d", matrix[i].method, fx_emails[matrix[i].who],
                     r.status, matrix[i].status);
        http_fake_response_release(&r);
    }
    snprintf(sub, sizeof(sub), "/api/v1/evaluations?year=%d", year);
    json_decref(fx_json(fx, "GET", sub, FX_MEM_A, NULL, 403));
    /* facilitator 2 sees only their territory side by side */
    j = fx_json(fx, "GET", sub, FX_FAC2, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "territories")), 1);
    json_decref(j);
    /* malformed values: French, naming each field, nothing written */
    j = fx_json(fx, "PUT", path, FX_FAC1,
                "{\"values\":{\"eco_budget_eur\":-5,\"gov_political_support\":7,"
                "\"gov_co_carriers\":\"trois\",\"gov_steering_meetings\":4}}",
                422);
    const json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
    assert_non_null(strstr(json_string_value(json_object_get(fields, "values.eco_budget_eur")),
                           "ne peut pas être négative"));
    assert_non_null(
        strstr(json_string_value(json_object_get(fields, "values.gov_political_support")),
               "entier de 0 à 4"));
    assert_non_null(strstr(json_string_value(json_object_get(fields, "values.gov_co_carriers")),
                           "« trois » n'est pas un nombre"));
    json_decref(j);
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM eval_values"), 0);
    /* closing with missing mandatory indicators names them */
    snprintf(sub, sizeof(sub), "%s/close", path);
    j = fx_json(fx, "POST", sub, FX_FAC1, NULL, 422);
    const char *msg = json_string_value(json_object_get(json_object_get(j, "error"), "message"));
    assert_non_null(strstr(msg, "impossible de clore"));
    assert_non_null(strstr(msg, "eco_budget_eur"));
    assert_non_null(strstr(msg, "gov_carrier_structure"));
    json_decref(j);
    json_decref(fx_json(fx, "PUT", path, FX_FAC1, vals, 200));
    json_decref(fx_json(fx, "PUT", path, FX_FAC1,
                        "{\"values\":{\"gov_carrier_structure\":3,\"gov_steering_meetings\":4,"
                        "\"eco_public_funding_pct\":\"62,5\",\"eco_facilitation_fte\":1.5,\"eco_"
                        "sustainability\":2}}",
                        200));
    /* who entered it: shown to the admin, never to a funder */
    json_t *admin = fx_json(fx, "GET", path, FX_ADMIN, NULL, 200);
    char *dump = json_dumps(admin, 0);
    assert_non_null(strstr(dump, "fac1@test.fr"));
    free(dump);
    json_decref(admin);
    json_t *obs = fx_json(fx, "GET", path, FX_OBS, NULL, 200);
    dump = json_dumps(obs, 0);
    assert_null(strstr(dump, "fac1@test.fr"));
    assert_non_null(strstr(dump, "120000"));
    free(dump);
    json_decref(obs);
    assert_true(fx_sql_int(fx, "SELECT count(*) FROM audit_log WHERE action = "
                               "'evaluation_values'") == 2);
    /* close, then read-only until the regional admin reopens */
    j = fx_json(fx, "POST", sub, FX_FAC1, NULL, 200);
    assert_true(json_is_true(json_object_get(j, "closed")));
    json_decref(j);
    json_decref(fx_json(fx, "PUT", path, FX_FAC1, vals, 409));
    json_decref(fx_json(fx, "POST", sub, FX_FAC1, NULL, 409));
    snprintf(sub, sizeof(sub), "%s/reopen", path);
    json_decref(fx_json(fx, "POST", sub, FX_FAC1, NULL, 403));
    j = fx_json(fx, "POST", sub, FX_ADMIN, NULL, 200);
    assert_true(json_is_false(json_object_get(j, "closed")));
    json_decref(j);
    json_decref(fx_json(fx, "PUT", path, FX_FAC1, "{\"values\":{\"eco_budget_eur\":null}}", 200));
    assert_int_equal(fx_sql_int(fx, "SELECT count(*) FROM eval_values WHERE indicator = "
                                    "'eco_budget_eur'"),
                     0);
    /* a computed one cannot be typed */
    json_decref(fx_json(fx, "PUT", path, FX_FAC1, "{\"values\":{\"act_eur_saved\":5}}", 422));
}

static void test_reports(void **state)
{
    struct fx *fx = *state;
    int year = this_year();
    static const struct {
        int who;
        bool is_territory;
        int year_delta; /* added to this year; -1000 gives a year before 2000 */
        const char *format;
        int status;
        const char *magic;
    } cases[] = {
        {FX_FAC1, true, 0, "pdf", 200, "%PDF"},    {FX_FAC1, true, 0, "xlsx", 200, "PK"},
        {FX_OBS, true, 0, "pdf", 200, "%PDF"},     {FX_FAC2, true, 0, "pdf", 404, NULL},
        {FX_MEM_A, true, 0, "pdf", 403, NULL},     {FX_FAC1, true, 0, "doc", 422, NULL},
        {FX_ADMIN, false, 0, "pdf", 200, "%PDF"},  {FX_OBS, false, 0, "xlsx", 200, "PK"},
        {FX_FAC1, false, 0, "pdf", 403, NULL},     {FX_ADMIN, false, -1000, "pdf", 422, NULL},
        {FX_ADMIN, true, -1000, "pdf", 422, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char path[160];
        int y = year + cases[i].year_delta;
        if (cases[i].is_territory)
            snprintf(path, sizeof(path), "/api/v1/territories/%lld/evaluations/%d/report?format=%s",
                     (long long)fx->terr[1], y, cases[i].format);
        else
            snprintf(path, sizeof(path), "/api/v1/evaluations/report?year=%d&format=%s", y,
                     cases[i].format);
        struct http_fake_response r;
        fx_req(fx, &r, "GET", path, cases[i].who, NULL, NULL);
        if (r.status != cases[i].status)
            fail_msg("case %zu %s: %d, expected %d", i, path, r.status, cases[i].status);
        if (cases[i].magic &&
            (r.body_len < 4 || memcmp(r.body, cases[i].magic, strlen(cases[i].magic)) != 0))
            fail_msg("case %zu %s: not a %s file", i, path, cases[i].magic);
        http_fake_response_release(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_figure_everywhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_potential_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reports, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
