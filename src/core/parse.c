/* SPDX-License-Identifier: MIT */
/* parse.c - strict parsing of whole slices as numbers. */
#include "core.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Copies a trimmed slice into buf (NUL-terminated); false if too long,
 * empty, or holding a NUL byte. */
static bool parse_copy(struct slice s, char *buf, size_t bufsz)
{
    s = slice_trim(s);
    if (s.len == 0 || s.len >= bufsz || memchr(s.p, '\0', s.len))
        return false;
    memcpy(buf, s.p, s.len);
    buf[s.len] = '\0';
    return true;
}

int parse_double(struct slice s, double *out, struct err *e)
{
    char buf[64];
    char q[TEXT_EXCERPT_SIZE];
    if (!parse_copy(s, buf, sizeof(buf)))
        return err_set(e, ERR_INPUT, "not a number: '%s'",
                       text_excerpt(slice_trim(s), q, sizeof(q)));
    /* accept the French decimal comma, but only one separator */
    char *comma = strchr(buf, ',');
    if (comma) {
        if (strchr(buf, '.') || strchr(comma + 1, ','))
            return err_set(e, ERR_INPUT, "not a number: '%s'",
                           text_excerpt(slice_cstr(buf), q, sizeof(q)));
        *comma = '.';
    }
    /* strtod accepts hex, inf and nan: we want plain decimals only */
    for (const char *c = buf; *c; c++) {
        if (!strchr("0123456789+-.eE", *c))
            return err_set(e, ERR_INPUT, "not a number: '%s'",
                           text_excerpt(slice_cstr(buf), q, sizeof(q)));
    }
    errno = 0;
    char *end = NULL;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0')
        return err_set(e, ERR_INPUT, "not a number: '%s'",
                       text_excerpt(slice_cstr(buf), q, sizeof(q)));
    if (errno == ERANGE || !isfinite(v))
        return err_set(e, ERR_INPUT, "number out of range: '%s'",
                       text_excerpt(slice_cstr(buf), q, sizeof(q)));
    *out = v;
    return ERR_OK;
}

int parse_int64(struct slice s, int64_t *out, struct err *e)
{
    char buf[32];
    char q[TEXT_EXCERPT_SIZE];
    if (!parse_copy(s, buf, sizeof(buf)))
        return err_set(e, ERR_INPUT, "not an integer: '%s'",
                       text_excerpt(slice_trim(s), q, sizeof(q)));
    for (const char *c = buf; *c; c++) {
        if (!((*c >= '0' && *c <= '9') || (c == buf && (*c == '-' || *c == '+'))))
            return err_set(e, ERR_INPUT, "not an integer: '%s'",
                           text_excerpt(slice_cstr(buf), q, sizeof(q)));
    }
    errno = 0;
    char *end = NULL;
    long long v = strtoll(buf, &end, 10);
    if (end == buf || *end != '\0')
        return err_set(e, ERR_INPUT, "not an integer: '%s'",
                       text_excerpt(slice_cstr(buf), q, sizeof(q)));
    if (errno == ERANGE)
        return err_set(e, ERR_INPUT, "integer out of range: '%s'",
                       text_excerpt(slice_cstr(buf), q, sizeof(q)));
    *out = (int64_t)v;
    return ERR_OK;
}

int parse_long(struct slice s, long *out, struct err *e)
{
    int64_t v;
    int rc = parse_int64(s, &v, e);
    if (rc)
        return rc;
    if (v < LONG_MIN || v > LONG_MAX)
        return err_set(e, ERR_INPUT, "integer out of range");
    *out = (long)v;
    return ERR_OK;
}
