/* SPDX-License-Identifier: MIT */
/*
 * http_core_test.c - the web module without a database: route matching,
 * the JSON body validator, the status table, the OpenAPI document covering
 * every route, static files (traversal refused) and security headers.
 */
#include "http_fixture.h"

struct route_case {
    const char *name;
    const char *method;
    const char *path;
    const char *pattern; /* expected route, NULL for none */
    int64_t id0;
    bool is_known; /* for NULL: path exists under another method */
};

static const struct route_case route_cases[] = {
    {"list", "GET", "/api/v1/flows", "/api/v1/flows", 0, true},
    {"one", "GET", "/api/v1/flows/42", "/api/v1/flows/{id}", 42, true},
    {"patch", "PATCH", "/api/v1/flows/7", "/api/v1/flows/{id}", 7, true},
    {"nested", "POST", "/api/v1/suggestions/3/accept", "/api/v1/suggestions/{id}/accept", 3, true},
    {"zero id", "GET", "/api/v1/flows/0", NULL, 0, false},
    {"leading zero", "GET", "/api/v1/flows/012", NULL, 0, false},
    {"negative", "GET", "/api/v1/flows/-1", NULL, 0, false},
    {"not a number", "GET", "/api/v1/flows/abc", NULL, 0, false},
    {"huge id", "GET", "/api/v1/flows/99999999999999999999", NULL, 0, false},
    {"trailing slash", "GET", "/api/v1/flows/", NULL, 0, false},
    {"double slash", "GET", "/api/v1//flows", NULL, 0, false},
    {"wrong method", "PUT", "/api/v1/flows", NULL, 0, true},
    {"unknown", "GET", "/api/v1/nothing", NULL, 0, false},
    {"head is get", "HEAD", "/api/v1/health", "/api/v1/health", 0, true},
    {"sql in id", "GET", "/api/v1/flows/1;DROP", NULL, 0, false},
};

static void test_route_match(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(route_cases) / sizeof(route_cases[0]); i++) {
        const struct route_case *c = &route_cases[i];
        int64_t ids[HTTP_MAX_IDS];
        size_t n_ids;
        bool is_known;
        const struct http_route *r =
            http_route_match(http_method_parse(c->method), c->path, ids, &n_ids, &is_known);
        if (c->pattern) {
            if (!r || strcmp(r->pattern, c->pattern) != 0)
                fail_msg("case %s: expected %s", c->name, c->pattern);
            if (c->id0 && (n_ids < 1 || ids[0] != c->id0))
                fail_msg("case %s: id", c->name);
        } else {
            if (r)
                fail_msg("case %s: matched %s", c->name, r->pattern);
            if (is_known != c->is_known)
                fail_msg("case %s: is_known", c->name);
        }
    }
}

static const struct http_field test_fields[] = {
    {"name", HTTP_FIELD_STRING, true, 10, 0, 0, NULL},
    {"n", HTTP_FIELD_INT, false, 0, 1, 5, NULL},
    {"x", HTTP_FIELD_NUMBER, false, 0, 0, 0, NULL},
    {"b", HTTP_FIELD_BOOL, false, 0, 0, 0, NULL},
    {"dir", HTTP_FIELD_ENUM, false, 0, 0, 0, "offer|need"},
};

struct body_case {
    const char *name;
    const char *body;
    int rc;
    const char *bad_field; /* expected in fields, or NULL */
};

static const struct body_case body_cases[] = {
    {"ok", "{\"name\":\"abc\",\"n\":3,\"x\":1.5,\"b\":true,\"dir\":\"need\"}", ERR_OK, NULL},
    {"minimal", "{\"name\":\"a\"}", ERR_OK, NULL},
    {"empty", "", ERR_INPUT, NULL},
    {"malformed", "{\"name\":", ERR_INPUT, NULL},
    {"trailing garbage", "{\"name\":\"a\"} x", ERR_INPUT, NULL},
    {"not object", "[1,2]", ERR_INPUT, NULL},
    {"string root", "\"name\"", ERR_INPUT, NULL},
    {"unknown field", "{\"name\":\"a\",\"admin\":true}", ERR_INPUT, "admin"},
    {"missing", "{\"n\":1}", ERR_INPUT, "name"},
    {"empty required", "{\"name\":\"\"}", ERR_INPUT, "name"},
    {"wrong type", "{\"name\":5}", ERR_INPUT, "name"},
    {"int as string", "{\"name\":\"a\",\"n\":\"3\"}", ERR_INPUT, "n"},
    {"int as float", "{\"name\":\"a\",\"n\":3.5}", ERR_INPUT, "n"},
    {"out of range", "{\"name\":\"a\",\"n\":6}", ERR_INPUT, "n"},
    {"too long", "{\"name\":\"abcdefghijk\"}", ERR_INPUT, "name"},
    {"bad enum", "{\"name\":\"a\",\"dir\":\"both\"}", ERR_INPUT, "dir"},
    {"bool as int", "{\"name\":\"a\",\"b\":1}", ERR_INPUT, "b"},
    {"duplicate key", "{\"name\":\"a\",\"name\":\"b\"}", ERR_INPUT, NULL},
    {"nul in string", "{\"name\":\"a\\u0000b\"}", ERR_INPUT, NULL},
    {"null optional", "{\"name\":\"a\",\"n\":null}", ERR_OK, NULL},
    {"null required", "{\"name\":null}", ERR_INPUT, "name"},
    {"nested object", "{\"name\":{\"a\":1}}", ERR_INPUT, "name"},
    {"html kept", "{\"name\":\"<b>x</b>\"}", ERR_OK, NULL},
    {"sql kept", "{\"name\":\"';DROP--\"}", ERR_OK, NULL},
};

static void test_body_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(body_cases) / sizeof(body_cases[0]); i++) {
        const struct body_case *c = &body_cases[i];
        struct http_resp resp;
        http_resp_init(&resp);
        json_t *out = NULL;
        struct err e;
        int rc = http_body_parse(c->body, strlen(c->body), test_fields,
                                 sizeof(test_fields) / sizeof(test_fields[0]), &resp, &out, &e);
        if (rc != c->rc)
            fail_msg("case %s: rc %d, expected %d (%s)", c->name, rc, c->rc, e.msg);
        if (c->bad_field && !json_object_get(resp.err_fields, c->bad_field))
            fail_msg("case %s: field %s not named", c->name, c->bad_field);
        if (rc == ERR_OK && !out)
            fail_msg("case %s: no object", c->name);
        json_decref(out);
        http_resp_release(&resp);
    }
}

static void test_status_table(void **state)
{
    (void)state;
    static const struct {
        enum err_code code;
        int status;
    } cases[] = {
        {ERR_INPUT, 400},          {ERR_NOT_FOUND, 404},    {ERR_CONFLICT, 409},
        {ERR_FORBIDDEN, 403},      {ERR_UNAUTHORIZED, 401}, {ERR_TOO_LARGE, 413},
        {ERR_RATE_LIMITED, 429},   {ERR_DB, 500},           {ERR_INTERNAL, 500},
        {(enum err_code)999, 500},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        assert_int_equal(http_status_of(cases[i].code), cases[i].status);
}

static void test_openapi_covers_routes(void **state)
{
    (void)state;
    json_t *doc = http_openapi_build();
    json_t *paths = json_object_get(doc, "paths");
    assert_non_null(paths);
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
    for (size_t i = 0; i < http_n_routes; i++) {
        const struct http_route *r = &http_routes[i];
        char m[16];
        snprintf(m, sizeof(m), "%s", http_method_name(r->method));
        for (char *p = m; *p; p++)
            *p = (char)(*p - 'A' + 'a');
        json_t *op = json_object_get(json_object_get(paths, r->pattern), m);
        if (!op)
            fail_msg("route %s %s not in OpenAPI", m, r->pattern);
        if (r->body && !http_body_find(r->body) && strcmp(r->body, "Csv") != 0)
            fail_msg("route %s: body schema %s missing", r->pattern, r->body);
    }
    /* every body schema forbids unknown members, like the parser */
    json_t *schemas = json_object_get(json_object_get(doc, "components"), "schemas");
    for (size_t i = 0; i < http_n_bodies; i++) {
        json_t *s = json_object_get(schemas, http_bodies[i].name);
        assert_non_null(s);
        assert_true(json_is_false(json_object_get(s, "additionalProperties")));
    }
    json_decref(doc);
}

static int setup(void **state)
{
    *state = fx_new(false);
    return 0;
}

static int teardown(void **state)
{
    fx_free(*state);
    return 0;
}

struct get_case {
    const char *name;
    const char *path;
    int status;
};

static const struct get_case static_cases[] = {
    {"index", "/", 200},
    {"api unknown", "/api/v1/nothing", 404},
    {"dotdot", "/../Makefile", 403},
    {"encoded dotdot", "/%2e%2e/Makefile", 403},
    {"hidden", "/.git/config", 403},
    {"nested dotdot", "/js/../../README.md", 403},
    {"backslash", "/..\\Makefile", 403},
    {"absolute", "//etc/passwd", 403},
    {"nul", "/index.html%00.js", 403},
    {"missing", "/nothing.html", 404},
    {"no type", "/README", 404},
    {"openapi public", "/api/v1/openapi.json", 200},
    {"health public", "/api/v1/health", 200},
    {"me needs session", "/api/v1/auth/me", 401},
    {"flows need session", "/api/v1/flows", 401},
};

static void test_static_and_public(void **state)
{
    struct fx *fx = *state;
    for (size_t i = 0; i < sizeof(static_cases) / sizeof(static_cases[0]); i++) {
        const struct get_case *c = &static_cases[i];
        struct http_fake_response r;
        fx_req(fx, &r, "GET", c->path, -1, NULL, NULL);
        if (r.status != c->status)
            fail_msg("case %s: %d, expected %d: %s", c->name, r.status, c->status, r.body);
        /* every answer carries the security headers */
        const char *csp = http_fake_response_header(&r, "Content-Security-Policy");
        if (!csp || !strstr(csp, "frame-ancestors 'none'") || strstr(csp, "unsafe-inline"))
            fail_msg("case %s: CSP", c->name);
        const char *xcto = http_fake_response_header(&r, "X-Content-Type-Options");
        if (!xcto || strcmp(xcto, "nosniff") != 0)
            fail_msg("case %s: nosniff", c->name);
        if (r.status >= 400 && strncmp(r.body, "{\"error\":{\"code\":", 17) != 0)
            fail_msg("case %s: error body %s", c->name, r.body);
        http_fake_response_release(&r);
    }
}

static void test_method_not_allowed(void **state)
{
    struct fx *fx = *state;
    struct http_fake_response r;
    fx_req(fx, &r, "PUT", "/api/v1/health", -1, "{}", NULL);
    assert_int_equal(r.status, 405);
    assert_non_null(strstr(r.body, "method_not_allowed"));
    http_fake_response_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_route_match),
        cmocka_unit_test(test_body_parse),
        cmocka_unit_test(test_status_table),
        cmocka_unit_test(test_openapi_covers_routes),
        cmocka_unit_test_setup_teardown(test_static_and_public, setup, teardown),
        cmocka_unit_test_setup_teardown(test_method_not_allowed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
