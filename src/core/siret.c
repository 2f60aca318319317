/* SPDX-License-Identifier: MIT */
/* siret.c - SIRET validation (14 digits, Luhn, with La Poste's exception). */
#include "core.h"

#include <string.h>

bool siret_luhn_ok(const char *d)
{
    int sum = 0;
    for (int i = 0; i < 14; i++) {
        int v = d[13 - i] - '0';
        if (i % 2 == 1) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

int siret_check(struct slice s, struct err *e)
{
    if (s.len != 14)
        return err_set(e, ERR_INPUT, "SIRET must have 14 digits, got %zu characters", s.len);
    for (size_t i = 0; i < 14; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return err_set(e, ERR_INPUT, "SIRET must contain digits only");
    }
    char d[15];
    memcpy(d, s.p, 14);
    d[14] = '\0';
    /* La Poste (SIREN 356 000 000) has more establishments than the Luhn
     * key allows: INSEE validates its SIRETs by a digit sum multiple of 5 (some also pass Luhn). */
    if (memcmp(d, "356000000", 9) == 0) {
        int sum = 0;
        for (int i = 0; i < 14; i++)
            sum += d[i] - '0';
        if (sum % 5 == 0 || siret_luhn_ok(d))
            return ERR_OK;
        return err_set(e, ERR_INPUT, "SIRET '%s': bad La Poste checksum", d);
    }
    if (!siret_luhn_ok(d))
        return err_set(e, ERR_INPUT, "SIRET '%s': bad checksum (Luhn)", d);
    return ERR_OK;
}
