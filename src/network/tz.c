/* SPDX-License-Identifier: MIT */
/*
 * tz.c - Europe/Paris wall-clock time <-> UTC instants, with the EU
 * summer-time rule, and the parsing of date-times typed by users.
 *
 * A local time is converted by trying both offsets (UTC+1 and UTC+2) and
 * keeping those that Paris really had at the resulting instant: none
 * means the time was skipped in spring, two mean it occurred twice in
 * autumn. No libc time-zone database is used, so results do not depend on
 * the machine's TZ settings.
 */
#include "network_int.h"

#include <stdio.h>
#include <string.h>

int64_t network__days_from_civil(int64_t y, unsigned m, unsigned d)
{
    /* Howard Hinnant's days_from_civil, valid over the whole int64 range we use. */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void network__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void network__civil_from_secs(int64_t s, struct network_civil *c)
{
    int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
    int64_t rem = s - days * 86400;
    network__civil_from_days(days, &c->year, &c->month, &c->day);
    c->hour = (unsigned)(rem / 3600);
    c->min = (unsigned)(rem % 3600 / 60);
    c->sec = (unsigned)(rem % 60);
}

int64_t network__secs_from_civil(const struct network_civil *c)
{
    return network__days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
           c->min * 60 + c->sec;
}

unsigned network__month_days(int64_t y, unsigned m)
{
    static const unsigned days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

/* 01:00 UTC on the last Sunday of month m of year y. */
static int64_t last_sunday_0100_utc(int64_t y, unsigned m)
{
    int64_t last = network__days_from_civil(y, m, network__month_days(y, m));
    /* 1970-01-01 was a Thursday: weekday 0 = Sunday is (days + 4) mod 7. */
    int64_t wd = ((last + 4) % 7 + 7) % 7;
    return (last - wd) * 86400 + 3600;
}

int network_paris_offset_s(int64_t utc_s)
{
    struct network_civil c;
    network__civil_from_secs(utc_s, &c);
    int64_t start = last_sunday_0100_utc(c.year, 3);
    int64_t end = last_sunday_0100_utc(c.year, 10);
    return utc_s >= start && utc_s < end ? 7200 : 3600;
}

void network_paris_from_utc(int64_t utc_s, struct network_civil *local)
{
    network__civil_from_secs(utc_s + network_paris_offset_s(utc_s), local);
}

static int civil_check(const char *field, const struct network_civil *c, struct err *e)
{
    if (c->year < 1970 || c->year > 9999)
        return err_set(e, ERR_INPUT, "%s : année hors limites (1970 à 9999)", field);
    if (c->month < 1 || c->month > 12)
        return err_set(e, ERR_INPUT, "%s : mois invalide (%u)", field, c->month);
    if (c->day < 1 || c->day > network__month_days(c->year, c->month))
        return err_set(e, ERR_INPUT, "%s : le jour %u n'existe pas en %04lld-%02u", field, c->day,
                       (long long)c->year, c->month);
    if (c->hour > 23 || c->min > 59 || c->sec > 59)
        return err_set(e, ERR_INPUT, "%s : heure invalide (%02u:%02u:%02u)", field, c->hour, c->min,
                       c->sec);
    return ERR_OK;
}

int network_paris_to_utc(const char *field, const struct network_civil *local,
                         enum network_tz_fold fold, int64_t *utc_s, struct err *e)
{
    int rc = civil_check(field, local, e);
    if (rc)
        return rc;
    int64_t wall = network__secs_from_civil(local);
    int64_t summer = wall - 7200; /* candidate if Paris was at UTC+2 */
    int64_t winter = wall - 3600; /* candidate if Paris was at UTC+1 */
    bool summer_ok = network_paris_offset_s(summer) == 7200;
    bool winter_ok = network_paris_offset_s(winter) == 3600;
    if (!summer_ok && !winter_ok)
        return err_set(e, ERR_INPUT,
                       "%s : l'heure %04lld-%02u-%02u %02u:%02u n'existe pas à Paris "
                       "(passage à l'heure d'été, les horloges sautent de 02:00 à 03:00)",
                       field, (long long)local->year, local->month, local->day, local->hour,
                       local->min);
    if (summer_ok && winter_ok) {
        if (fold == NETWORK_TZ_STRICT)
            return err_set(e, ERR_INPUT,
                           "%s : l'heure %04lld-%02u-%02u %02u:%02u est ambiguë à Paris "
                           "(passage à l'heure d'hiver, elle a lieu deux fois) ; précisez "
                           "le décalage, par exemple +02:00 ou +01:00",
                           field, (long long)local->year, local->month, local->day, local->hour,
                           local->min);
        *utc_s = fold == NETWORK_TZ_EARLIER ? summer : winter;
        return ERR_OK;
    }
    *utc_s = summer_ok ? summer : winter;
    return ERR_OK;
}

/* Reads exactly n digits at s[*i]; false if any is not a digit. */
static bool read_digits(const char *s, size_t *i, size_t n, unsigned *out)
{
    unsigned v = 0;
    for (size_t k = 0; k < n; k++) {
        char c = s[*i + k];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (unsigned)(c - '0');
    }
    *i += n;
    *out = v;
    return true;
}

/* Parses "YYYY-MM-DD" at s[*i]; range checks are left to civil_check. */
static bool read_date(const char *s, size_t *i, struct network_civil *c)
{
    unsigned y;
    if (!read_digits(s, i, 4, &y) || s[*i] != '-')
        return false;
    (*i)++;
    if (!read_digits(s, i, 2, &c->month) || s[*i] != '-')
        return false;
    (*i)++;
    if (!read_digits(s, i, 2, &c->day))
        return false;
    c->year = y;
    return true;
}

int network_date_parse(const char *field, const char *text, int64_t *days, struct err *e)
{
    struct network_civil c = {0};
    size_t i = 0;
    if (!text || !*text)
        return err_set(e, ERR_INPUT, "%s : date obligatoire (format AAAA-MM-JJ)", field);
    if (!read_date(text, &i, &c) || text[i] != '\0')
        return err_set(e, ERR_INPUT, "%s : date « %s » invalide (format attendu AAAA-MM-JJ)", field,
                       text);
    int rc = civil_check(field, &c, e);
    if (rc)
        return rc;
    *days = network__days_from_civil(c.year, c.month, c.day);
    return ERR_OK;
}

int network_time_parse(const char *field, const char *text, int64_t *utc_s, struct err *e)
{
    struct network_civil c = {0};
    size_t i = 0;
    if (!text || !*text)
        return err_set(e, ERR_INPUT,
                       "%s : date et heure obligatoires (format AAAA-MM-JJTHH:MM, heure de Paris)",
                       field);
    if (strlen(text) > 40)
        goto bad;
    if (!read_date(text, &i, &c) || (text[i] != 'T' && text[i] != ' '))
        goto bad;
    i++;
    if (!read_digits(text, &i, 2, &c.hour) || text[i] != ':')
        goto bad;
    i++;
    if (!read_digits(text, &i, 2, &c.min))
        goto bad;
    if (text[i] == ':') {
        i++;
        if (!read_digits(text, &i, 2, &c.sec))
            goto bad;
    }
    int rc = civil_check(field, &c, e);
    if (rc)
        return rc;
    if (text[i] == '\0')
        return network_paris_to_utc(field, &c, NETWORK_TZ_STRICT, utc_s, e);
    int64_t wall = network__secs_from_civil(&c);
    if (text[i] == 'Z' && text[i + 1] == '\0') {
        *utc_s = wall;
        return ERR_OK;
    }
    if (text[i] == '+' || text[i] == '-') {
        int sign = text[i] == '+' ? 1 : -1;
        unsigned oh, om;
        i++;
        if (!read_digits(text, &i, 2, &oh) || text[i] != ':')
            goto bad;
        i++;
        if (!read_digits(text, &i, 2, &om) || text[i] != '\0' || oh > 14 || om > 59)
            goto bad;
        *utc_s = wall - sign * (int64_t)(oh * 3600 + om * 60);
        return ERR_OK;
    }
bad:
    return err_set(e, ERR_INPUT,
                   "%s : date et heure « %.40s » invalides (format attendu AAAA-MM-JJTHH:MM, "
                   "heure de Paris, ou suivi de Z ou d'un décalage comme +02:00)",
                   field, text);
}

void network_time_format_iso(int64_t utc_s, char buf[NETWORK_TIME_BUF])
{
    struct network_civil c;
    int off = network_paris_offset_s(utc_s);
    network__civil_from_secs(utc_s + off, &c);
    int n = snprintf(buf, NETWORK_TIME_BUF, "%04lld-%02u-%02uT%02u:%02u:%02u+%02d:00",
                     (long long)c.year, c.month, c.day, c.hour, c.min, c.sec, off / 3600);
    if (n < 0 || n >= NETWORK_TIME_BUF)
        buf[0] = '\0';
}

void network_time_format_fr(int64_t utc_s, char buf[NETWORK_TIME_BUF])
{
    struct network_civil c;
    network_paris_from_utc(utc_s, &c);
    int n = snprintf(buf, NETWORK_TIME_BUF, "%02u/%02u/%04lld %02u:%02u", c.day, c.month,
                     (long long)c.year, c.hour, c.min);
    if (n < 0 || n >= NETWORK_TIME_BUF)
        buf[0] = '\0';
}
