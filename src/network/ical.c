/* SPDX-License-Identifier: MIT */
/*
 * ical.c - the iCalendar (RFC 5545) writer for the network's event feeds.
 * The strict reader that checks them is in ical_parse.c.
 */
#include "network_int.h"

#include <string.h>

/* Octets per physical line, CRLF excluded (RFC 5545 section 3.1). */
#define ICAL_LINE_MAX 75

/*
 * Writes one logical line folded at 75 octets. A fold never splits a
 * UTF-8 sequence: it happens before a lead byte only. Continuation lines
 * start with one space, which counts in their 75 octets.
 */
static void put_folded(struct sb *out, const char *line, size_t len)
{
    size_t col = 0;
    for (size_t i = 0; i < len;) {
        size_t clen = 1;
        unsigned char c = (unsigned char)line[i];
        if (c >= 0xF0)
            clen = 4;
        else if (c >= 0xE0)
            clen = 3;
        else if (c >= 0xC0)
            clen = 2;
        if (i + clen > len)
            clen = len - i;
        if (col + clen > ICAL_LINE_MAX) {
            sb_adds(out, "\r\n ");
            col = 1;
        }
        sb_add(out, line + i, clen);
        col += clen;
        i += clen;
    }
    sb_adds(out, "\r\n");
}

/* Appends s escaped as an RFC 5545 TEXT value; CR is dropped (CRLF -> \n). */
static void add_text(struct sb *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\':
            sb_adds(b, "\\\\");
            break;
        case ';':
            sb_adds(b, "\\;");
            break;
        case ',':
            sb_adds(b, "\\,");
            break;
        case '\n':
            sb_adds(b, "\\n");
            break;
        case '\r':
            break;
        default:
            sb_addc(b, *s);
        }
    }
}

/* A logical line "NAME:escaped text", folded into out. */
static void put_text_prop(struct sb *out, struct sb *line, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    sb_reset(line);
    sb_adds(line, name);
    sb_addc(line, ':');
    add_text(line, value);
    put_folded(out, line->buf, line->len);
}

static void put_line(struct sb *out, const char *s)
{
    put_folded(out, s, strlen(s));
}

static void add_utc(struct sb *b, int64_t t)
{
    struct network_civil c;
    network__civil_from_secs(t, &c);
    sb_addf(b, "%04lld%02u%02uT%02u%02u%02uZ", (long long)c.year, c.month, c.day, c.hour, c.min,
            c.sec);
}

/* true if the Paris wall-clock time of t also occurs one hour earlier
 * (t is the second occurrence of an autumn local time). */
static bool is_second_occurrence(int64_t t)
{
    return network_paris_offset_s(t) == 3600 && network_paris_offset_s(t - 3600) == 7200;
}

static void put_time_prop(struct sb *out, struct sb *line, const char *name, int64_t t,
                          enum network_ical_tz tz)
{
    sb_reset(line);
    sb_adds(line, name);
    if (tz == NETWORK_ICAL_UTC || is_second_occurrence(t)) {
        sb_addc(line, ':');
        add_utc(line, t);
    } else {
        struct network_civil c;
        network_paris_from_utc(t, &c);
        sb_addf(line, ";TZID=Europe/Paris:%04lld%02u%02uT%02u%02u%02u", (long long)c.year, c.month,
                c.day, c.hour, c.min, c.sec);
    }
    put_folded(out, line->buf, line->len);
}

static const char *const paris_vtimezone[] = {
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
};

static bool opt_valid(const char *s)
{
    return !s || utf8_valid(s, strlen(s));
}

static int event_check(const struct network_ical_event *ev, size_t i, struct err *e)
{
    if (!ev->uid || !*ev->uid)
        return err_set(e, ERR_INPUT, "ical: event %zu: uid is required", i);
    if (!ev->summary || !*ev->summary)
        return err_set(e, ERR_INPUT, "ical: event %zu: summary is required", i);
    if (ev->end_utc < ev->start_utc)
        return err_set(e, ERR_INPUT, "ical: event %zu: ends before it starts", i);
    if (!opt_valid(ev->uid) || !opt_valid(ev->summary) || !opt_valid(ev->description) ||
        !opt_valid(ev->location) || !opt_valid(ev->url) || !opt_valid(ev->categories))
        return err_set(e, ERR_INPUT, "ical: event %zu: text is not valid UTF-8", i);
    if (ev->url && strpbrk(ev->url, "\r\n\t \""))
        return err_set(e, ERR_INPUT, "ical: event %zu: url contains spaces or control characters",
                       i);
    return ERR_OK;
}

int network_ical_write(struct sb *out, const char *cal_name,
                       const struct network_ical_event *events, size_t n, enum network_ical_tz tz,
                       struct err *e)
{
    for (size_t i = 0; i < n; i++) {
        int rc = event_check(&events[i], i, e);
        if (rc)
            return rc;
    }
    if (!opt_valid(cal_name))
        return err_set(e, ERR_INPUT, "ical: calendar name is not valid UTF-8");
    struct sb line;
    sb_init(&line, 0);
    put_line(out, "BEGIN:VCALENDAR");
    put_line(out, "VERSION:2.0");
    put_line(out, "PRODID:-//symbiose//Reseau EIT//FR");
    put_line(out, "CALSCALE:GREGORIAN");
    put_line(out, "METHOD:PUBLISH");
    put_text_prop(out, &line, "X-WR-CALNAME", cal_name);
    if (tz == NETWORK_ICAL_PARIS) {
        put_line(out, "X-WR-TIMEZONE:Europe/Paris");
        for (size_t i = 0; i < sizeof(paris_vtimezone) / sizeof(paris_vtimezone[0]); i++)
            put_line(out, paris_vtimezone[i]);
    }
    for (size_t i = 0; i < n; i++) {
        const struct network_ical_event *ev = &events[i];
        put_line(out, "BEGIN:VEVENT");
        put_text_prop(out, &line, "UID", ev->uid);
        sb_reset(&line);
        sb_adds(&line, "DTSTAMP:");
        add_utc(&line, ev->stamp_utc);
        put_folded(out, line.buf, line.len);
        put_time_prop(out, &line, "DTSTART", ev->start_utc, tz);
        put_time_prop(out, &line, "DTEND", ev->end_utc, tz);
        put_text_prop(out, &line, "SUMMARY", ev->summary);
        put_text_prop(out, &line, "DESCRIPTION", ev->description);
        put_text_prop(out, &line, "LOCATION", ev->location);
        if (ev->url && *ev->url) {
            sb_reset(&line);
            sb_adds(&line, "URL:");
            sb_adds(&line, ev->url);
            put_folded(out, line.buf, line.len);
        }
        put_text_prop(out, &line, "CATEGORIES", ev->categories);
        put_line(out, ev->is_cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        sb_reset(&line);
        sb_addf(&line, "SEQUENCE:%u", ev->sequence);
        put_folded(out, line.buf, line.len);
        put_line(out, "END:VEVENT");
    }
    put_line(out, "END:VCALENDAR");
    sb_release(&line);
    return sb_finish(out, e);
}
