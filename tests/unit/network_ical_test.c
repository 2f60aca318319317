/* SPDX-License-Identifier: MIT */
/*
 * network_ical_test.c - the iCalendar writer checked by the strict parser
 * (round trip, folding, escaping, DST), and the parser's refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "network/network.h"

#define T_2026_10_25_0100Z 1792890000LL

static const char long_text[] =
    "Atelier de détection des synergies : chaleur fatale, palettes, biodéchets ; venez "
    "nombreux, c'est gratuit !\nDeuxième ligne avec des accents éèàùç et un antislash \\ fin.";

/* Every physical line ends with CRLF and holds at most 75 octets. */
static void assert_lines_ok(const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n') {
            assert_true(i > 0 && s[i - 1] == '\r');
            assert_true(i - 1 - start <= 75);
            start = i + 1;
        }
    }
    assert_int_equal(start, len);
}

static void test_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        enum network_ical_tz tz;
        int64_t start, end;
        bool want_tzid;
    } cases[] = {
        {"paris winter", NETWORK_ICAL_PARIS, 1768467600LL, 1768478400LL, true},
        {"paris summer", NETWORK_ICAL_PARIS, 1782900000LL, 1782903600LL, true},
        {"utc", NETWORK_ICAL_UTC, 1782900000LL, 1782903600LL, false},
        {"paris fold first", NETWORK_ICAL_PARIS, T_2026_10_25_0100Z - 1800,
         T_2026_10_25_0100Z - 900, true},
        /* second 02:30 of 25 Oct: written in UTC, else readers take the first */
        {"paris fold second", NETWORK_ICAL_PARIS, T_2026_10_25_0100Z + 1800,
         T_2026_10_25_0100Z + 7200, false},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_ical_event ev[2] = {
            {.uid = "event-1@symbiose",
             .summary = "Réunion du réseau, session 1; bilan",
             .description = long_text,
             .location = "CCI, 12 rue de la Paix, Lyon",
             .url = "https://visio.example.org/rejoindre?salle=eit-reseau-2026&code=123456789012",
             .categories = "REUNION",
             .start_utc = cases[i].start,
             .end_utc = cases[i].end,
             .stamp_utc = 1764364800LL,
             .sequence = 2},
            {.uid = "event-2@symbiose",
             .summary = "Webinaire annulé",
             .start_utc = cases[i].start,
             .end_utc = cases[i].start,
             .stamp_utc = 1764364800LL,
             .is_cancelled = true},
        };
        struct sb out;
        struct err e;
        struct network_ical_calendar cal;
        err_init(&e);
        sb_init(&out, 0);
        assert_int_equal(network_ical_write(&out, "Réseau EIT", ev, 2, cases[i].tz, &e), ERR_OK);
        assert_lines_ok(out.buf, out.len);
        int rc = network_ical_parse(out.buf, out.len, &cal, &e);
        if (rc)
            fail_msg("case %s: parse: %s\n%s", cases[i].name, e.msg, out.buf);
        assert_int_equal(cal.n_events, 2);
        assert_int_equal(cal.n_timezones, cases[i].tz == NETWORK_ICAL_PARIS ? 1 : 0);
        const struct network_ical_vevent *v = &cal.events[0];
        assert_string_equal(v->uid, "event-1@symbiose");
        assert_string_equal(v->summary, ev[0].summary);
        assert_string_equal(v->description, long_text);
        assert_string_equal(v->location, ev[0].location);
        assert_string_equal(v->url, ev[0].url);
        assert_string_equal(v->status, "CONFIRMED");
        assert_string_equal(cal.events[1].status, "CANCELLED");
        if (v->start_utc != cases[i].start || v->end_utc != cases[i].end)
            fail_msg("case %s: times %lld-%lld", cases[i].name, (long long)v->start_utc,
                     (long long)v->end_utc);
        assert_int_equal(v->start_has_tzid, cases[i].want_tzid);
        assert_int_equal(v->stamp_utc, 1764364800LL);
        assert_int_equal(v->sequence, 2);
        network_ical_calendar_release(&cal);
        sb_release(&out);
    }
}

static void test_write_refuses(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        struct network_ical_event ev;
    } cases[] = {
        {"no uid", {.summary = "x", .start_utc = 0, .end_utc = 0}},
        {"no summary", {.uid = "u", .start_utc = 0, .end_utc = 0}},
        {"ends before", {.uid = "u", .summary = "x", .start_utc = 10, .end_utc = 0}},
        {"bad utf8", {.uid = "u", .summary = "\xc3(", .start_utc = 0, .end_utc = 0}},
        {"url space", {.uid = "u", .summary = "x", .url = "http://a b"}},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb out;
        sb_init(&out, 0);
        if (network_ical_write(&out, NULL, &cases[i].ev, 1, NETWORK_ICAL_UTC, NULL) != ERR_INPUT)
            fail_msg("case %s: accepted", cases[i].name);
        sb_release(&out);
    }
}

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\n"
#define EV "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\n"
#define TZ                                                                                         \
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"        \
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
#define TAIL "END:VEVENT\r\nEND:VCALENDAR\r\n"

static void test_parse_cases(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *in;
        int want;
        const char *msg_part;
    } cases[] = {
        {"minimal utc", HEAD EV "DTSTART:20260101T100000Z\r\n" TAIL, ERR_OK, NULL},
        {"paris with tz", HEAD TZ EV "DTSTART;TZID=Europe/Paris:20260101T100000\r\n" TAIL, ERR_OK,
         NULL},
        {"tz after event", HEAD EV "DTSTART;TZID=Europe/Paris:20260101T100000\r\n" TAIL, ERR_INPUT,
         "no VTIMEZONE"},
        {"folded", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:ab\r\n c\r\n" TAIL, ERR_OK, NULL},
        {"lowercase names",
         "begin:VCALENDAR\r\nversion:2.0\r\nprodid:x\r\n" EV "dtstart:20260101T100000Z\r\n" TAIL,
         ERR_OK, NULL},
        {"quoted param",
         HEAD EV "DTSTART:20260101T100000Z\r\nATTENDEE;CN=\"Dupont; Marie\":"
                 "mailto:m@x.fr\r\n" TAIL,
         ERR_OK, NULL},
        {"duration", HEAD EV "DTSTART:20260101T100000Z\r\nDURATION:PT1H30M\r\n" TAIL, ERR_OK, NULL},
        {"bare lf", "BEGIN:VCALENDAR\nVERSION:2.0\r\n", ERR_INPUT, "CRLF"},
        {"bare cr", "BEGIN:VCALENDAR\rX\r\n", ERR_INPUT, "bare"},
        {"no final crlf", HEAD EV "DTSTART:20260101T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
         ERR_INPUT, "CRLF"},
        {"line too long",
         HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:"
                 "0123456789012345678901234567890123456789012345678901234567890123456789\r\n" TAIL,
         ERR_INPUT, "more than 75"},
        {"no version", "BEGIN:VCALENDAR\r\nPRODID:x\r\nEND:VCALENDAR\r\n", ERR_INPUT, "VERSION"},
        {"version 1", "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n", ERR_INPUT,
         "2.0"},
        {"no prodid", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", ERR_INPUT, "PRODID"},
        {"no uid",
         HEAD "BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T100000Z\r\n" TAIL,
         ERR_INPUT, "UID"},
        {"two uid", HEAD EV "UID:b\r\nDTSTART:20260101T100000Z\r\n" TAIL, ERR_INPUT, "repeated"},
        {"no dtstamp", HEAD "BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T100000Z\r\n" TAIL, ERR_INPUT,
         "DTSTAMP"},
        {"local dtstamp",
         HEAD
         "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000\r\nDTSTART:20260101T100000Z\r\n" TAIL,
         ERR_INPUT, "UTC"},
        {"no dtstart", HEAD EV TAIL, ERR_INPUT, "DTSTART"},
        {"floating", HEAD EV "DTSTART:20260101T100000\r\n" TAIL, ERR_INPUT, "floating"},
        {"other tz", HEAD EV "DTSTART;TZID=America/New_York:20260101T100000\r\n" TAIL, ERR_INPUT,
         "unsupported TZID"},
        {"tzid with z", HEAD TZ EV "DTSTART;TZID=Europe/Paris:20260101T100000Z\r\n" TAIL, ERR_INPUT,
         "TZID given"},
        {"bad date", HEAD EV "DTSTART:20260230T100000Z\r\n" TAIL, ERR_INPUT, "out of range"},
        {"short date", HEAD EV "DTSTART:2026011T100000Z\r\n" TAIL, ERR_INPUT, "malformed"},
        {"date value", HEAD EV "DTSTART;VALUE=DATE:20260101\r\n" TAIL, ERR_INPUT, "DATE-TIME"},
        {"end before start", HEAD EV "DTSTART:20260101T100000Z\r\nDTEND:20260101T090000Z\r\n" TAIL,
         ERR_INPUT, "ends before"},
        {"dtend and duration",
         HEAD EV "DTSTART:20260101T100000Z\r\nDTEND:20260101T110000Z\r\nDURATION:PT1H\r\n" TAIL,
         ERR_INPUT, "both"},
        {"bad duration", HEAD EV "DTSTART:20260101T100000Z\r\nDURATION:1H\r\n" TAIL, ERR_INPUT,
         "DURATION"},
        {"unescaped comma", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:a,b\r\n" TAIL, ERR_INPUT,
         "unescaped"},
        {"unescaped semicolon", HEAD EV "DTSTART:20260101T100000Z\r\nLOCATION:a;b\r\n" TAIL,
         ERR_INPUT, "unescaped"},
        {"bad escape", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:a\\tb\r\n" TAIL, ERR_INPUT,
         "escape"},
        {"trailing backslash", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:ab\\\r\n" TAIL,
         ERR_INPUT, "escape"},
        {"control char", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:a\x01z\r\n" TAIL, ERR_INPUT,
         "control"},
        {"bad utf8", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY:\xc3\x28\r\n" TAIL, ERR_INPUT,
         "UTF-8"},
        {"no colon", HEAD EV "DTSTART:20260101T100000Z\r\nSUMMARY\r\n" TAIL, ERR_INPUT, "':'"},
        {"bad name", HEAD EV "DTSTART:20260101T100000Z\r\nSUM MARY:x\r\n" TAIL, ERR_INPUT,
         "missing"},
        {"unterminated quote", HEAD EV "DTSTART:20260101T100000Z\r\nX-A;P=\"abc:x\r\n" TAIL,
         ERR_INPUT, "quoted"},
        {"mismatched end", HEAD EV "DTSTART:20260101T100000Z\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
         ERR_INPUT, "match"},
        {"missing end", HEAD EV "DTSTART:20260101T100000Z\r\nEND:VEVENT\r\n", ERR_INPUT,
         "missing END"},
        {"content after end", HEAD "END:VCALENDAR\r\nX-A:b\r\n", ERR_INPUT, "after END"},
        {"event outside", "BEGIN:VEVENT\r\nEND:VEVENT\r\n", ERR_INPUT, "must begin VCALENDAR"},
        {"nested vevent", HEAD EV "BEGIN:VEVENT\r\n", ERR_INPUT, "not allowed"},
        {"empty line", HEAD "\r\nEND:VCALENDAR\r\n", ERR_INPUT, "empty line"},
        {"leading continuation", " BEGIN:VCALENDAR\r\n", ERR_INPUT, "continuation"},
        {"vtimezone without rules",
         HEAD "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n",
         ERR_INPUT, "STANDARD or DAYLIGHT"},
        {"bad offset",
         HEAD "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000"
              "\r\nTZOFFSETFROM:+02\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
              "END:VCALENDAR\r\n",
         ERR_INPUT, "offset"},
        {"negative sequence", HEAD EV "DTSTART:20260101T100000Z\r\nSEQUENCE:-1\r\n" TAIL, ERR_INPUT,
         "non-negative"},
        {"empty input", "", ERR_INPUT, "empty"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_ical_calendar cal;
        struct err e;
        err_init(&e);
        int rc = network_ical_parse(cases[i].in, strlen(cases[i].in), &cal, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc && !strstr(e.msg, cases[i].msg_part))
            fail_msg("case %s: message '%s' lacks '%s'", cases[i].name, e.msg, cases[i].msg_part);
        network_ical_calendar_release(&cal);
    }
}

static void test_duration_and_fold(void **state)
{
    (void)state;
    const char *in = HEAD TZ EV "DTSTART;TZID=Europe/Paris:20261025T023000\r\nDURATION:P1DT2H\r\n"
                                "SUMMARY:Caf\xc3\xa9 \\, th\xc3\xa9\\; \\\\ \\N fin\r\n" TAIL;
    struct network_ical_calendar cal;
    assert_int_equal(network_ical_parse(in, strlen(in), &cal, NULL), ERR_OK);
    /* an ambiguous local time means its first occurrence (RFC 5545 3.3.5) */
    assert_int_equal(cal.events[0].start_utc, T_2026_10_25_0100Z - 1800);
    assert_int_equal(cal.events[0].end_utc, T_2026_10_25_0100Z - 1800 + 26 * 3600);
    assert_string_equal(cal.events[0].summary, "Café , thé; \\ \n fin");
    network_ical_calendar_release(&cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_write_refuses),
        cmocka_unit_test(test_parse_cases),
        cmocka_unit_test(test_duration_and_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
