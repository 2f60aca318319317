/* SPDX-License-Identifier: MIT */
/*
 * csv_text.c - the one CSV field writer of every CSV symbiose produces
 * (CLI exports, match and pool lists, the API's supplier lists and
 * indicators): text is escaped as RFC 4180 asks and neutralised against
 * spreadsheet formula injection; numbers we format go through
 * sb_add_csv_num and are never neutralised (see core.h).
 */
#include "core.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The first bytes that make Excel, LibreOffice or Sheets read a cell as a
 * formula (OWASP "CSV injection"). */
static bool csv_is_formula_lead(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* A field holding a comma, a quote or a line break is quoted (RFC 4180). */
static bool csv_needs_quotes(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            return true;
    return false;
}

size_t csv_field_size(const char *s, size_t n)
{
    size_t size = n;
    for (size_t i = 0; i < n; i++)
        size += s[i] == '"';
    if (n > 0 && csv_is_formula_lead(s[0]))
        size++; /* the apostrophe */
    return csv_needs_quotes(s, n) ? size + 2 : size;
}

void csv_field_write(char *dst, const char *s, size_t n)
{
    bool needs_quotes = csv_needs_quotes(s, n);
    char *p = dst;
    if (needs_quotes)
        *p++ = '"';
    if (n > 0 && csv_is_formula_lead(s[0]))
        *p++ = '\'';
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            *p++ = '"';
        *p++ = s[i];
    }
    if (needs_quotes)
        *p++ = '"';
}

void sb_add_csv_text(struct sb *b, const char *s)
{
    size_t n = strlen(s);
    size_t size = csv_field_size(s, n);
    char small[256];
    if (size <= sizeof(small)) {
        csv_field_write(small, s, n);
        sb_add(b, small, size);
        return;
    }
    char *big = xmalloc(size);
    csv_field_write(big, s, n);
    sb_add(b, big, size);
    free(big);
}

void sb_add_csv_num(struct sb *b, double v, bool has)
{
    if (has && isfinite(v))
        sb_addf(b, "%.10g", v);
}
