/* SPDX-License-Identifier: MIT */
/*
 * excerpt.c - printable excerpts of untrusted input for error messages.
 * Messages travel to logs, CSV error reports and JSON bodies, so a quoted
 * user value must be short, valid UTF-8 and free of control characters,
 * even when the input was cut in the middle of a character.
 */
#include "core.h"

#include <string.h>

/* Length of the UTF-8 sequence a lead byte announces; 0 if not a lead. */
static size_t utf8_lead_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 0;
}

const char *text_excerpt(struct slice s, char *buf, size_t cap)
{
    static const char dots[] = "...";
    size_t k = 0, i = 0;
    if (cap < sizeof(dots) + 1) {
        if (cap)
            buf[0] = '\0';
        return buf;
    }
    size_t room = cap - sizeof(dots); /* bytes left for text, keeping "..." and NUL */
    while (i < s.len) {
        unsigned char c = (unsigned char)s.p[i];
        size_t n = utf8_lead_len(c);
        bool is_valid = n > 0 && i + n <= s.len && utf8_valid(s.p + i, n) && c >= 0x20 && c != 0x7F;
        size_t out_len = is_valid ? n : 1;
        if (k + out_len > room)
            break;
        if (is_valid)
            memcpy(buf + k, s.p + i, n);
        else
            buf[k] = '?';
        k += out_len;
        i += is_valid ? n : 1;
    }
    if (i < s.len) {
        memcpy(buf + k, dots, sizeof(dots) - 1);
        k += sizeof(dots) - 1;
    }
    buf[k] = '\0';
    return buf;
}
