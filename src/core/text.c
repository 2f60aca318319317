/* SPDX-License-Identifier: MIT */
/* text.c - UTF-8 validation and accent-insensitive search keys. */
#include "core.h"

#include <string.h>

/* Decodes one code point at p (n bytes left); returns its length, or 0 if
 * the sequence is invalid (overlong, surrogate, truncated, > U+10FFFF). */
static size_t utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if ((p[0] & 0xE0) == 0xC0) {
        len = 2;
        c = p[0] & 0x1F;
        min = 0x80;
    } else if ((p[0] & 0xF0) == 0xE0) {
        len = 3;
        c = p[0] & 0x0F;
        min = 0x800;
    } else if ((p[0] & 0xF8) == 0xF0) {
        len = 4;
        c = p[0] & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

bool utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0 || cp == 0)
            return false;
        i += k;
    }
    return true;
}

/* Base letters of U+00C0..U+00FF; '.' is a separator, '*' a two-letter case. */
static const char latin1[] = "aaaaaa*ceeeeiiii"  /* C0..CF */
                             "dnooooo.ouuuuy**"  /* D0..DF */
                             "aaaaaa*ceeeeiiii"  /* E0..EF */
                             "dnooooo.ouuuuy*y"; /* F0..FF */

/* Base letters of U+0100..U+017F (Latin Extended-A); '*' two letters. */
static const char latin_ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
                                  "llllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuu"
                                  "wwyyyzzzzzzs";

static const char *fold_pair(uint32_t cp)
{
    switch (cp) {
    case 0xC6:
    case 0xE6:
        return "ae";
    case 0xDE:
    case 0xFE:
        return "th";
    case 0xDF:
        return "ss";
    case 0x132:
    case 0x133:
        return "ij";
    case 0x152:
    case 0x153:
        return "oe";
    default:
        return "";
    }
}

void text_fold(struct sb *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    bool pending_space = false;
    bool any = false;
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            i++; /* drop invalid bytes */
            continue;
        }
        char one = 0;
        const char *two = NULL;
        const unsigned char *raw = NULL;
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
                one = (char)cp;
            else if (cp >= 'A' && cp <= 'Z')
                one = (char)(cp - 'A' + 'a');
        } else if (cp >= 0xC0 && cp <= 0xFF) {
            one = latin1[cp - 0xC0];
        } else if (cp >= 0x100 && cp <= 0x17F) {
            one = latin_ext_a[cp - 0x100];
        } else if (cp >= 0x180 && !(cp >= 0x2000 && cp <= 0x206F)) {
            raw = p + i; /* other scripts: keep as they are */
        }
        if (one == '*') {
            two = fold_pair(cp);
            one = 0;
        } else if (one == '.') {
            one = 0;
        }
        if (one || two || raw) {
            if (pending_space && any)
                sb_addc(out, ' ');
            pending_space = false;
            any = true;
            if (one)
                sb_addc(out, one);
            else if (two)
                sb_adds(out, two);
            else
                sb_add(out, raw, k);
        } else {
            pending_space = true;
        }
        i += k;
    }
}

_Static_assert(sizeof(latin1) == 65, "latin1 table covers U+00C0..U+00FF");
_Static_assert(sizeof(latin_ext_a) == 129, "latin_ext_a table covers U+0100..U+017F");
