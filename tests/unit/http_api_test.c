/* SPDX-License-Identifier: MIT */
/*
 * http_api_test.c - the API in-process against a real database: sessions
 * and cross-site rules, the confidentiality matrix (every endpoint x every
 * role x own/other scope, exact status, and no private field of another
 * organisation or territory in any body), hostile inputs that must write
 * nothing, the "mise en relation" and CSV imports.
 */
#include "http_fixture.h"

/* ---------------------------------------------------------- auth */

static int setup_nologin(void **state)
{
    *state = fx_new(false);
    return 0;
}

static int setup_login(void **state)
{
    *state = fx_new(true);
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    return 0;
}

static int status_of(struct fx *fx, const char *method, const char *path, int who, const char *body)
{
    struct http_fake_response r;
    fx_req(fx, &r, method, path, who, body, NULL);
    int st = r.status;
    http_fake_response_release(&r);
    return st;
}

static void test_login_cookie_and_me(void **state)
{
    struct fx *fx = *state;
    struct http_fake_response r;
    fx_req(fx, &r, "POST", "/api/v1/auth/login", -1,
           "{\"email\":\"MEMA@test.fr\",\"password\":\"" FX_PASSWORD "\"}", NULL);
    assert_int_equal(r.status, 200);
    const char *c = http_fake_response_header(&r, "Set-Cookie");
    assert_non_null(c);
    assert_non_null(strstr(c, "HttpOnly"));
    assert_non_null(strstr(c, "SameSite=Strict"));
    assert_non_null(strstr(c, "Path=/"));
    /* 256-bit token: 64 hex digits */
    const char *eq = strchr(c, '=');
    const char *semi = strchr(c, ';');
    assert_int_equal(semi - eq - 1, 64);
    assert_null(strstr(r.body, FX_PASSWORD));
    http_fake_response_release(&r);
    fx_login(fx, FX_MEM_A);
    fx_req(fx, &r, "GET", "/api/v1/auth/me", FX_MEM_A, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"role\":\"member\""));
    http_fake_response_release(&r);
    /* logout revokes: the same cookie is then anonymous */
    assert_int_equal(status_of(fx, "POST", "/api/v1/auth/logout", FX_MEM_A, NULL), 200);
    assert_int_equal(status_of(fx, "GET", "/api/v1/auth/me", FX_MEM_A, NULL), 401);
}

struct login_case {
    const char *name;
    const char *body;
    int status;
};

static const struct login_case login_cases[] = {
    {"wrong password", "{\"email\":\"mema@test.fr\",\"password\":\"nope\"}", 401},
    {"unknown email", "{\"email\":\"who@test.fr\",\"password\":\"nope\"}", 401},
    {"missing password", "{\"email\":\"mema@test.fr\"}", 400},
    {"extra field", "{\"email\":\"a\",\"password\":\"b\",\"role\":\"regional_admin\"}", 400},
    {"not json", "email=a&password=b", 400},
    {"wrong type", "{\"email\":1,\"password\":2}", 400},
    {"sql", "{\"email\":\"' OR 1=1 --\",\"password\":\"' OR 1=1 --\"}", 401},
};

static void test_login_failures(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < sizeof(login_cases) / sizeof(login_cases[0]); i++) {
        struct http_fake_response r;
        fx_req(fx, &r, "POST", "/api/v1/auth/login", -1, login_cases[i].body, "X-Forwarded-For",
               "x", NULL);
        if (r.status != login_cases[i].status)
            fail_msg("case %s: %d %s", login_cases[i].name, r.status, r.body);
        assert_null(http_fake_response_header(&r, "Set-Cookie"));
        http_fake_response_release(&r);
    }
}

static void test_cross_site_writes(void **state)
{
    struct fx *fx = *state;
    char path[64];
    snprintf(path, sizeof(path), "/api/v1/flows/%lld", (long long)fx->flow_a);
    const char *body = "{\"description\":\"changed\"}";
    struct http_fake_response r;
    /* no CSRF header */
    fx_req(fx, &r, "PATCH", path, FX_MEM_A, body, "X-CSRF-Token", "", NULL);
    assert_int_equal(r.status, 403);
    http_fake_response_release(&r);
    /* another session's token */
    fx_req(fx, &r, "PATCH", path, FX_MEM_A, body, "X-CSRF-Token", fx->csrf[FX_MEM_B], NULL);
    assert_int_equal(r.status, 403);
    http_fake_response_release(&r);
    /* foreign origin, even with the token */
    fx_req(fx, &r, "PATCH", path, FX_MEM_A, body, "Origin", "https://evil.example", NULL);
    assert_int_equal(r.status, 403);
    http_fake_response_release(&r);
    fx_req(fx, &r, "PATCH", path, FX_MEM_A, body, "Sec-Fetch-Site", "cross-site", NULL);
    assert_int_equal(r.status, 403);
    http_fake_response_release(&r);
    /* login from another site is refused too */
    fx_req(fx, &r, "POST", "/api/v1/auth/login", -1,
           "{\"email\":\"mema@test.fr\",\"password\":\"" FX_PASSWORD "\"}", "Sec-Fetch-Site",
           "cross-site", NULL);
    assert_int_equal(r.status, 403);
    http_fake_response_release(&r);
    /* same origin with the token works */
    fx_req(fx, &r, "PATCH", path, FX_MEM_A, body, "Origin", "http://127.0.0.1", "Sec-Fetch-Site",
           "same-origin", NULL);
    assert_int_equal(r.status, 200);
    http_fake_response_release(&r);
}

/* ------------------------------------------------ confidentiality */

enum target {
    T_NONE,
    T_FLOW_A,
    T_FLOW_B,
    T_FLOW_CO,
    T_FLOW_CN,
    T_ORG_A,
    T_ORG_B,
    T_ORG_C,
    T_SYN,
    T_TERR1,
    T_TERR2,
};

static int64_t target_id(const struct fx *fx, enum target t)
{
    switch (t) {
    case T_FLOW_A:
        return fx->flow_a;
    case T_FLOW_B:
        return fx->flow_b;
    case T_FLOW_CO:
        return fx->flow_c_offer;
    case T_FLOW_CN:
        return fx->flow_c_need;
    case T_ORG_A:
        return fx->org_a;
    case T_ORG_B:
        return fx->org_b;
    case T_ORG_C:
        return fx->org_c;
    case T_SYN:
        return fx->syn_ab;
    case T_TERR1:
        return fx->terr[1];
    case T_TERR2:
        return fx->terr[2];
    case T_NONE:
        break;
    }
    return 0;
}

/* Private markers of each organisation: none may reach an outsider. */
#define A_PRIVATE "Cartonnerie Alpha", "12345678000014", "secret-alpha", "mema@test.fr"
#define B_PRIVATE "Boulangerie Beta", "55512345000010", "secret-beta", "memb@test.fr", "60 t/yr"
#define C_PRIVATE "Chaudronnerie Gamma", "77788899900011", "secret-gamma", "memc@test.fr"

static const char *const forbidden[FX_N][16] = {
    [FX_ADMIN] = {A_PRIVATE, B_PRIVATE, C_PRIVATE, "1 rue du Test", NULL},
    [FX_FAC1] = {C_PRIVATE, "carton propre", NULL},
    [FX_FAC2] = {A_PRIVATE, B_PRIVATE, NULL},
    [FX_MEM_A] = {B_PRIVATE, C_PRIVATE, NULL},
    [FX_MEM_B] = {A_PRIVATE, C_PRIVATE, NULL},
    [FX_MEM_C] = {A_PRIVATE, B_PRIVATE, NULL},
    [FX_OBS] = {A_PRIVATE, B_PRIVATE, C_PRIVATE, "1 rue du Test", NULL},
    [FX_COLL] = {A_PRIVATE, B_PRIVATE, C_PRIVATE, "1 rue du Test", NULL},
};

struct matrix_row {
    const char *method;
    const char *fmt; /* path with %lld for the target id */
    enum target t;
    const char *body;
    int status[FX_N];         /* admin fac1 fac2 memA memB memC obs coll */
    bool is_anon_for_members; /* B and C members must get "anonymised":true */
};

/* Reads first: each row sees the fixture as built. */
static const struct matrix_row read_rows[] = {
    {"GET", "/api/v1/flows/%lld", T_FLOW_A, NULL, {200, 200, 404, 200, 200, 200, 200, 200}, true},
    {"GET", "/api/v1/flows/%lld", T_FLOW_B, NULL, {200, 200, 404, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/flows/%lld", T_FLOW_CO, NULL, {200, 404, 200, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/flows/%lld", T_FLOW_CN, NULL, {404, 404, 200, 404, 404, 200, 404, 404}, false},
    {"GET", "/api/v1/flows/%lld", T_NONE, NULL, {404, 404, 404, 404, 404, 404, 404, 404}, false},
    {"GET",
     "/api/v1/organisations/%lld",
     T_ORG_A,
     NULL,
     {200, 200, 404, 200, 200, 200, 200, 200},
     true},
    {"GET",
     "/api/v1/organisations/%lld",
     T_ORG_B,
     NULL,
     {200, 200, 404, 200, 200, 200, 200, 200},
     false},
    {"GET",
     "/api/v1/organisations/%lld",
     T_ORG_C,
     NULL,
     {200, 404, 200, 200, 200, 200, 200, 200},
     false},
    {"GET",
     "/api/v1/territories/%lld",
     T_TERR1,
     NULL,
     {200, 200, 404, 200, 200, 404, 200, 404},
     false},
    {"GET",
     "/api/v1/territories/%lld",
     T_TERR2,
     NULL,
     {200, 404, 200, 404, 404, 200, 200, 404},
     false},
    {"GET", "/api/v1/synergies/%lld", T_SYN, NULL, {200, 200, 404, 200, 200, 404, 200, 404}, false},
    {"GET",
     "/api/v1/synergies/%lld/history",
     T_SYN,
     NULL,
     {200, 200, 404, 200, 200, 404, 200, 404},
     false},
    {"GET", "/api/v1/flows", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET",
     "/api/v1/flows?direction=offer&code=15",
     T_NONE,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET",
     "/api/v1/flows?organisation_id=%lld",
     T_ORG_A,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET", "/api/v1/organisations", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET",
     "/api/v1/organisations?territory_id=%lld",
     T_TERR1,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET", "/api/v1/territories", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/suggestions", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/synergies", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET",
     "/api/v1/synergies?status=suggested",
     T_NONE,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET", "/api/v1/pools", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/indicators", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/map", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET",
     "/api/v1/ref/waste?q=carton",
     T_NONE,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET",
     "/api/v1/ref/naf?q=boulangerie",
     T_NONE,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET", "/api/v1/audit", T_NONE, NULL, {200, 403, 403, 403, 403, 403, 403, 403}, false},
    {"GET", "/api/v1/auth/me", T_NONE, NULL, {200, 200, 200, 200, 200, 200, 200, 200}, false},
    {"GET", "/api/v1/flows?page=0", T_NONE, NULL, {400, 400, 400, 400, 400, 400, 400, 400}, false},
    {"GET",
     "/api/v1/flows?per_page=1000",
     T_NONE,
     NULL,
     {400, 400, 400, 400, 400, 400, 400, 400},
     false},
    {"GET", "/api/v1/ref/waste", T_NONE, NULL, {400, 400, 400, 400, 400, 400, 400, 400}, false},
    {"GET",
     "/api/v1/flows?sort=-id",
     T_NONE,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET",
     "/api/v1/organisations?sort=commune",
     T_NONE,
     NULL,
     {200, 200, 200, 200, 200, 200, 200, 200},
     false},
    {"GET",
     "/api/v1/organisations?sort=name",
     T_NONE,
     NULL,
     {400, 400, 400, 400, 400, 400, 400, 400},
     false},
    {"GET",
     "/api/v1/flows?sort=-quantity",
     T_NONE,
     NULL,
     {400, 400, 400, 400, 400, 400, 400, 400},
     false},
};

/* Writes: refused ones must leave no trace (checked by the read rows run
 * again afterwards); allowed ones are idempotent changes. */
static const struct matrix_row write_rows[] = {
    {"PATCH",
     "/api/v1/flows/%lld",
     T_FLOW_A,
     "{\"description\":\"secret-alpha\"}",
     {403, 200, 404, 200, 403, 403, 403, 403},
     false},
    {"PATCH",
     "/api/v1/flows/%lld",
     T_FLOW_CN,
     "{\"description\":\"secret-gamma\"}",
     {404, 404, 200, 404, 404, 200, 404, 404},
     false},
    {"PATCH",
     "/api/v1/organisations/%lld",
     T_ORG_A,
     "{\"headcount\":12}",
     {403, 200, 404, 200, 403, 403, 403, 403},
     false},
    {"PATCH",
     "/api/v1/organisations/%lld",
     T_ORG_C,
     "{\"headcount\":12}",
     {403, 404, 200, 403, 403, 200, 403, 403},
     false},
    {"DELETE", "/api/v1/flows/%lld", T_FLOW_B, NULL, {403, 0, 404, 403, 0, 403, 403, 403}, false},
    {"PATCH",
     "/api/v1/synergies/%lld",
     T_SYN,
     "{\"measured_km\":3}",
     {403, 200, 404, 403, 403, 404, 403, 404},
     false},
    {"POST",
     "/api/v1/territories",
     T_NONE,
     "{\"name\":\"Nouveau\"}",
     {201, 403, 403, 403, 403, 403, 403, 403},
     false},
    {"POST",
     "/api/v1/organisations",
     T_NONE,
     "{\"siret\":\"32165498700015\",\"name\":\"X\",\"naf\":\"17.12Z\",\"commune_insee\":\"44109\"}",
     {403, 0, 403, 403, 403, 403, 403, 403},
     false},
    {"POST",
     "/api/v1/synergies",
     T_NONE,
     "{\"offer_flow_id\":1,\"need_flow_id\":2}",
     {403, 201, 422, 403, 403, 403, 403, 403},
     false},
    {"POST",
     "/api/v1/synergies",
     T_NONE,
     "{\"offer_flow_id\":1}",
     {403, 422, 422, 403, 403, 403, 403, 403},
     false},
    {"POST",
     "/api/v1/suggestions/%lld/accept",
     T_SYN,
     NULL,
     {403, 403, 404, 0, 0, 404, 403, 404},
     false},
};

static void check_forbidden(int who, const char *what, const struct http_fake_response *r)
{
    for (size_t k = 0; forbidden[who][k]; k++) {
        if (strstr(r->body, forbidden[who][k]))
            fail_msg("%s as %s: leaks '%s': %s", what, fx_emails[who], forbidden[who][k], r->body);
    }
    /* an anonymised row never carries an exact quantity */
    json_t *j = json_loads(r->body, 0, NULL);
    if (!j)
        fail_msg("%s as %s: body is not JSON", what, fx_emails[who]);
    json_decref(j);
}

static void run_rows(struct fx *fx, const struct matrix_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct matrix_row *row = &rows[i];
        char path[160];
        long long id = row->t == T_NONE ? 999999 : (long long)target_id(fx, row->t);
        /* the format is data: substitute "%lld" by hand */
        const char *mark = strstr(row->fmt, "%lld");
        if (mark)
            snprintf(path, sizeof(path), "%.*s%lld%s", (int)(mark - row->fmt), row->fmt, id,
                     mark + 4);
        else
            snprintf(path, sizeof(path), "%s", row->fmt);
        for (int who = 0; who < FX_N; who++) {
            if (row->status[who] == 0)
                continue; /* checked elsewhere (changes the fixture) */
            struct http_fake_response r;
            fx_req(fx, &r, row->method, path, who, row->body, NULL);
            char what[200];
            snprintf(what, sizeof(what), "%s %s", row->method, path);
            if (r.status != row->status[who])
                fail_msg("%s as %s: %d, expected %d: %s", what, fx_emails[who], r.status,
                         row->status[who], r.body);
            check_forbidden(who, what, &r);
            if (row->is_anon_for_members && (who == FX_MEM_B || who == FX_MEM_C) &&
                !strstr(r.body, "\"anonymised\":true"))
                fail_msg("%s as %s: not anonymised", what, fx_emails[who]);
            http_fake_response_release(&r);
        }
    }
}

static void test_confidentiality_matrix(void **state)
{
    struct fx *fx = *state;
    run_rows(fx, read_rows, sizeof(read_rows) / sizeof(read_rows[0]));
    run_rows(fx, write_rows, sizeof(write_rows) / sizeof(write_rows[0]));
    /* again after the writes: refused writes changed nothing visible */
    run_rows(fx, read_rows, sizeof(read_rows) / sizeof(read_rows[0]));
    /* an anonymised flow shows a band, not the quantity */
    struct http_fake_response r;
    char path[64];
    snprintf(path, sizeof(path), "/api/v1/flows/%lld", (long long)fx->flow_a);
    fx_req(fx, &r, "GET", path, FX_MEM_B, NULL, NULL);
    assert_null(strstr(r.body, "\"quantity\""));
    assert_null(strstr(r.body, "\"organisation_id\""));
    assert_non_null(strstr(r.body, "10 à 100 t/an"));
    http_fake_response_release(&r);
    /* sorting reorders */
    fx_req(fx, &r, "GET", "/api/v1/flows?sort=-id", FX_FAC2, NULL, NULL);
    json_t *j = json_loads(r.body, 0, NULL);
    json_t *items = json_object_get(j, "items");
    assert_true(json_array_size(items) >= 2);
    assert_true(json_integer_value(json_object_get(json_array_get(items, 0), "id")) >
                json_integer_value(json_object_get(json_array_get(items, 1), "id")));
    json_decref(j);
    http_fake_response_release(&r);
    /* the facilitator-only flow is absent from every member's list */
    fx_req(fx, &r, "GET", "/api/v1/flows", FX_MEM_A, NULL, NULL);
    assert_null(strstr(r.body, "\"heat\""));
    http_fake_response_release(&r);
}

/* --------------------------------------------------- hostile input */

static size_t flow_count(struct fx *fx)
{
    struct http_fake_response r;
    fx_req(fx, &r, "GET", "/api/v1/flows", FX_FAC1, NULL, NULL);
    json_t *j = json_loads(r.body, 0, NULL);
    size_t n = (size_t)json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    http_fake_response_release(&r);
    return n;
}

struct hostile_case {
    const char *name;
    const char *body;
    int status;
    const char *field; /* named in error.fields, or NULL */
};

static const struct hostile_case hostile_cases[] = {
    {"malformed", "{\"direction\":\"offer\",", 400, NULL},
    {"array", "[]", 400, NULL},
    {"unknown field",
     "{\"direction\":\"offer\",\"code\":\"150101\",\"quantity\":1,\"unit\":\"t\","
     "\"is_admin\":true}",
     400, "is_admin"},
    {"wrong type",
     "{\"direction\":\"offer\",\"code\":\"150101\",\"quantity\":\"1\",\"unit\":\"t\"}", 400,
     "quantity"},
    {"negative", "{\"direction\":\"offer\",\"code\":\"150101\",\"quantity\":-1,\"unit\":\"t\"}",
     400, "quantity"},
    {"bad enum", "{\"direction\":\"sideways\",\"code\":\"150101\",\"quantity\":1,\"unit\":\"t\"}",
     400, "direction"},
    {"unknown code", "{\"direction\":\"offer\",\"code\":\"999999\",\"quantity\":1,\"unit\":\"t\"}",
     422, "code"},
    {"sql code",
     "{\"direction\":\"offer\",\"code\":\"15'; DROP TABLE flows;--\",\"quantity\":1,"
     "\"unit\":\"t\"}",
     400, "code"},
    {"missing", "{\"direction\":\"offer\"}", 400, "code"},
    {"zero quantity", "{\"direction\":\"offer\",\"code\":\"150101\",\"quantity\":0,\"unit\":\"t\"}",
     422, "quantity"},
    {"hazard lie",
     "{\"direction\":\"offer\",\"code\":\"150110*\",\"quantity\":1,\"unit\":\"t\","
     "\"is_hazardous\":false}",
     422, "is_hazardous"},
};

/* A flow typed through the API gets the yearly quantity a CSV import
 * would give it (core qty_normalise: a day is a working day, 250 a year). */
static void test_flow_quantity_as_import(void **state)
{
    struct fx *fx = *state;
    json_t *j = fx_json(fx, "POST", "/api/v1/flows", FX_MEM_A,
                        "{\"direction\":\"offer\",\"code\":\"150101\",\"quantity\":20,"
                        "\"unit\":\"kg\",\"period\":\"day\"}",
                        201);
    json_int_t id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    struct qty q;
    assert_int_equal(qty_normalise(&q, 20, slice_cstr("kg"), slice_cstr("day"), NULL), ERR_OK);
    char sql[128];
    snprintf(sql, sizeof(sql),
             "SELECT CAST(qty_per_yr * 1000 AS INTEGER) FROM flows WHERE id = %lld", (long long)id);
    assert_int_equal(fx_sql_int(fx, sql), (int)(q.per_yr * 1000));
    assert_int_equal(fx_sql_int(fx, sql), 5000); /* 20 kg x 250 days = 5 t */
}

static void test_hostile_inputs(void **state)
{
    struct fx *fx = *state;
    size_t before = flow_count(fx);
    for (size_t i = 0; i < sizeof(hostile_cases) / sizeof(hostile_cases[0]); i++) {
        const struct hostile_case *c = &hostile_cases[i];
        struct http_fake_response r;
        fx_req(fx, &r, "POST", "/api/v1/flows", FX_MEM_A, c->body, NULL);
        if (r.status != c->status)
            fail_msg("case %s: %d %s", c->name, r.status, r.body);
        if (c->field) {
            json_t *j = json_loads(r.body, 0, NULL);
            json_t *f =
                json_object_get(json_object_get(json_object_get(j, "error"), "fields"), c->field);
            if (!f)
                fail_msg("case %s: field %s not named: %s", c->name, c->field, r.body);
            json_decref(j);
        }
        http_fake_response_release(&r);
    }
    /* oversized body: 413, nothing read */
    size_t big = 70 * 1024;
    char *huge = malloc(big + 1);
    memset(huge, ' ', big);
    huge[0] = '{';
    huge[big - 1] = '}';
    huge[big] = '\0';
    assert_int_equal(status_of(fx, "POST", "/api/v1/flows", FX_MEM_A, huge), 413);
    free(huge);
    /* wrong content type */
    struct http_fake_response r;
    fx_req(fx, &r, "POST", "/api/v1/flows", FX_MEM_A, "{}", "Content-Type", "text/plain", NULL);
    assert_int_equal(r.status, 400);
    http_fake_response_release(&r);
    assert_int_equal(flow_count(fx), before);

    /* HTML and SQL metacharacters are stored as typed; JSON carries them escaped */
    const char *tricky = "{\"direction\":\"offer\",\"code\":\"carton\",\"quantity\":1,"
                         "\"unit\":\"t\",\"description\":\"<script>alert(1)</script> "
                         "'); DROP TABLE flows; --\"}";
    fx_req(fx, &r, "POST", "/api/v1/flows", FX_MEM_A, tricky, NULL);
    assert_int_equal(r.status, 422); /* "carton" is a word, not a code */
    http_fake_response_release(&r);
    tricky = "{\"direction\":\"offer\",\"code\":\"15 01 01\",\"quantity\":1,"
             "\"unit\":\"t\",\"description\":\"<script>alert(1)</script> "
             "'); DROP TABLE flows; --\"}";
    fx_req(fx, &r, "POST", "/api/v1/flows", FX_MEM_A, tricky, NULL);
    assert_int_equal(r.status, 201);
    assert_non_null(strstr(r.body, "<script>alert(1)</script> '); DROP TABLE flows; --"));
    http_fake_response_release(&r);
    assert_int_equal(flow_count(fx), before + 1);
}

/* ---------------------------------------------- mise en relation */

static void test_contact_reveal(void **state)
{
    struct fx *fx = *state;
    char path[96], acc[96];
    snprintf(path, sizeof(path), "/api/v1/synergies/%lld", (long long)fx->syn_ab);
    snprintf(acc, sizeof(acc), "/api/v1/suggestions/%lld/accept", (long long)fx->syn_ab);
    struct http_fake_response r;
    fx_req(fx, &r, "GET", "/api/v1/suggestions", FX_MEM_A, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"total\":1"));
    assert_non_null(strstr(r.body, "10 à 100 t/an")); /* B's need as a band */
    assert_null(strstr(r.body, "Boulangerie Beta"));
    http_fake_response_release(&r);
    /* A accepts: still anonymous for both */
    fx_req(fx, &r, "POST", acc, FX_MEM_A, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"offer_decision\":\"accepted\""));
    assert_null(strstr(r.body, "Boulangerie Beta"));
    http_fake_response_release(&r);
    fx_req(fx, &r, "GET", path, FX_MEM_B, NULL, NULL);
    assert_null(strstr(r.body, "Cartonnerie Alpha"));
    http_fake_response_release(&r);
    /* B accepts: both see each other's names and contacts; status studied */
    fx_req(fx, &r, "POST", acc, FX_MEM_B, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Cartonnerie Alpha"));
    assert_non_null(strstr(r.body, "mema@test.fr"));
    assert_non_null(strstr(r.body, "\"status\":\"studied\""));
    http_fake_response_release(&r);
    fx_req(fx, &r, "GET", path, FX_MEM_A, NULL, NULL);
    assert_non_null(strstr(r.body, "Boulangerie Beta"));
    assert_non_null(strstr(r.body, "memb@test.fr"));
    http_fake_response_release(&r);
    /* no longer a suggestion */
    assert_int_equal(status_of(fx, "POST", acc, FX_MEM_A, NULL), 409);
    /* still nothing for outsiders */
    fx_req(fx, &r, "GET", path, FX_ADMIN, NULL, NULL);
    assert_null(strstr(r.body, "Boulangerie Beta"));
    http_fake_response_release(&r);
    assert_int_equal(status_of(fx, "GET", path, FX_MEM_C, NULL), 404);
}

static void test_synergy_board(void **state)
{
    struct fx *fx = *state;
    char path[96], hist[112];
    snprintf(path, sizeof(path), "/api/v1/synergies/%lld", (long long)fx->syn_ab);
    snprintf(hist, sizeof(hist), "%s/history", path);
    assert_int_equal(status_of(fx, "PATCH", path, FX_FAC1, "{\"status\":\"flying\"}"), 400);
    assert_int_equal(status_of(fx, "PATCH", path, FX_FAC1, "{\"status\":\"abandoned\"}"), 422);
    /* the map is cached per scope; a write makes it fresh again */
    struct http_fake_response m;
    fx_req(fx, &m, "GET", "/api/v1/map", FX_FAC1, NULL, NULL);
    assert_non_null(strstr(m.body, "\"suggested\""));
    http_fake_response_release(&m);
    assert_int_equal(status_of(fx, "PATCH", path, FX_FAC1, "{\"status\":\"in_progress\"}"), 200);
    fx_req(fx, &m, "GET", "/api/v1/map", FX_FAC1, NULL, NULL);
    assert_non_null(strstr(m.body, "\"in_progress\""));
    http_fake_response_release(&m);
    /* another scope never gets that cached answer */
    fx_req(fx, &m, "GET", "/api/v1/map", FX_FAC2, NULL, NULL);
    assert_null(strstr(m.body, "Cartonnerie"));
    assert_null(strstr(m.body, "\"in_progress\""));
    http_fake_response_release(&m);
    assert_int_equal(status_of(fx, "PATCH", path, FX_FAC1,
                               "{\"status\":\"implemented\",\"measured_t_diverted\":38,"
                               "\"measured_co2e_t\":11,\"measured_eur_saved\":2500}"),
                     200);
    struct http_fake_response r;
    fx_req(fx, &r, "GET", hist, FX_FAC1, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"to\":\"in_progress\""));
    assert_non_null(strstr(r.body, "\"to\":\"implemented\""));
    http_fake_response_release(&r);
    fx_req(fx, &r, "GET", "/api/v1/indicators", FX_FAC1, NULL, NULL);
    assert_non_null(strstr(r.body, "\"implemented\":1"));
    assert_non_null(strstr(r.body, "\"t_diverted\":38"));
    http_fake_response_release(&r);
    /* every write is in the audit log */
    fx_req(fx, &r, "GET", "/api/v1/audit", FX_ADMIN, NULL, NULL);
    assert_non_null(strstr(r.body, "\"entity\":\"synergy\""));
    http_fake_response_release(&r);
}

/* ------------------------------------------------------ imports */

static int import_status(struct fx *fx, const char *path, int who, const char *csv,
                         struct http_fake_response *r)
{
    fx_req(fx, r, "POST", path, who, csv, "Content-Type", "text/csv", NULL);
    return r->status;
}

static void test_csv_import(void **state)
{
    struct fx *fx = *state;
    struct http_fake_response r;
    size_t before = flow_count(fx);
    const char *bad = "siret,direction,code,quantity,unit\n"
                      "12345678000014,offer,150101,5,t\n"
                      "12345678000014,sideways,150101,5,t\n"
                      "12345678000014,offer,999999,5,t\n";
    assert_int_equal(import_status(fx, "/api/v1/import/flows", FX_FAC1, bad, &r), 422);
    assert_non_null(strstr(r.body, ":3: direction"));
    assert_non_null(strstr(r.body, ":4: code"));
    http_fake_response_release(&r);
    assert_int_equal(flow_count(fx), before);
    /* C is outside facilitator 1's territory */
    const char *other = "siret,direction,code,quantity,unit\n77788899900011,offer,150101,5,t\n";
    assert_int_equal(import_status(fx, "/api/v1/import/flows", FX_FAC1, other, &r), 422);
    http_fake_response_release(&r);
    assert_int_equal(import_status(fx, "/api/v1/import/flows", FX_MEM_A, bad, &r), 403);
    http_fake_response_release(&r);
    const char *good = "siret,direction,code,quantity,unit\n12345678000014,offer,150101,5,t\n"
                       "55512345000010,need,150101,7,t\n";
    assert_int_equal(import_status(fx, "/api/v1/import/flows", FX_FAC1, good, &r), 201);
    http_fake_response_release(&r);
    assert_int_equal(flow_count(fx), before + 2);
    const char *orgs = "siret,name,naf,commune_insee\n32165498700015,Nouvelle,17.12Z,44109\n";
    assert_int_equal(import_status(fx, "/api/v1/import/organisations", FX_FAC1, orgs, &r), 201);
    http_fake_response_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_login_cookie_and_me, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_login_failures, setup_nologin, teardown),
        cmocka_unit_test_setup_teardown(test_cross_site_writes, setup_login, teardown),
        cmocka_unit_test_setup_teardown(test_confidentiality_matrix, setup_login, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_inputs, setup_login, teardown),
        cmocka_unit_test_setup_teardown(test_contact_reveal, setup_login, teardown),
        cmocka_unit_test_setup_teardown(test_synergy_board, setup_login, teardown),
        cmocka_unit_test_setup_teardown(test_csv_import, setup_login, teardown),
        cmocka_unit_test_setup_teardown(test_flow_quantity_as_import, setup_login, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
