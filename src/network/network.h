/* SPDX-License-Identifier: MIT */
/*
 * network.h - the public header of the network module: the regional
 * network's services on top of the store (territories and the shared
 * method, events, forum, library, rooms, trainings, group purchases,
 * pooled collection), and the pure helpers they need (Europe/Paris time,
 * iCalendar, validation with French messages).
 *
 * Dependencies: core, ref, store. The http and cli modules call this one.
 */
#ifndef SYMBIOSE_NETWORK_H
#define SYMBIOSE_NETWORK_H

#include "core/core.h"

/* ================================================ services (helper net) */

/* ------------------------------------------------ Europe/Paris time */

/*
 * Every instant is stored and passed as int64 seconds since the Unix epoch
 * (UTC). Users type and read local times in Europe/Paris: CET (UTC+1) in
 * winter, CEST (UTC+2) from the last Sunday of March 01:00 UTC to the last
 * Sunday of October 01:00 UTC (EU rule, in force since 1996).
 */
struct network_civil {
    int64_t year;
    unsigned month; /* 1..12 */
    unsigned day;   /* 1..31 */
    unsigned hour;  /* 0..23 */
    unsigned min;   /* 0..59 */
    unsigned sec;   /* 0..59 */
};

/* How to read a local time that occurs twice (the October change). */
enum network_tz_fold {
    NETWORK_TZ_STRICT = 0, /* ambiguous local times are an error */
    NETWORK_TZ_EARLIER,    /* the first occurrence (summer time, UTC+2) */
    NETWORK_TZ_LATER,      /* the second occurrence (winter time, UTC+1) */
};

/* UTC offset of Europe/Paris at an instant: 3600 or 7200 seconds. */
int network_paris_offset_s(int64_t utc_s);

/*
 * network_paris_to_utc - the instant of a Paris wall-clock time.
 * ERR_INPUT when the civil time is invalid, does not exist (spring
 * forward: 2026-03-29 02:30) or, with NETWORK_TZ_STRICT, is ambiguous
 * (fall back: 2026-10-25 02:30). Messages are French; `field` names the
 * field in them.
 */
int network_paris_to_utc(const char *field, const struct network_civil *local,
                         enum network_tz_fold fold, int64_t *utc_s, struct err *e);

/* The Paris wall-clock time of an instant. */
void network_paris_from_utc(int64_t utc_s, struct network_civil *local);

/*
 * network_time_parse - parses a date-time typed by a user or sent by the
 * API. Accepted: "YYYY-MM-DDTHH:MM[:SS]" or with a space instead of T
 * (Paris local time; ambiguous or missing times are refused with a French
 * message naming `field` and suggesting an explicit offset), and the same
 * followed by "Z" or "+HH:MM"/"-HH:MM" (an exact instant; an offset that
 * Paris did not have at that moment is accepted, it is exact anyway).
 * Years 1970..9999. Returns ERR_OK or ERR_INPUT.
 */
int network_time_parse(const char *field, const char *text, int64_t *utc_s, struct err *e);

/* Parses a calendar date "YYYY-MM-DD" into days since 1970-01-01. */
int network_date_parse(const char *field, const char *text, int64_t *days, struct err *e);

/* Size of the buffers below, NUL included. */
#define NETWORK_TIME_BUF 32
/* "2026-03-29T03:30:00+02:00" (Paris local time with its offset). */
void network_time_format_iso(int64_t utc_s, char buf[NETWORK_TIME_BUF]);
/* "29/03/2026 03:30" (for French pages and CSV). */
void network_time_format_fr(int64_t utc_s, char buf[NETWORK_TIME_BUF]);

/* ------------------------------------------------------- iCalendar */

/* How DTSTART/DTEND are written. */
enum network_ical_tz {
    NETWORK_ICAL_PARIS = 0, /* DTSTART;TZID=Europe/Paris:... plus a VTIMEZONE */
    NETWORK_ICAL_UTC,       /* DTSTART:...Z, no VTIMEZONE */
};

/* One event of a feed; all strings borrowed, NULL or "" means absent. */
struct network_ical_event {
    const char *uid;         /* globally unique, e.g. "event-12@symbiose" (required) */
    const char *summary;     /* title (required) */
    const char *description; /* free text, may hold newlines */
    const char *location;    /* address or "en ligne" */
    const char *url;         /* video link of a webinar, or the event page */
    const char *categories;  /* one category, e.g. "WEBINAIRE" */
    int64_t start_utc;       /* seconds since the epoch */
    int64_t end_utc;         /* > start_utc */
    int64_t stamp_utc;       /* DTSTAMP: when this copy was produced */
    unsigned sequence;       /* revision number, bumped at each change */
    bool is_cancelled;       /* STATUS:CANCELLED instead of CONFIRMED */
};

/*
 * network_ical_write - appends an RFC 5545 VCALENDAR with events[0..n) to
 * out: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
 * character, TEXT values escaped (backslash, semicolon, comma, newline).
 * In NETWORK_ICAL_PARIS mode a local time that occurs twice is written in
 * UTC when it is the second occurrence, so that readers cannot get it
 * wrong. ERR_INPUT if an event lacks uid/summary or ends before it starts,
 * or a value is not valid UTF-8; ERR_TOO_LARGE from the builder.
 */
int network_ical_write(struct sb *out, const char *cal_name,
                       const struct network_ical_event *events, size_t n, enum network_ical_tz tz,
                       struct err *e);

/* An event read back by the parser; strings owned (free via the calendar). */
struct network_ical_vevent {
    char *uid;
    char *summary; /* unescaped */
    char *description;
    char *location;
    char *url;
    char *status; /* "CONFIRMED", "CANCELLED", ... or NULL */
    int64_t start_utc;
    int64_t end_utc; /* == start_utc when neither DTEND nor DURATION given */
    int64_t stamp_utc;
    long sequence;
    bool start_has_tzid; /* DTSTART carried TZID=Europe/Paris */
};

struct network_ical_calendar {
    char *prodid;
    char *version;
    size_t n_timezones;                 /* VTIMEZONE components */
    struct network_ical_vevent *events; /* n_events entries */
    size_t n_events;
    size_t cap_events;
};

/*
 * network_ical_parse - a strict RFC 5545 reader, used to validate our
 * feeds in tests and to read calendars users upload. It refuses: bare LF
 * or CR, a physical line over 75 octets, invalid UTF-8, control
 * characters, malformed names/parameters, unbalanced BEGIN/END, a missing
 * or repeated VERSION/PRODID/UID/DTSTAMP/DTSTART, DTSTAMP not in UTC,
 * malformed DATE-TIMEs, a TZID without a matching VTIMEZONE, time zones
 * other than Europe/Paris, floating times, DTEND before DTSTART, both DTEND
 * and DURATION, bad escapes and unescaped ';' or ',' in TEXT values.
 * ERR_INPUT with "line N: PROPERTY: reason". Release out with
 * network_ical_calendar_release, also after an error.
 */
int network_ical_parse(const char *p, size_t len, struct network_ical_calendar *out, struct err *e);
void network_ical_calendar_release(struct network_ical_calendar *c);

#endif /* SYMBIOSE_NETWORK_H */
