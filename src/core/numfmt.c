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

/* 10^k for k = 0..19: the integer part has at most 20 digits */
static const uint64_t numfmt_pow10[20] = {1ULL,
                                          10ULL,
                                          100ULL,
                                          1000ULL,
                                          10000ULL,
                                          100000ULL,
                                          1000000ULL,
                                          10000000ULL,
                                          100000000ULL,
                                          1000000000ULL,
                                          10000000000ULL,
                                          100000000000ULL,
                                          1000000000000ULL,
                                          10000000000000ULL,
                                          100000000000000ULL,
                                          1000000000000000ULL,
                                          10000000000000000ULL,
                                          100000000000000000ULL,
                                          1000000000000000000ULL,
                                          10000000000000000000ULL};

size_t numfmt_fixed(char *buf, size_t cap, double x, int decimals, char dec_sep, bool is_grouped)
{
    static const double pow10[7] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    char tmp[48];
    char *end = tmp + sizeof(tmp), *p = end;
    if (cap == 0)
        return 0;
    if (decimals < 0)
        decimals = 0;
    if (decimals > 6)
        decimals = 6;
    if (!(x >= -1e15 && x <= 1e15)) /* one test in the usual case */
        x = !isfinite(x) ? 0 : x > 0 ? 1e15 : -1e15;
    bool is_neg = x < 0;
    double scaled = fabs(x) * pow10[decimals] + 0.5;
    uint64_t v = (uint64_t)scaled;
    if (v == 0)
        is_neg = false;
    /* constant divisors for the usual counts of decimals: a multiplication
     * each instead of a hardware division, the costliest step here */
    uint64_t ip, fp;
    switch (decimals) {
    case 0:
        ip = v;
        fp = 0;
        break;
    case 1:
        ip = v / 10;
        fp = v % 10;
        break;
    case 2:
        ip = v / 100;
        fp = v % 100;
        break;
    case 4:
        ip = v / 10000;
        fp = v % 10000;
        break;
    default:
        ip = v / numfmt_pow10[decimals];
        fp = v % numfmt_pow10[decimals];
        break;
    }
    /* the length first, so that the digits go straight into buf when they fit */
    size_t n_int = 1;
    while (n_int < 20 && ip >= numfmt_pow10[n_int])
        n_int++;
    size_t n = (is_neg ? 1 : 0) + n_int + (is_grouped ? (n_int - 1) / 3 : 0) +
               (decimals > 0 ? (size_t)decimals + 1 : 0);
    if (n < cap) {
        end = buf + n;
        *end = '\0';
    }
    p = end;
    if (decimals == 2) {
        p -= 2;
        memcpy(p, &numfmt_pairs[fp * 2], 2);
    } else {
        for (int i = 0; i < decimals; i++) {
            *--p = (char)('0' + fp % 10);
            fp /= 10;
        }
    }
    if (decimals > 0)
        *--p = dec_sep;
    if (is_grouped) {
        while (ip >= 1000) {
            uint64_t g = ip % 1000;
            p -= 2;
            memcpy(p, &numfmt_pairs[(g % 100) * 2], 2);
            *--p = (char)('0' + g / 100);
            *--p = ' ';
            ip /= 1000;
        }
        if (ip >= 100) {
            p -= 2;
            memcpy(p, &numfmt_pairs[(ip % 100) * 2], 2);
            *--p = (char)('0' + ip / 100);
        } else if (ip >= 10) {
            p -= 2;
            memcpy(p, &numfmt_pairs[ip * 2], 2);
        } else {
            *--p = (char)('0' + ip);
        }
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
    if (n < cap)
        return n;
    size_t len = cap - 1; /* cut: the leading characters */
    memcpy(buf, p, len);
    buf[len] = '\0';
    return len;
}
