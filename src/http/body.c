/* SPDX-License-Identifier: MIT */
/*
 * body.c - request bodies: one JSON object checked against a table of
 * allowed fields, so that every handler rejects unknown members, wrong
 * types and oversized strings the same way and names each bad field.
 * This is the parser of outside input that tests/fuzz/fuzz_http_body.c
 * drives.
 */
#include "http_int.h"

#include <math.h>
#include <string.h>

static const struct http_field *field_find(const struct http_field *fields, size_t n,
                                           const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    }
    return NULL;
}

static bool choice_ok(const char *choices, const char *s)
{
    size_t n = strlen(s);
    const char *p = choices;
    while (p && *p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && memcmp(p, s, n) == 0)
            return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

/* Checks one member's value; returns a message or NULL when fine. */
static const char *field_check(const struct http_field *f, const json_t *v)
{
    if (json_is_null(v))
        return f->is_required ? "must not be null" : NULL;
    switch (f->type) {
    case HTTP_FIELD_STRING:
    case HTTP_FIELD_ENUM: {
        if (!json_is_string(v))
            return "must be a string";
        const char *s = json_string_value(v);
        size_t len = json_string_length(v);
        size_t max = f->max_len ? f->max_len : 1000;
        if (len != strlen(s) || !utf8_valid(s, len))
            return "must be valid UTF-8 text without NUL";
        if (len > max)
            return "is too long";
        if (f->is_required && len == 0)
            return "must not be empty";
        if (f->type == HTTP_FIELD_ENUM && !choice_ok(f->choices, s))
            return "is not one of the allowed values";
        return NULL;
    }
    case HTTP_FIELD_INT: {
        if (!json_is_integer(v))
            return "must be an integer";
        double d = (double)json_integer_value(v);
        if ((f->min != 0 || f->max != 0) && (d < f->min || d > f->max))
            return "is out of range";
        return NULL;
    }
    case HTTP_FIELD_NUMBER: {
        if (!json_is_number(v))
            return "must be a number";
        double d = json_number_value(v);
        if (!isfinite(d))
            return "must be finite";
        if ((f->min != 0 || f->max != 0) && (d < f->min || d > f->max))
            return "is out of range";
        return NULL;
    }
    case HTTP_FIELD_BOOL:
        return json_is_boolean(v) ? NULL : "must be true or false";
    case HTTP_FIELD_IDS: {
        if (!json_is_array(v))
            return "must be an array of integers";
        if (json_array_size(v) > HTTP_MAX_TERRITORIES)
            return "has too many elements";
        size_t i;
        const json_t *x;
        json_array_foreach(v, i, x)
        {
            if (!json_is_integer(x))
                return "must be an array of integers";
            double d = (double)json_integer_value(x);
            if ((f->min != 0 || f->max != 0) && (d < f->min || d > f->max))
                return "has an element out of range";
        }
        return NULL;
    }
    case HTTP_FIELD_OBJECT:
        return json_is_object(v) && json_object_size(v) <= 1000 ? NULL : "must be an object";
    }
    return "has an unknown type";
}

int http_body_parse(const char *body, size_t len, const struct http_field *fields, size_t n_fields,
                    struct http_resp *resp, json_t **out, struct err *e)
{
    *out = NULL;
    if (!body || len == 0)
        return err_set(e, ERR_INPUT, "request body: expected a JSON object");
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return err_set(e, ERR_INPUT, "request body: malformed JSON at line %d column %d: %s",
                       je.line, je.column, je.text);
    if (!json_is_object(root)) {
        json_decref(root);
        return err_set(e, ERR_INPUT, "request body: expected a JSON object");
    }
    size_t n_bad = 0;
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        const struct http_field *f = field_find(fields, n_fields, key);
        const char *msg = f ? field_check(f, v) : "unknown field";
        if (msg) {
            http_resp_field_error(resp, utf8_valid(key, strlen(key)) ? key : "?", msg);
            n_bad++;
        }
    }
    for (size_t i = 0; i < n_fields; i++) {
        if (fields[i].is_required && !json_object_get(root, fields[i].name)) {
            http_resp_field_error(resp, fields[i].name, "is required");
            n_bad++;
        }
    }
    if (n_bad) {
        json_decref(root);
        return err_set(e, ERR_INPUT, "request body: %zu invalid field%s", n_bad,
                       n_bad > 1 ? "s" : "");
    }
    *out = root;
    return ERR_OK;
}

const char *http_json_str(const json_t *o, const char *key, const char *dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : dflt;
}

int64_t http_json_int(const json_t *o, const char *key, int64_t dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

double http_json_num(const json_t *o, const char *key, double dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

bool http_json_bool(const json_t *o, const char *key, bool dflt)
{
    const json_t *v = json_object_get(o, key);
    return json_is_boolean(v) ? json_is_true(v) : dflt;
}

bool http_json_has(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);
    return v && !json_is_null(v);
}

void http_json_vocab(struct http_resp *resp, const json_t *body, const char *key,
                     enum store_vocab voc, int *out, size_t *n_bad)
{
    const char *v = http_json_str(body, key, NULL);
    if (!v)
        return;
    struct err ve;
    if (store_vocab_parse(voc, slice_cstr(v), out, &ve) != ERR_OK) {
        http_resp_field_error(resp, key, ve.msg);
        (*n_bad)++;
    }
}
