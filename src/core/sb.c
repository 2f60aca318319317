/* SPDX-License-Identifier: MIT */
/* sb.c - the string builder (see the invariants in core.h) and slices. */
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char sb_empty[1];

void sb_init(struct sb *b, size_t max)
{
    b->buf = sb_empty;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : SB_DEFAULT_MAX;
    b->failed = false;
}

/* Makes room for n more bytes plus the NUL; false (and failed) if not. */
static bool sb_reserve(struct sb *b, size_t n)
{
    if (b->failed)
        return false;
    if (n > b->max || b->len > b->max - n) {
        b->failed = true;
        return false;
    }
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return true;
    size_t ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap *= 2;
    if (b->cap == 0) {
        b->buf = xmalloc(ncap);
        b->buf[0] = '\0';
    } else {
        b->buf = xrealloc(b->buf, ncap);
    }
    b->cap = ncap;
    return true;
}

void sb_add(struct sb *b, const void *p, size_t n)
{
    if (n == 0 || !sb_reserve(b, n))
        return;
    memcpy(b->buf + b->len, p, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void sb_adds(struct sb *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_addc(struct sb *b, char c)
{
    sb_add(b, &c, 1);
}

void sb_vaddf(struct sb *b, const char *fmt, va_list ap)
{
    char small[256];
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(small, sizeof(small), fmt, cp);
    va_end(cp);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof(small)) {
        sb_add(b, small, (size_t)n);
        return;
    }
    if (!sb_reserve(b, (size_t)n))
        return;
    vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_addf(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(b, fmt, ap);
    va_end(ap);
}

void sb_add_json_str(struct sb *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    sb_addc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            sb_adds(b, "\\\"");
            break;
        case '\\':
            sb_adds(b, "\\\\");
            break;
        case '\n':
            sb_adds(b, "\\n");
            break;
        case '\r':
            sb_adds(b, "\\r");
            break;
        case '\t':
            sb_adds(b, "\\t");
            break;
        default:
            if (*p < 0x20) {
                char u[6] = {'\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15]};
                sb_add(b, u, sizeof(u));
            } else {
                sb_addc(b, (char)*p);
            }
        }
    }
    sb_addc(b, '"');
}

void sb_reset(struct sb *b)
{
    b->len = 0;
    if (b->cap)
        b->buf[0] = '\0';
    b->failed = false;
}

int sb_finish(struct sb *b, struct err *e)
{
    if (b->failed)
        return err_set(e, ERR_TOO_LARGE, "text longer than %zu bytes", b->max);
    return ERR_OK;
}

char *sb_detach(struct sb *b, size_t *len)
{
    char *p = b->cap ? b->buf : xstrdup("");
    if (len)
        *len = b->len;
    sb_init(b, b->max);
    return p;
}

void sb_release(struct sb *b)
{
    if (!b)
        return;
    if (b->cap)
        free(b->buf);
    sb_init(b, b->max);
}

struct slice slice_cstr(const char *s)
{
    return slice_from(s, strlen(s));
}

bool slice_eq(struct slice s, const char *cstr)
{
    size_t n = strlen(cstr);
    return s.len == n && (n == 0 || memcmp(s.p, cstr, n) == 0);
}

bool slice_eq_nocase(struct slice s, const char *cstr)
{
    size_t n = strlen(cstr);
    return s.len == n && (n == 0 || strncasecmp(s.p, cstr, n) == 0);
}

struct slice slice_trim(struct slice s)
{
    while (s.len && (s.p[0] == ' ' || s.p[0] == '\t')) {
        s.p++;
        s.len--;
    }
    while (s.len && (s.p[s.len - 1] == ' ' || s.p[s.len - 1] == '\t'))
        s.len--;
    return s;
}

char *slice_dup(struct slice s)
{
    return xmemdupz(s.p, s.len);
}
