/* SPDX-License-Identifier: MIT */
/*
 * ical_parse.c - a strict RFC 5545 reader. It exists to prove that the
 * feeds written by ical.c are valid (the tests parse every feed back) and
 * to read calendars that users upload. It is strict on purpose: anything
 * the RFC forbids is an error naming the physical line, never a guess.
 *
 * Supported subset: VCALENDAR with VEVENT and VTIMEZONE (others are
 * checked for syntax and nesting, then skipped); DATE-TIME values in UTC
 * or with TZID=Europe/Paris; DURATION values.
 */
#include "network_int.h"

#include <stdlib.h>
#include <string.h>

#define ICAL_LINE_MAX 75
#define ICAL_DEPTH_MAX 8
#define ICAL_PARAMS_MAX 16

/* One logical (unfolded) content line. */
struct ical_line {
    size_t line_no; /* physical line where it starts, 1-based */
    char *text;     /* unfolded, NUL-terminated */
    size_t len;
};

struct ical_param {
    struct slice name;
    struct slice value; /* quotes removed; may hold a comma-separated list */
};

/* A content line split into its parts (slices into ical_line.text). */
struct ical_prop {
    char name[64]; /* upper-cased */
    struct ical_param params[ICAL_PARAMS_MAX];
    size_t n_params;
    struct slice value;
};

/* What one VEVENT has seen so far (for "exactly once" rules). */
struct vevent_state {
    unsigned n_uid, n_dtstamp, n_dtstart, n_dtend, n_duration;
    int64_t duration_s;
};

struct ical_parser {
    struct network_ical_calendar *cal;
    struct err *e;
    size_t line_no;
    const char *stack[ICAL_DEPTH_MAX]; /* names of the open components */
    size_t depth;
    unsigned n_version, n_prodid;
    bool has_paris_tz;    /* a VTIMEZONE with TZID:Europe/Paris was seen */
    bool uses_paris_tz;   /* some DATE-TIME referred to it */
    size_t first_tz_use;  /* line of the first such reference */
    unsigned n_tzid;      /* TZID properties in the current VTIMEZONE */
    unsigned n_tz_fields; /* DTSTART/TZOFFSETFROM/TZOFFSETTO in STANDARD/DAYLIGHT */
    unsigned n_tz_rules;  /* STANDARD/DAYLIGHT in the current VTIMEZONE */
    struct vevent_state ev;
};

static int perr(struct ical_parser *ps, const char *prop, const char *reason)
{
    return err_set(ps->e, ERR_INPUT, "line %zu: %s: %s", ps->line_no, prop, reason);
}

static bool is_ctl(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

static bool is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static void lines_release(struct ical_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i].text);
    free(lines);
}

/* Splits the input into unfolded logical lines, checking CRLF and lengths. */
static int split_lines(const char *p, size_t len, struct ical_line **out, size_t *n_out,
                       struct err *e)
{
    struct ical_line *lines = NULL;
    size_t n = 0, cap = 0, line_no = 0;
    struct sb cur;
    size_t cur_line = 0;
    bool has_cur = false;
    int rc = ERR_OK;
    sb_init(&cur, 0);
    if (!utf8_valid(p, len)) {
        rc = err_set(e, ERR_INPUT, "ical: input is not valid UTF-8 (or contains NUL)");
        goto out;
    }
    for (size_t pos = 0; pos < len;) {
        line_no++;
        const char *nl = memchr(p + pos, '\n', len - pos);
        const char *cr = memchr(p + pos, '\r', len - pos);
        if (!nl) {
            rc = err_set(e, ERR_INPUT, "line %zu: missing CRLF at end of line", line_no);
            goto out;
        }
        size_t end = (size_t)(nl - p);
        if (end == pos || p[end - 1] != '\r' || (cr && cr < nl - 1)) {
            rc = err_set(e, ERR_INPUT, "line %zu: bare LF or CR (lines must end with CRLF)",
                         line_no);
            goto out;
        }
        size_t plen = end - 1 - pos;
        if (plen > ICAL_LINE_MAX) {
            rc = err_set(e, ERR_INPUT, "line %zu: %zu octets (more than %d, fold it)", line_no,
                         plen, ICAL_LINE_MAX);
            goto out;
        }
        if (plen > 0 && (p[pos] == ' ' || p[pos] == '\t')) {
            if (!has_cur) {
                rc = err_set(e, ERR_INPUT, "line %zu: continuation line with nothing to continue",
                             line_no);
                goto out;
            }
            sb_add(&cur, p + pos + 1, plen - 1);
        } else {
            if (plen == 0) {
                rc = err_set(e, ERR_INPUT, "line %zu: empty line", line_no);
                goto out;
            }
            if (has_cur) {
                CORE_GROW(lines, cap, n + 1);
                lines[n].line_no = cur_line;
                lines[n].text = sb_detach(&cur, &lines[n].len);
                n++;
            }
            sb_add(&cur, p + pos, plen);
            cur_line = line_no;
            has_cur = true;
        }
        pos = end + 1;
    }
    if (has_cur) {
        CORE_GROW(lines, cap, n + 1);
        lines[n].line_no = cur_line;
        lines[n].text = sb_detach(&cur, &lines[n].len);
        n++;
    }
    rc = sb_finish(&cur, e);
out:
    sb_release(&cur);
    if (rc) {
        lines_release(lines, n);
        return rc;
    }
    *out = lines;
    *n_out = n;
    return ERR_OK;
}

/* Parses "NAME *(;PARAM=VALUE) : VALUE" (RFC 5545 section 3.1). */
static int parse_content_line(struct ical_parser *ps, const struct ical_line *l,
                              struct ical_prop *prop)
{
    const char *s = l->text;
    size_t n = l->len, i = 0;
    prop->n_params = 0;
    while (i < n && is_name_char(s[i]))
        i++;
    if (i == 0 || i >= sizeof(prop->name))
        return perr(ps, "?", "malformed property name");
    for (size_t k = 0; k < i; k++)
        prop->name[k] = (s[k] >= 'a' && s[k] <= 'z') ? (char)(s[k] - 'a' + 'A') : s[k];
    prop->name[i] = '\0';
    while (i < n && s[i] == ';') {
        i++;
        size_t ns = i;
        while (i < n && is_name_char(s[i]))
            i++;
        if (i == ns || i >= n || s[i] != '=')
            return perr(ps, prop->name, "malformed parameter name");
        if (prop->n_params == ICAL_PARAMS_MAX)
            return perr(ps, prop->name, "too many parameters");
        struct ical_param *pa = &prop->params[prop->n_params++];
        pa->name = slice_from(s + ns, i - ns);
        i++;
        size_t vs = i;
        for (;;) {
            if (i < n && s[i] == '"') {
                i++;
                while (i < n && s[i] != '"' && !is_ctl((unsigned char)s[i]))
                    i++;
                if (i >= n || s[i] != '"')
                    return perr(ps, prop->name, "unterminated quoted parameter value");
                i++;
            } else {
                while (i < n && !strchr("\";:,", s[i]) && !is_ctl((unsigned char)s[i]))
                    i++;
            }
            if (i < n && s[i] == ',') {
                i++;
                continue;
            }
            break;
        }
        pa->value = slice_from(s + vs, i - vs);
        if (pa->value.len >= 2 && pa->value.p[0] == '"' && pa->value.p[pa->value.len - 1] == '"')
            pa->value = slice_from(pa->value.p + 1, pa->value.len - 2);
    }
    if (i >= n || s[i] != ':')
        return perr(ps, prop->name, "missing ':' before the value");
    i++;
    for (size_t k = i; k < n; k++)
        if (is_ctl((unsigned char)s[k]))
            return perr(ps, prop->name, "control character in value");
    prop->value = slice_from(s + i, n - i);
    return ERR_OK;
}

static const struct ical_param *find_param(const struct ical_prop *prop, const char *name)
{
    for (size_t i = 0; i < prop->n_params; i++)
        if (slice_eq_nocase(prop->params[i].name, name))
            return &prop->params[i];
    return NULL;
}

/*
 * Unescapes a TEXT value. Strict: a backslash must be followed by one of
 * \ ; , n N and, unless is_list, ';' and ',' must be escaped.
 */
static int text_value(struct ical_parser *ps, const struct ical_prop *prop, bool is_list,
                      char **out)
{
    struct sb b;
    sb_init(&b, 0);
    for (size_t i = 0; i < prop->value.len; i++) {
        char c = prop->value.p[i];
        if (c == '\\') {
            char d = i + 1 < prop->value.len ? prop->value.p[i + 1] : '\0';
            i++;
            if (d == 'n' || d == 'N')
                sb_addc(&b, '\n');
            else if (d == '\\' || d == ';' || d == ',')
                sb_addc(&b, d);
            else {
                sb_release(&b);
                return perr(ps, prop->name, "invalid escape sequence in TEXT value");
            }
        } else if (c == ';' || (c == ',' && !is_list)) {
            sb_release(&b);
            return perr(ps, prop->name, "unescaped ';' or ',' in TEXT value");
        } else {
            sb_addc(&b, c);
        }
    }
    int rc = sb_finish(&b, ps->e);
    if (rc) {
        sb_release(&b);
        return rc;
    }
    free(*out);
    *out = sb_detach(&b, NULL);
    sb_release(&b);
    return ERR_OK;
}

static bool digits(const char *s, size_t n, unsigned *out)
{
    unsigned v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned)(s[i] - '0');
    }
    *out = v;
    return true;
}

/*
 * Parses a DATE-TIME value (YYYYMMDDTHHMMSS[Z]) with its TZID parameter
 * into an instant. Paris times that are ambiguous take the first
 * occurrence and skipped ones the offset before the gap (RFC 5545 3.3.5).
 */
static int date_time_value(struct ical_parser *ps, const struct ical_prop *prop, bool must_utc,
                           int64_t *out, bool *has_tzid)
{
    const struct ical_param *tzid = find_param(prop, "TZID");
    const struct ical_param *vt = find_param(prop, "VALUE");
    struct slice v = prop->value;
    struct network_civil c = {0};
    unsigned y;
    if (vt && !slice_eq_nocase(vt->value, "DATE-TIME"))
        return perr(ps, prop->name, "only DATE-TIME values are supported");
    if ((v.len != 15 && v.len != 16) || v.p[8] != 'T' || !digits(v.p, 4, &y) ||
        !digits(v.p + 4, 2, &c.month) || !digits(v.p + 6, 2, &c.day) ||
        !digits(v.p + 9, 2, &c.hour) || !digits(v.p + 11, 2, &c.min) ||
        !digits(v.p + 13, 2, &c.sec) || (v.len == 16 && v.p[15] != 'Z'))
        return perr(ps, prop->name, "malformed DATE-TIME (want YYYYMMDDTHHMMSS[Z])");
    c.year = y;
    if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > network__month_days(c.year, c.month) ||
        c.hour > 23 || c.min > 59 || c.sec > 60)
        return perr(ps, prop->name, "DATE-TIME out of range");
    if (c.sec == 60)
        c.sec = 59; /* a leap second: keep the instant inside its minute */
    bool is_utc = v.len == 16;
    *has_tzid = tzid != NULL;
    if (is_utc && tzid)
        return perr(ps, prop->name, "TZID given with a UTC time");
    if (must_utc && !is_utc)
        return perr(ps, prop->name, "must be a UTC time (ending in Z)");
    if (is_utc) {
        *out = network__secs_from_civil(&c);
        return ERR_OK;
    }
    if (!tzid)
        return perr(ps, prop->name, "floating time (neither UTC nor TZID) is not supported");
    if (!slice_eq(tzid->value, "Europe/Paris"))
        return perr(ps, prop->name, "unsupported TZID (only Europe/Paris)");
    if (!ps->uses_paris_tz) {
        ps->uses_paris_tz = true;
        ps->first_tz_use = ps->line_no;
    }
    if (network_paris_to_utc("DATE-TIME", &c, NETWORK_TZ_EARLIER, out, NULL) != ERR_OK)
        *out = network__secs_from_civil(&c) - 3600; /* skipped: offset before the gap */
    return ERR_OK;
}

/* Parses a DURATION value: [+-]P(nW | [nD][T[nH][nM][nS]]). */
static int duration_value(struct ical_parser *ps, const struct ical_prop *prop, int64_t *out)
{
    const char *s = prop->value.p;
    size_t n = prop->value.len, i = 0;
    int64_t sign = 1, total = 0;
    bool in_time = false, any = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    if (i >= n || s[i++] != 'P')
        goto bad;
    while (i < n) {
        if (s[i] == 'T' && !in_time) {
            in_time = true;
            i++;
            continue;
        }
        int64_t v = 0;
        size_t start = i;
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 9)
            v = v * 10 + (s[i++] - '0');
        if (i == start || i >= n)
            goto bad;
        char u = s[i++];
        if (u == 'W' && !in_time)
            total += v * 7 * 86400;
        else if (u == 'D' && !in_time)
            total += v * 86400;
        else if (u == 'H' && in_time)
            total += v * 3600;
        else if (u == 'M' && in_time)
            total += v * 60;
        else if (u == 'S' && in_time)
            total += v;
        else
            goto bad;
        any = true;
    }
    if (!any)
        goto bad;
    *out = sign * total;
    return ERR_OK;
bad:
    return perr(ps, prop->name, "malformed DURATION");
}

static struct network_ical_vevent *cur_event(struct ical_parser *ps)
{
    return &ps->cal->events[ps->cal->n_events - 1];
}

static int begin_component(struct ical_parser *ps, const struct ical_prop *prop)
{
    const char *parent = ps->depth ? ps->stack[ps->depth - 1] : NULL;
    static const char *const known[] = {"VCALENDAR", "VEVENT",    "VTODO",
                                        "VJOURNAL",  "VFREEBUSY", "VTIMEZONE",
                                        "STANDARD",  "DAYLIGHT",  "VALARM"};
    const char *name = NULL;
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (slice_eq_nocase(prop->value, known[i]))
            name = known[i];
    if (!name) {
        if (!(prop->value.len > 2 && (prop->value.p[0] == 'X' || prop->value.p[0] == 'x') &&
              prop->value.p[1] == '-'))
            return perr(ps, "BEGIN", "unknown component");
        name = "X-";
    }
    bool ok;
    if (!strcmp(name, "VCALENDAR"))
        ok = parent == NULL;
    else if (!strcmp(name, "STANDARD") || !strcmp(name, "DAYLIGHT"))
        ok = parent && !strcmp(parent, "VTIMEZONE");
    else if (!strcmp(name, "VALARM"))
        ok = parent && (!strcmp(parent, "VEVENT") || !strcmp(parent, "VTODO"));
    else
        ok = parent && !strcmp(parent, "VCALENDAR");
    if (!ok)
        return perr(ps, "BEGIN", parent ? "component not allowed here" : "must begin VCALENDAR");
    if (ps->depth == ICAL_DEPTH_MAX)
        return perr(ps, "BEGIN", "components nested too deep");
    ps->stack[ps->depth++] = name;
    if (!strcmp(name, "VEVENT")) {
        struct network_ical_calendar *cal = ps->cal;
        CORE_GROW(cal->events, cal->cap_events, cal->n_events + 1);
        memset(&cal->events[cal->n_events++], 0, sizeof(cal->events[0]));
        memset(&ps->ev, 0, sizeof(ps->ev));
    } else if (!strcmp(name, "VTIMEZONE")) {
        ps->n_tzid = 0;
        ps->n_tz_rules = 0;
    } else if (!strcmp(name, "STANDARD") || !strcmp(name, "DAYLIGHT")) {
        ps->n_tz_fields = 0;
        ps->n_tz_rules++;
    }
    return ERR_OK;
}

static int end_component(struct ical_parser *ps, const struct ical_prop *prop)
{
    if (ps->depth == 0)
        return perr(ps, "END", "no open component");
    const char *name = ps->stack[ps->depth - 1];
    bool match = !strcmp(name, "X-")
                     ? (prop->value.len > 2 && (prop->value.p[0] == 'X' || prop->value.p[0] == 'x'))
                     : slice_eq_nocase(prop->value, name);
    if (!match)
        return perr(ps, "END", "does not match the open component");
    if (!strcmp(name, "VEVENT")) {
        struct network_ical_vevent *ev = cur_event(ps);
        struct vevent_state *st = &ps->ev;
        if (st->n_uid != 1)
            return perr(ps, "VEVENT", "UID is required");
        if (st->n_dtstamp != 1)
            return perr(ps, "VEVENT", "DTSTAMP is required");
        if (st->n_dtstart != 1)
            return perr(ps, "VEVENT", "DTSTART is required");
        if (st->n_dtend && st->n_duration)
            return perr(ps, "VEVENT", "both DTEND and DURATION");
        if (st->n_duration)
            ev->end_utc = ev->start_utc + st->duration_s;
        else if (!st->n_dtend)
            ev->end_utc = ev->start_utc;
        if (ev->end_utc < ev->start_utc)
            return perr(ps, "VEVENT", "ends before it starts");
    } else if (!strcmp(name, "VTIMEZONE")) {
        if (ps->n_tzid != 1)
            return perr(ps, "VTIMEZONE", "TZID is required once");
        if (ps->n_tz_rules == 0)
            return perr(ps, "VTIMEZONE", "needs a STANDARD or DAYLIGHT rule");
        ps->cal->n_timezones++;
    } else if (!strcmp(name, "STANDARD") || !strcmp(name, "DAYLIGHT")) {
        if (ps->n_tz_fields != 7)
            return perr(ps, name, "needs DTSTART, TZOFFSETFROM and TZOFFSETTO once each");
    } else if (!strcmp(name, "VCALENDAR")) {
        if (ps->n_version != 1)
            return perr(ps, "VCALENDAR", "VERSION is required once");
        if (ps->n_prodid != 1)
            return perr(ps, "VCALENDAR", "PRODID is required once");
        if (ps->uses_paris_tz && !ps->has_paris_tz) {
            ps->line_no = ps->first_tz_use;
            return perr(ps, "TZID", "Europe/Paris has no VTIMEZONE in the calendar");
        }
    }
    ps->depth--;
    return ERR_OK;
}

static bool utc_offset_ok(struct slice v)
{
    unsigned h, m, s;
    if ((v.len != 5 && v.len != 7) || (v.p[0] != '+' && v.p[0] != '-'))
        return false;
    if (!digits(v.p + 1, 2, &h) || !digits(v.p + 3, 2, &m) || h > 23 || m > 59)
        return false;
    return v.len == 5 || (digits(v.p + 5, 2, &s) && s <= 59);
}

static int vevent_prop(struct ical_parser *ps, const struct ical_prop *prop)
{
    struct network_ical_vevent *ev = cur_event(ps);
    struct vevent_state *st = &ps->ev;
    const char *n = prop->name;
    bool has_tzid = false;
    if (!strcmp(n, "UID")) {
        if (st->n_uid++)
            return perr(ps, n, "repeated");
        if (prop->value.len == 0)
            return perr(ps, n, "empty");
        return text_value(ps, prop, false, &ev->uid);
    }
    if (!strcmp(n, "DTSTAMP")) {
        if (st->n_dtstamp++)
            return perr(ps, n, "repeated");
        return date_time_value(ps, prop, true, &ev->stamp_utc, &has_tzid);
    }
    if (!strcmp(n, "DTSTART")) {
        if (st->n_dtstart++)
            return perr(ps, n, "repeated");
        return date_time_value(ps, prop, false, &ev->start_utc, &ev->start_has_tzid);
    }
    if (!strcmp(n, "DTEND")) {
        if (st->n_dtend++)
            return perr(ps, n, "repeated");
        return date_time_value(ps, prop, false, &ev->end_utc, &has_tzid);
    }
    if (!strcmp(n, "DURATION")) {
        if (st->n_duration++)
            return perr(ps, n, "repeated");
        return duration_value(ps, prop, &st->duration_s);
    }
    if (!strcmp(n, "SEQUENCE")) {
        long v;
        if (parse_long(prop->value, &v, NULL) || v < 0 || prop->value.len == 0 ||
            prop->value.p[0] == ' ')
            return perr(ps, n, "must be a non-negative integer");
        ev->sequence = v;
        return ERR_OK;
    }
    if (!strcmp(n, "URL")) {
        if (memchr(prop->value.p, ' ', prop->value.len))
            return perr(ps, n, "space in URI");
        free(ev->url);
        ev->url = slice_dup(prop->value);
        return ERR_OK;
    }
    if (!strcmp(n, "STATUS")) {
        free(ev->status);
        ev->status = slice_dup(prop->value);
        return ERR_OK;
    }
    if (!strcmp(n, "SUMMARY"))
        return text_value(ps, prop, false, &ev->summary);
    if (!strcmp(n, "DESCRIPTION"))
        return text_value(ps, prop, false, &ev->description);
    if (!strcmp(n, "LOCATION"))
        return text_value(ps, prop, false, &ev->location);
    if (!strcmp(n, "CATEGORIES") || !strcmp(n, "RESOURCES")) {
        char *tmp = NULL;
        int rc = text_value(ps, prop, true, &tmp);
        free(tmp);
        return rc;
    }
    if (!strcmp(n, "COMMENT") || !strcmp(n, "CONTACT")) {
        char *tmp = NULL;
        int rc = text_value(ps, prop, false, &tmp);
        free(tmp);
        return rc;
    }
    return ERR_OK;
}

static int property(struct ical_parser *ps, const struct ical_prop *prop)
{
    if (ps->depth == 0)
        return perr(ps, prop->name, "property outside VCALENDAR");
    const char *comp = ps->stack[ps->depth - 1];
    const char *n = prop->name;
    if (!strcmp(comp, "VCALENDAR")) {
        if (!strcmp(n, "VERSION")) {
            ps->n_version++;
            if (!slice_eq(prop->value, "2.0"))
                return perr(ps, n, "must be 2.0");
            free(ps->cal->version);
            ps->cal->version = slice_dup(prop->value);
        } else if (!strcmp(n, "PRODID")) {
            ps->n_prodid++;
            free(ps->cal->prodid);
            ps->cal->prodid = slice_dup(prop->value);
        } else if (!strcmp(n, "CALSCALE") && !slice_eq_nocase(prop->value, "GREGORIAN")) {
            return perr(ps, n, "only GREGORIAN is supported");
        }
        return ERR_OK;
    }
    if (!strcmp(comp, "VEVENT"))
        return vevent_prop(ps, prop);
    if (!strcmp(comp, "VTIMEZONE") && !strcmp(n, "TZID")) {
        ps->n_tzid++;
        if (slice_eq(prop->value, "Europe/Paris"))
            ps->has_paris_tz = true;
        return ERR_OK;
    }
    if (!strcmp(comp, "STANDARD") || !strcmp(comp, "DAYLIGHT")) {
        /* bit 1: DTSTART, 2: TZOFFSETFROM, 4: TZOFFSETTO; each once */
        unsigned bit = !strcmp(n, "DTSTART")        ? 1
                       : !strcmp(n, "TZOFFSETFROM") ? 2
                       : !strcmp(n, "TZOFFSETTO")   ? 4
                                                    : 0;
        if (!bit)
            return ERR_OK;
        if (ps->n_tz_fields & bit)
            return perr(ps, n, "repeated");
        ps->n_tz_fields |= bit;
        if (bit == 1) {
            /* a VTIMEZONE DTSTART is a local time by definition */
            unsigned d8, t6;
            if (prop->value.len != 15 || prop->value.p[8] != 'T' ||
                !digits(prop->value.p, 8, &d8) || !digits(prop->value.p + 9, 6, &t6))
                return perr(ps, n, "must be a local DATE-TIME (YYYYMMDDTHHMMSS)");
            return ERR_OK;
        }
        if (!utc_offset_ok(prop->value))
            return perr(ps, n, "malformed UTC offset (want +HHMM)");
    }
    return ERR_OK;
}

void network_ical_calendar_release(struct network_ical_calendar *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_events; i++) {
        struct network_ical_vevent *ev = &c->events[i];
        free(ev->uid);
        free(ev->summary);
        free(ev->description);
        free(ev->location);
        free(ev->url);
        free(ev->status);
    }
    free(c->events);
    free(c->prodid);
    free(c->version);
    memset(c, 0, sizeof(*c));
}

int network_ical_parse(const char *p, size_t len, struct network_ical_calendar *out, struct err *e)
{
    struct ical_line *lines = NULL;
    size_t n_lines = 0;
    struct ical_parser ps;
    memset(out, 0, sizeof(*out));
    memset(&ps, 0, sizeof(ps));
    ps.cal = out;
    ps.e = e;
    int rc = split_lines(p, len, &lines, &n_lines, e);
    if (rc)
        return rc;
    if (n_lines == 0) {
        rc = err_set(e, ERR_INPUT, "ical: empty calendar");
        goto out;
    }
    bool closed = false;
    for (size_t i = 0; i < n_lines; i++) {
        struct ical_prop prop;
        ps.line_no = lines[i].line_no;
        if (closed) {
            rc = perr(&ps, "?", "content after END:VCALENDAR");
            goto out;
        }
        rc = parse_content_line(&ps, &lines[i], &prop);
        if (rc)
            goto out;
        if (!strcmp(prop.name, "BEGIN"))
            rc = begin_component(&ps, &prop);
        else if (!strcmp(prop.name, "END")) {
            rc = end_component(&ps, &prop);
            closed = rc == ERR_OK && ps.depth == 0;
        } else
            rc = property(&ps, &prop);
        if (rc)
            goto out;
    }
    if (!closed)
        rc = err_set(e, ERR_INPUT, "ical: missing END:VCALENDAR");
out:
    lines_release(lines, n_lines);
    return rc;
}
