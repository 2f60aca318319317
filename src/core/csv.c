/* SPDX-License-Identifier: MIT */
/*
 * csv.c - RFC 4180 reader with line tracking for error messages.
 * Blank lines are skipped. A record's fields live in field_buf until the
 * next call; errors skip to the end of the offending line.
 */
#include "core.h"

#include <stdlib.h>
#include <string.h>

void csv_reader_init(struct csv_reader *r, const char *p, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->p = p;
    r->len = len;
    r->line = 1;
    r->next_line = 1;
    r->max_field = CSV_MAX_FIELD_DEFAULT;
    r->max_fields = CSV_MAX_FIELDS_DEFAULT;
    sb_init(&r->field_buf, 0);
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        r->pos = 3;
}

void csv_reader_release(struct csv_reader *r)
{
    if (!r)
        return;
    sb_release(&r->field_buf);
    free(r->fields);
    free(r->offs);
    r->fields = NULL;
    r->offs = NULL;
    r->cap_fields = 0;
}

/* After an error: skip the rest of the physical line. */
static void csv_skip_line(struct csv_reader *r)
{
    while (r->pos < r->len && r->p[r->pos] != '\n')
        r->pos++;
    if (r->pos < r->len) {
        r->pos++;
        r->next_line++;
    }
}

static int csv_fail(struct csv_reader *r, struct err *e, const char *why)
{
    csv_skip_line(r);
    return err_set(e, ERR_INPUT, "%s", why);
}

static void csv_start_field(struct csv_reader *r)
{
    if (r->n_fields + 1 > r->cap_fields) {
        size_t cap = r->cap_fields;
        CORE_GROW(r->offs, cap, r->n_fields + 1);
        r->fields = xreallocarray(r->fields, cap, sizeof(*r->fields));
        r->cap_fields = cap;
    }
    r->offs[r->n_fields++] = r->field_buf.len;
}

/* Returns true at a record end (consumes it); handles LF and CRLF. */
static bool csv_at_eol(struct csv_reader *r)
{
    if (r->pos >= r->len)
        return true;
    if (r->p[r->pos] == '\n') {
        r->pos++;
        r->next_line++;
        return true;
    }
    if (r->p[r->pos] == '\r' && r->pos + 1 < r->len && r->p[r->pos + 1] == '\n') {
        r->pos += 2;
        r->next_line++;
        return true;
    }
    return false;
}

int csv_next(struct csv_reader *r, bool *has_record, struct err *e)
{
    *has_record = false;
    /* skip blank lines */
    while (r->pos < r->len && csv_at_eol(r)) {
    }
    if (r->pos >= r->len)
        return ERR_OK;
    r->line = r->next_line;
    r->n_fields = 0;
    sb_reset(&r->field_buf);

    for (;;) {
        if (r->n_fields >= r->max_fields)
            return csv_fail(r, e, "too many fields");
        csv_start_field(r);
        size_t start_len = r->field_buf.len;
        if (r->pos < r->len && r->p[r->pos] == '"') {
            r->pos++;
            for (;;) {
                if (r->pos >= r->len)
                    return err_set(e, ERR_INPUT, "unterminated quoted field");
                char c = r->p[r->pos];
                if (c == '"') {
                    if (r->pos + 1 < r->len && r->p[r->pos + 1] == '"') {
                        sb_addc(&r->field_buf, '"');
                        r->pos += 2;
                        continue;
                    }
                    r->pos++;
                    break;
                }
                if (c == '\0')
                    return csv_fail(r, e, "NUL byte in field");
                if (c == '\n')
                    r->next_line++;
                sb_addc(&r->field_buf, c);
                r->pos++;
                if (r->field_buf.len - start_len > r->max_field)
                    return csv_fail(r, e, "field too long");
            }
            if (r->pos < r->len && r->p[r->pos] == ',') {
                r->pos++;
                continue;
            }
            if (csv_at_eol(r))
                break;
            return csv_fail(r, e, "unexpected character after closing quote");
        }
        /* unquoted field */
        size_t s = r->pos;
        while (r->pos < r->len) {
            char c = r->p[r->pos];
            if (c == ',' || c == '\n' || c == '\r')
                break;
            if (c == '"')
                return csv_fail(r, e, "quote inside unquoted field");
            if (c == '\0')
                return csv_fail(r, e, "NUL byte in field");
            r->pos++;
        }
        if (r->pos - s > r->max_field)
            return csv_fail(r, e, "field too long");
        sb_add(&r->field_buf, r->p + s, r->pos - s);
        if (r->pos < r->len && r->p[r->pos] == ',') {
            r->pos++;
            continue;
        }
        if (csv_at_eol(r))
            break;
        return csv_fail(r, e, "bare carriage return");
    }
    if (r->field_buf.failed)
        return err_set(e, ERR_TOO_LARGE, "record too large");
    for (size_t i = 0; i < r->n_fields; i++) {
        size_t end = i + 1 < r->n_fields ? r->offs[i + 1] : r->field_buf.len;
        r->fields[i] = slice_from(r->field_buf.buf + r->offs[i], end - r->offs[i]);
    }
    *has_record = true;
    return ERR_OK;
}
