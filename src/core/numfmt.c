/* SPDX-License-Identifier: MIT */
/*
 * numfmt.c - fast fixed-point number formatting for large outputs (the
 * match command writes millions of rows; snprintf("%.2f") dominated).
 */
#include "core.h"

#include <math.h>
#include <string.h>

/* "00" to "99": two digits per division */
static const char numfmt_pairs[201] = "0001020304050607080910111213141516171819"
                                      "2021222324252627282930313233343536373839"
                                      "4041424344454647484950515253545556575859"
                                      "6061626364656667686970717273747576777879"
                                      "8081828384858687888990919293949596979899";

size_t numfmt_fixed(char *buf, size_t cap, double x, int decimals, char dec_sep, bool is_grouped)
{
    static const double pow10[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    static const uint64_t pow10_u[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    char tmp[48];
    char *end = tmp + sizeof(tmp), *p = end;
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
    /* written backwards from the end of tmp: decimals, separator, integer part */
    uint64_t ip = v / pow10_u[decimals], fp = v % pow10_u[decimals];
    for (int i = 0; i < decimals; i++) {
        *--p = (char)('0' + fp % 10);
        fp /= 10;
    }
    if (decimals > 0)
        *--p = dec_sep;
    if (is_grouped) {
        int int_digits = 0;
        do {
            if (int_digits > 0 && int_digits % 3 == 0)
                *--p = ' ';
            *--p = (char)('0' + ip % 10);
            ip /= 10;
            int_digits++;
        } while (ip > 0);
    } else {
        while (ip >= 100) {
            p -= 2;
            memcpy(p, &numfmt_pairs[(ip % 100) * 2], 2);
            ip /= 100;
        }
        if (ip >= 10) {
            p -= 2;
            memcpy(p, &numfmt_pairs[ip * 2], 2);
        } else {
            *--p = (char)('0' + ip);
        }
    }
    if (is_neg)
        *--p = '-';
    size_t n = (size_t)(end - p);
    size_t len = n < cap - 1 ? n : cap - 1;
    memcpy(buf, p, len);
    buf[len] = '\0';
    return len;
}
