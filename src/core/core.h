/* SPDX-License-Identifier: MIT */
/*
 * core.h - the public header of the core module: error codes, allocation,
 * the string builder, slices, logging, number parsing, UTF-8 and text
 * folding, CSV reading, SIRET validation and geography.
 *
 * core depends on nothing but libc. Every other module may include it.
 * Small types here use their own name as prefix: err_, sb_, slice_,
 * csv_, siret_, geo_, text_, log_.
 */
#ifndef SYMBIOSE_CORE_H
#define SYMBIOSE_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CORE_PRINTF(fmt_idx, arg_idx) __attribute__((format(printf, fmt_idx, arg_idx)))

/* ---------------------------------------------------------------- errors */

/*
 * X-macro list of error codes: (NAME, "stable_name", "default message").
 * The stable names are what the API and logs show; never renumber.
 */
#define ERR_CODE_MAP(X)                                                                            \
    X(OK, "ok", "success")                                                                         \
    X(INPUT, "invalid_input", "invalid input")                                                     \
    X(NOT_FOUND, "not_found", "not found")                                                         \
    X(CONFLICT, "conflict", "conflict")                                                            \
    X(FORBIDDEN, "forbidden", "forbidden")                                                         \
    X(UNAUTHORIZED, "unauthorized", "authentication required")                                     \
    X(TOO_LARGE, "too_large", "input too large")                                                   \
    X(INFEASIBLE, "infeasible", "problem is infeasible")                                           \
    X(UNBOUNDED, "unbounded", "problem is unbounded")                                              \
    X(RATE_LIMITED, "rate_limited", "too many requests")                                           \
    X(IO, "io_error", "input/output error")                                                        \
    X(DB, "database_error", "database error")                                                      \
    X(NOMEM, "out_of_memory", "out of memory")                                                     \
    X(INTERNAL, "internal_error", "internal error")

enum err_code {
#define ERR_ENUM_(name, str, msg) ERR_##name,
    ERR_CODE_MAP(ERR_ENUM_)
#undef ERR_ENUM_
        ERR_CODE_COUNT
};

#define ERR_MSG_MAX 1024

/*
 * A caller-provided error: the code says what kind of failure, msg says
 * exactly what went wrong (git style: lower case first, no full stop).
 * err_init sets code ERR_OK and an empty message.
 */
struct err {
    enum err_code code;
    char msg[ERR_MSG_MAX];
};

void err_init(struct err *e);
/* Sets code and formatted message; returns code so that callers can write
 * `return err_set(e, ERR_INPUT, "...")`. e may be NULL. */
int err_set(struct err *e, enum err_code code, const char *fmt, ...) CORE_PRINTF(3, 4);
/* Prefixes the existing message with "prefix: " (used to add context). */
int err_prefix(struct err *e, const char *fmt, ...) CORE_PRINTF(2, 3);
/* Stable snake_case name of a code ("invalid_input"); "unknown" if out of range. */
const char *err_code_name(enum err_code code);
/* Default English message of a code. */
const char *err_code_message(enum err_code code);

/*
 * A list of errors, for validators that report every bad record (imports).
 * Each entry is one formatted line. Owned by the struct: err_list_release.
 */
struct err_list {
    char **lines;
    size_t n;
    size_t cap;
    size_t max_kept; /* lines beyond this are counted in n_dropped only */
    size_t n_dropped;
};

void err_list_init(struct err_list *l, size_t max_kept);
void err_list_add(struct err_list *l, const char *fmt, ...) CORE_PRINTF(2, 3);
void err_list_release(struct err_list *l);
static inline size_t err_list_count(const struct err_list *l)
{
    return l->n + l->n_dropped;
}

/* ---------------------------------------------------------- allocation */

/*
 * The x* allocators never return NULL: out of memory prints the size on
 * stderr and exits (the only fatal case in the program). Free with free().
 */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* n * size with overflow check (fatal on overflow, like OOM). */
void *xmallocarray(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
/* Copies n bytes and appends a NUL. */
char *xmemdupz(const void *p, size_t n);

/* Grows *arr (of element size elem) so it can hold at least need elements. */
void core_grow(void **arr, size_t *cap, size_t need, size_t elem);
#define CORE_GROW(arr, cap, need) core_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* --------------------------------------------------------------- slices */

/* A borrowed, length-carrying view of bytes; not NUL-terminated. */
struct slice {
    const char *p;
    size_t len;
};

static inline struct slice slice_from(const char *p, size_t len)
{
    struct slice s = {p, len};
    return s;
}
struct slice slice_cstr(const char *s);
bool slice_eq(struct slice s, const char *cstr);
bool slice_eq_nocase(struct slice s, const char *cstr);
struct slice slice_trim(struct slice s);
/* Copies into a new NUL-terminated string; free(). */
char *slice_dup(struct slice s);

/* ------------------------------------------------------- string builder */

/*
 * struct sb - a growable string.
 * Invariants: after sb_init, buf is never NULL and buf[len] == '\0'.
 * The size never exceeds max (0 means SB_DEFAULT_MAX); an append that would
 * exceed it, or fail to allocate, sets the sticky flag `failed` and is
 * dropped; sb_finish reports it once.
 */
struct sb {
    char *buf;
    size_t len;
    size_t cap;
    size_t max;  /* maximum len, in bytes */
    bool failed; /* sticky: an append was dropped */
};

#define SB_DEFAULT_MAX ((size_t)1 << 30)

void sb_init(struct sb *b, size_t max);
void sb_add(struct sb *b, const void *p, size_t n);
void sb_adds(struct sb *b, const char *s);
void sb_addc(struct sb *b, char c);
void sb_addf(struct sb *b, const char *fmt, ...) CORE_PRINTF(2, 3);
void sb_vaddf(struct sb *b, const char *fmt, va_list ap) CORE_PRINTF(2, 0);
/* Appends s as a JSON string literal, with quotes. */
void sb_add_json_str(struct sb *b, const char *s);
void sb_reset(struct sb *b);
/* Returns ERR_OK, or ERR_TOO_LARGE if an append was dropped. */
int sb_finish(struct sb *b, struct err *e);
/* Returns the buffer (caller frees) and leaves b empty but valid. */
char *sb_detach(struct sb *b, size_t *len);
void sb_release(struct sb *b);

/* -------------------------------------------------------------- logging */

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Process-wide threshold, set once by main from SYMBIOSE_LOG. */
extern enum log_level log_threshold;
void log_write(enum log_level lvl, const char *module, const char *fmt, ...) CORE_PRINTF(3, 4);
/* The macros check the level before evaluating the arguments. */
#define log_error(mod, ...)                                                                        \
    do {                                                                                           \
        if (log_threshold >= LOG_ERROR)                                                            \
            log_write(LOG_ERROR, mod, __VA_ARGS__);                                                \
    } while (0)
#define log_warn(mod, ...)                                                                         \
    do {                                                                                           \
        if (log_threshold >= LOG_WARN)                                                             \
            log_write(LOG_WARN, mod, __VA_ARGS__);                                                 \
    } while (0)
#define log_info(mod, ...)                                                                         \
    do {                                                                                           \
        if (log_threshold >= LOG_INFO)                                                             \
            log_write(LOG_INFO, mod, __VA_ARGS__);                                                 \
    } while (0)
#define log_debug(mod, ...)                                                                        \
    do {                                                                                           \
        if (log_threshold >= LOG_DEBUG)                                                            \
            log_write(LOG_DEBUG, mod, __VA_ARGS__);                                                \
    } while (0)

/* ------------------------------------------------------- number parsing */

/*
 * Parse a whole slice as a number (surrounding spaces allowed, nothing
 * else). French decimal comma is accepted by parse_double ("12,5").
 * Return ERR_OK or ERR_INPUT with a message naming what was wrong.
 */
int parse_double(struct slice s, double *out, struct err *e);
int parse_long(struct slice s, long *out, struct err *e);
int parse_int64(struct slice s, int64_t *out, struct err *e);

/* ------------------------------------------------------ UTF-8 and text */

/* true if the bytes are valid UTF-8 (no overlongs, no surrogates, no NUL). */
bool utf8_valid(const char *p, size_t n);

/*
 * text_fold - appends to out a search key for s: lower case, Latin accents
 * removed (é→e, Œ→oe, ß→ss), every run of non-alphanumerics becomes one
 * space, trimmed. "Déchets  de BOIS" → "dechets de bois". Bytes that are
 * not valid UTF-8 are dropped.
 */
void text_fold(struct sb *out, const char *s, size_t n);

/* ----------------------------------------------------------- CSV reader */

/*
 * csv_reader - RFC 4180 reader over a buffer the caller owns.
 * Accepts a UTF-8 BOM at the start, LF or CRLF, quoted fields with ""
 * escapes and embedded newlines. Each record's fields are slices into an
 * internal buffer valid until the next csv_next call.
 */
struct csv_reader {
    const char *p;    /* whole input (borrowed) */
    size_t len;       /* input length */
    size_t pos;       /* next byte to read */
    size_t line;      /* 1-based line where the last record started */
    size_t next_line; /* line of the next unread byte */
    size_t max_field; /* longest field accepted, bytes */
    size_t max_fields;
    struct sb field_buf;  /* unescaped bytes of the current record */
    struct slice *fields; /* n_fields slices into field_buf */
    size_t *offs;         /* offsets into field_buf while reading */
    size_t n_fields;
    size_t cap_fields;
};

#define CSV_MAX_FIELD_DEFAULT (64 * 1024)
#define CSV_MAX_FIELDS_DEFAULT 256

void csv_reader_init(struct csv_reader *r, const char *p, size_t len);
/*
 * Reads the next record. Returns ERR_OK with *has_record true, or with
 * false at end of input; ERR_INPUT on a malformed record (message says
 * what; r->line names where). After an error the reader skips to the next
 * line so that a validator can go on collecting errors.
 */
int csv_next(struct csv_reader *r, bool *has_record, struct err *e);
void csv_reader_release(struct csv_reader *r);

/* -------------------------------------------------------------- files */

/* Reads a whole file into a NUL-terminated buffer (free()); ERR_IO names
 * the file. max_bytes bounds the size (ERR_TOO_LARGE beyond). */
int file_read_all(const char *path, size_t max_bytes, char **out, size_t *out_len, struct err *e);

/*
 * Files embedded in the program at build time (tools/embed.c writes the
 * table from the CSV files of data/), so that it runs without the data folder.
 */
struct embed_file {
    const char *name; /* base name, e.g. "low.csv" */
    const char *data; /* bytes (a NUL follows them) */
    size_t len;
};
extern const struct embed_file embed_files[];
extern const size_t embed_n_files;

/*
 * data_load - the contents of reference file `name`: from dir/name when
 * dir is non-NULL (a folder given by SYMBIOSE_DATA), else the embedded
 * copy. *out is a NUL-terminated copy the caller frees with free().
 */
int data_load(const char *dir, const char *name, char **out, size_t *len, struct err *e);

/* ---------------------------------------------------------------- SIRET */

/*
 * siret_check - validates a SIRET: exactly 14 ASCII digits and a valid
 * Luhn checksum, except La Poste establishments (SIREN 356000000), whose
 * SIRET digits may instead sum to a multiple of 5. ERR_INPUT with reason.
 */
int siret_check(struct slice s, struct err *e);
bool siret_luhn_ok(const char *digits14);

/* ----------------------------------------------------------------- geo */

struct geo_point {
    double lat; /* degrees WGS84 */
    double lon; /* degrees WGS84 */
};

#define GEO_EARTH_RADIUS_KM 6371.0088

/* Great-circle distance in km. */
double geo_haversine_km(struct geo_point a, struct geo_point b);
/* Default factor turning a straight line into a road distance. */
#define GEO_DETOUR_FACTOR_DEFAULT 1.3
bool geo_point_valid(struct geo_point p);

/* ------------------------------------------------------------ misc time */

/* Monotonic seconds, for timing in benchmarks and logs. */
double core_now_s(void);

/* ------------------------------------------- number formatting (match) */

/*
 * numfmt_fixed - writes x with `decimals` digits after the point (0 to 6),
 * rounded half away from zero, without printf (millions of rows in match
 * outputs). dec_sep is '.' for files or ',' for French text; with
 * is_grouped, thousands are separated by a space ("3 200"). Writes at most
 * cap bytes including a NUL (cap >= 40 holds any value); returns the
 * length written. Values beyond 1e15 in magnitude are clamped.
 */
size_t numfmt_fixed(char *buf, size_t cap, double x, int decimals, char dec_sep, bool is_grouped);

/* ------------------------------------------- quantities (helper ref) */

/*
 * Dimensions of a flow quantity, with their canonical unit: every
 * quantity is normalised to that unit per year, so two quantities are
 * comparable exactly when their dimensions are equal.
 * X(NAME, "stable_name", "canonical unit").
 */
#define QTY_DIM_MAP(X)                                                                             \
    X(MASS, "mass", "t")                                                                           \
    X(ENERGY, "energy", "MWh")                                                                     \
    X(VOLUME, "volume", "m3")                                                                      \
    X(AREA, "area", "m2")                                                                          \
    X(TIME, "time", "h")                                                                           \
    X(PLACE, "place", "place")                                                                     \
    X(SESSION, "session", "session")                                                               \
    X(ITEM, "item", "unit")

enum qty_dim {
#define QTY_DIM_ENUM_(name, str, unit) QTY_DIM_##name,
    QTY_DIM_MAP(QTY_DIM_ENUM_)
#undef QTY_DIM_ENUM_
        QTY_DIM_COUNT
};

/* Stable name of a dimension ("mass"); "unknown" if out of range. */
const char *qty_dim_name(enum qty_dim dim);
/* Canonical unit of a dimension ("t", "MWh", "m3", ...), per year. */
const char *qty_dim_unit(enum qty_dim dim);

/* A quantity in the canonical unit of its dimension, per year. */
struct qty {
    double per_yr; /* e.g. t/yr for QTY_DIM_MASS; always > 0 and finite */
    enum qty_dim dim;
};

/*
 * qty_unit_parse - reads a unit, optionally with a period ("t", "kg/mois",
 * "MWh par an", "m³/jour", "tonnes per year"). French and English
 * spellings, any case, accents optional. Sets *dim, *to_canonical (the
 * factor from the unit to the canonical one: kg gives 0.001) and *per_yr
 * (how many periods in a year; 0 when the unit names no period).
 * ERR_INPUT naming the unit or the period if either is unknown.
 *
 * Units: mass g, kg, q, t, kt; energy Wh, kWh, MWh, GWh, TWh, MJ, GJ, TJ,
 * tep/toe (11.63 MWh); volume L, hL, m3; area m2, ha, km2; time h, jour
 * (a day of service counts 7 h: the French 35-hour week over 5 days),
 * demi-journée (3.5 h); place; session; unité/pièce/unit. Case is ignored,
 * so "mWh" reads as MWh.
 * Periods: an/année/year (1), semestre (2), trimestre/quarter (4),
 * mois/month (12), semaine/week (52), jour/day (250: working days, the
 * usual basis of industrial production; "jour calendaire"/"calendar day"
 * gives 365), ponctuel/one-off (1: counted once in its year).
 */
int qty_unit_parse(struct slice unit, enum qty_dim *dim, double *to_canonical, double *per_yr,
                   struct err *e);
/*
 * qty_period_parse - reads a period on its own ("an", "mois", "par
 * semaine", "/jour", "mensuel", "weekly"): *per_yr as above. An empty
 * period is ERR_INPUT (callers decide what a missing period means).
 */
int qty_period_parse(struct slice period, double *per_yr, struct err *e);
/*
 * qty_normalise - turns value in unit, per period, into a canonical
 * yearly quantity. The period may be in the unit ("t/an"), in the period
 * argument ("an"), in both if they agree, or in neither: then the value is
 * taken as yearly. ERR_INPUT if value is not positive and finite, if the
 * unit or period is unknown, if unit and period name different periods,
 * or if the result overflows.
 */
int qty_normalise(struct qty *out, double value, struct slice unit, struct slice period,
                  struct err *e);

/* ---------------------------------------- error excerpts (helper ref) */

/* Room for an excerpt of 40 bytes of text plus "..." and the NUL. */
#define TEXT_EXCERPT_SIZE 44

/*
 * text_excerpt - a printable copy of untrusted bytes, to quote in an error
 * message: at most cap - 4 bytes of s, cut on a character boundary and
 * followed by "..." when cut; control characters and invalid UTF-8 become
 * '?'. Writes into buf (cap bytes, NUL-terminated) and returns it; cap < 5
 * gives "". Typical use: char q[TEXT_EXCERPT_SIZE]; err_set(e, ERR_INPUT,
 * "unit '%s': unknown", text_excerpt(s, q, sizeof(q)));
 */
const char *text_excerpt(struct slice s, char *buf, size_t cap);

/* ------------------------------------------------------------ CSV fields */

/*
 * The one CSV writer of every CSV symbiose produces (exports, lists, the
 * API's CSV downloads). A text field is escaped as RFC 4180 asks (quoted
 * only when it holds a comma, a quote or a line break) and neutralised
 * against spreadsheet formula injection (OWASP "CSV injection"): a value
 * starting with '=', '+', '-', '@', a tab or a carriage return gets a
 * leading apostrophe, so Excel, LibreOffice and Sheets show it as text.
 * Numeric columns are written by sb_add_csv_num from a double, never from
 * text: a negative quantity stays the number -3.5 a spreadsheet can sum,
 * and no user text can reach a numeric column. There is no unneutralised
 * text writer on purpose.
 */

/* Appends the text s as one neutralised CSV field. */
void sb_add_csv_text(struct sb *b, const char *s);
/* Appends v as a CSV number ("%.10g"), or nothing (an empty field) when
 * !has or v is not finite. */
void sb_add_csv_num(struct sb *b, double v, bool has);
/* Size in bytes of the CSV field csv_field_write makes of s (n bytes). */
size_t csv_field_size(const char *s, size_t n);
/* Writes s (n bytes) as one neutralised CSV field into dst, which holds at
 * least csv_field_size(s, n) bytes; no NUL is written. For writers that
 * fill fixed buffers (the match command's rows). */
void csv_field_write(char *dst, const char *s, size_t n);

#endif /* SYMBIOSE_CORE_H */
