/* SPDX-License-Identifier: MIT */
/*
 * numfmt.c - fast fixed-point number formatting for large outputs (the
 * match command writes millions of rows; snprintf("%.2f") dominated).
 */
#include "core.h"

#include <math.h>
#include <string.h>

size_t numfmt_fixed(char *buf, size_t cap, double x, int decimals, char dec_sep, bool is_grouped)
{
    static const double pow10[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    char tmp[48];
    size_t n = 0;
    if (cap == 0)
        return 0;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!isfinite(x))
        x = 0;
    if (x > 1e15)
        x = 1e15;
    if (x < -1e15)
        x = -1e15;
    bool is_neg = x < 0;
    double scaled = fabs(x) * pow10[decimals] + 0.5;
    uint64_t v = (uint64_t)scaled;
    if (v == 0)
        is_neg = false;
    /* digits in reverse into tmp */
    int pos = 0, int_digits = 0;
    do {
        if (pos == decimals && decimals > 0)
            tmp[n++] = dec_sep;
        if (pos >= decimals) {
            if (is_grouped && int_digits > 0 && int_digits % 3 == 0)
                tmp[n++] = ' ';
            int_digits++;
        }
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
        pos++;
    } while (v > 0 || pos <= decimals);
    if (is_neg)
        tmp[n++] = '-';
    size_t len = n < cap - 1 ? n : cap - 1;
    for (size_t i = 0; i < len; i++)
        buf[i] = tmp[n - 1 - i];
    buf[len] = '\0';
    return len;
}
