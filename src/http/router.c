/* SPDX-License-Identifier: MIT */
/*
 * router.c - matches a method and a path against the route table
 * (routes.c) and builds the OpenAPI description from that same table, so
 * the description cannot miss a route.
 */
#include "http_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const method_names[] = {
    [HTTP_GET] = "GET",       [HTTP_POST] = "POST", [HTTP_PUT] = "PUT",     [HTTP_PATCH] = "PATCH",
    [HTTP_DELETE] = "DELETE", [HTTP_HEAD] = "HEAD", [HTTP_OTHER] = "OTHER",
};

enum http_method http_method_parse(const char *s)
{
    for (int m = HTTP_GET; m < HTTP_OTHER; m++) {
        if (strcmp(s, method_names[m]) == 0)
            return (enum http_method)m;
    }
    return HTTP_OTHER;
}

const char *http_method_name(enum http_method m)
{
    return (m >= HTTP_GET && m <= HTTP_OTHER) ? method_names[m] : "OTHER";
}

/* A path id: 1 to 18 digits, no sign, no leading zero. */
static bool id_parse(const char *p, size_t n, int64_t *out)
{
    if (n == 0 || n > 18 || p[0] == '0')
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return false;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return true;
}

/* Walks pattern and path segment by segment. */
static bool pattern_match(const char *pat, const char *path, int64_t *ids, size_t *n_ids)
{
    size_t n = 0;
    while (*pat && *path) {
        if (*pat != '/' || *path != '/')
            return false;
        pat++;
        path++;
        const char *pe = strchr(pat, '/');
        const char *qe = strchr(path, '/');
        size_t plen = pe ? (size_t)(pe - pat) : strlen(pat);
        size_t qlen = qe ? (size_t)(qe - path) : strlen(path);
        if (plen == 4 && memcmp(pat, "{id}", 4) == 0) {
            if (n >= HTTP_MAX_IDS || !id_parse(path, qlen, &ids[n]))
                return false;
            n++;
        } else if (plen != qlen || memcmp(pat, path, plen) != 0) {
            return false;
        }
        pat += plen;
        path += qlen;
    }
    if (*pat || *path)
        return false;
    *n_ids = n;
    return true;
}

const struct http_route *http_route_match(enum http_method m, const char *path, int64_t *ids,
                                          size_t *n_ids, bool *is_path_known)
{
    *is_path_known = false;
    *n_ids = 0;
    if (m == HTTP_HEAD)
        m = HTTP_GET;
    for (size_t i = 0; i < http_n_routes; i++) {
        const struct http_route *r = &http_routes[i];
        int64_t tmp[HTTP_MAX_IDS];
        size_t n = 0;
        if (!pattern_match(r->pattern, path, tmp, &n))
            continue;
        *is_path_known = true;
        if (r->method != m)
            continue;
        memcpy(ids, tmp, sizeof(tmp));
        *n_ids = n;
        return r;
    }
    return NULL;
}

static json_t *error_schema_ref(const char *desc)
{
    return json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", desc, "content", "application/json",
                     "schema", "$ref", "#/components/schemas/Error");
}

static json_t *operation_build(const struct http_route *r)
{
    json_t *op =
        json_pack("{s:s, s:[s], s:s}", "summary", r->summary, "tags", r->tag, "operationId", "");
    char opid[160];
    int w = snprintf(opid, sizeof(opid), "%s %s", http_method_name(r->method), r->pattern);
    if (w > 0 && (size_t)w < sizeof(opid))
        json_object_set_new(op, "operationId", json_string(opid));
    json_t *params = json_array();
    size_t n_ids = 0;
    for (const char *p = strstr(r->pattern, "{id}"); p; p = strstr(p + 1, "{id}"))
        n_ids++;
    if (n_ids)
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:b, s:{s:s, s:i}}", "name", "id", "in", "path",
                                        "required", 1, "schema", "type", "integer", "minimum", 1));
    if (r->method == HTTP_GET && strstr(r->summary, "(paged)")) {
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:{s:s, s:i}}", "name", "page", "in", "query",
                                        "schema", "type", "integer", "minimum", 1));
        json_array_append_new(params, json_pack("{s:s, s:s, s:{s:s, s:i, s:i}}", "name", "per_page",
                                                "in", "query", "schema", "type", "integer",
                                                "minimum", 1, "maximum", 200));
    }
    if (r->method == HTTP_GET && strstr(r->summary, "sort="))
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:s, s:{s:s}}", "name", "sort", "in", "query",
                                        "description", "key to sort by, '-' for descending",
                                        "schema", "type", "string"));
    if (r->method != HTTP_GET && !(r->flags & HTTP_ROUTE_PUBLIC))
        json_array_append_new(params,
                              json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", "X-CSRF-Token", "in",
                                        "header", "required", 1, "schema", "type", "string"));
    json_object_set_new(op, "parameters", params);
    if (r->body) {
        char ref[128];
        w = snprintf(ref, sizeof(ref), "#/components/schemas/%s", r->body);
        if (w > 0 && (size_t)w < sizeof(ref)) {
            const char *ct = strcmp(r->body, "Csv") == 0 ? "text/csv" : "application/json";
            json_object_set_new(op, "requestBody",
                                json_pack("{s:b, s:{s:{s:{s:s}}}}", "required", 1, "content", ct,
                                          "schema", "$ref", ref));
        }
    }
    json_t *resps = json_object();
    json_object_set_new(resps, r->method == HTTP_POST ? "201" : "200",
                        json_pack("{s:s}", "description", "success"));
    json_object_set_new(resps, "400", error_schema_ref("malformed request"));
    if (!(r->flags & HTTP_ROUTE_PUBLIC)) {
        json_object_set_new(resps, "401", error_schema_ref("no valid session"));
        json_object_set_new(resps, "403", error_schema_ref("outside the caller's scope"));
    }
    if (n_ids)
        json_object_set_new(resps, "404", error_schema_ref("no such resource"));
    if (r->body)
        json_object_set_new(resps, "422", error_schema_ref("invalid field values"));
    json_object_set_new(op, "responses", resps);
    if (!(r->flags & HTTP_ROUTE_PUBLIC))
        json_object_set_new(op, "security", json_pack("[{s:[]}]", "session"));
    return op;
}

static char *lower_dup(const char *s)
{
    char *p = xstrdup(s);
    for (char *q = p; *q; q++) {
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q - 'A' + 'a');
    }
    return p;
}

json_t *http_openapi_build(void)
{
    json_t *paths = json_object();
    for (size_t i = 0; i < http_n_routes; i++) {
        const struct http_route *r = &http_routes[i];
        json_t *item = json_object_get(paths, r->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, r->pattern, item);
        }
        char *m = lower_dup(http_method_name(r->method));
        json_object_set_new(item, m, operation_build(r));
        free(m);
    }
    json_t *err_schema = json_pack(
        "{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}, s:{s:s, s:{s:s}}}}}}", "type",
        "object", "required", "error", "properties", "error", "type", "object", "required", "code",
        "message", "properties", "code", "type", "string", "message", "type", "string", "fields",
        "type", "object", "additionalProperties", "type", "string");
    json_t *schemas = json_object();
    json_object_set_new(schemas, "Error", err_schema);
    json_object_set_new(schemas, "Csv", json_pack("{s:s}", "type", "string"));
    http_schemas_add(schemas);
    return json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:o, s:{s:o, s:{s:{s:s, s:s, s:s}}}}", "openapi",
        "3.0.3", "info", "title", "symbiose API", "version", "1", "description",
        "Industrial and territorial ecology platform. Writes need the session cookie and the "
        "X-CSRF-Token header returned by /auth/login and /auth/me.",
        "servers", "url", "/", "paths", paths, "components", "schemas", schemas, "securitySchemes",
        "session", "type", "apiKey", "in", "cookie", "name", "symbiose_session");
}
