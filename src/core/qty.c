/* SPDX-License-Identifier: MIT */
/*
 * qty.c - quantities: a value with a unit and a period becomes a canonical
 * yearly quantity of one dimension (t/yr, MWh/yr, m3/yr, ...), so that the
 * matching engine compares offers and needs declared as "500 kg/mois" and
 * "6 t/an". Table-driven: a unit or period is spelled in a folded form
 * (lower case ASCII, accents dropped, "³" as "3", single spaces) and looked
 * up in the tables below. The choices (250 working days a year, a day of
 * service of 7 h) are documented in core.h.
 */
#include "core.h"

#include <math.h>
#include <string.h>

#define QTY_NAME_MAX 48 /* longest folded unit or period text accepted */

static const char *const qty_dim_names[] = {
#define QTY_DIM_NAME_(name, str, unit) str,
    QTY_DIM_MAP(QTY_DIM_NAME_)
#undef QTY_DIM_NAME_
};

static const char *const qty_dim_units[] = {
#define QTY_DIM_UNIT_(name, str, unit) unit,
    QTY_DIM_MAP(QTY_DIM_UNIT_)
#undef QTY_DIM_UNIT_
};

const char *qty_dim_name(enum qty_dim dim)
{
    return (unsigned)dim < QTY_DIM_COUNT ? qty_dim_names[dim] : "unknown";
}

const char *qty_dim_unit(enum qty_dim dim)
{
    return (unsigned)dim < QTY_DIM_COUNT ? qty_dim_units[dim] : "unknown";
}

struct qty_unit_def {
    const char *name; /* folded spelling */
    enum qty_dim dim;
    double to_canonical; /* canonical units per unit */
};

/* MWh per unit of energy: 1 MWh = 3600 MJ; 1 toe = 11.63 MWh (IEA). */
#define QTY_MWH_PER_MJ (1.0 / 3600.0)

static const struct qty_unit_def qty_units[] = {
    /* mass, canonical t */
    {"t", QTY_DIM_MASS, 1},
    {"tonne", QTY_DIM_MASS, 1},
    {"tonnes", QTY_DIM_MASS, 1},
    {"kg", QTY_DIM_MASS, 1e-3},
    {"kgs", QTY_DIM_MASS, 1e-3},
    {"kilo", QTY_DIM_MASS, 1e-3},
    {"kilos", QTY_DIM_MASS, 1e-3},
    {"kilogramme", QTY_DIM_MASS, 1e-3},
    {"kilogrammes", QTY_DIM_MASS, 1e-3},
    {"kilogram", QTY_DIM_MASS, 1e-3},
    {"kilograms", QTY_DIM_MASS, 1e-3},
    {"g", QTY_DIM_MASS, 1e-6},
    {"gramme", QTY_DIM_MASS, 1e-6},
    {"grammes", QTY_DIM_MASS, 1e-6},
    {"gram", QTY_DIM_MASS, 1e-6},
    {"grams", QTY_DIM_MASS, 1e-6},
    {"q", QTY_DIM_MASS, 0.1},
    {"quintal", QTY_DIM_MASS, 0.1},
    {"quintaux", QTY_DIM_MASS, 0.1},
    {"kt", QTY_DIM_MASS, 1e3},
    /* energy, canonical MWh */
    {"wh", QTY_DIM_ENERGY, 1e-6},
    {"kwh", QTY_DIM_ENERGY, 1e-3},
    {"mwh", QTY_DIM_ENERGY, 1},
    {"gwh", QTY_DIM_ENERGY, 1e3},
    {"twh", QTY_DIM_ENERGY, 1e6},
    {"mj", QTY_DIM_ENERGY, QTY_MWH_PER_MJ},
    {"gj", QTY_DIM_ENERGY, 1e3 * QTY_MWH_PER_MJ},
    {"tj", QTY_DIM_ENERGY, 1e6 * QTY_MWH_PER_MJ},
    {"tep", QTY_DIM_ENERGY, 11.63},
    {"toe", QTY_DIM_ENERGY, 11.63},
    /* volume, canonical m3 */
    {"m3", QTY_DIM_VOLUME, 1},
    {"metre cube", QTY_DIM_VOLUME, 1},
    {"metres cubes", QTY_DIM_VOLUME, 1},
    {"cubic meter", QTY_DIM_VOLUME, 1},
    {"cubic meters", QTY_DIM_VOLUME, 1},
    {"cubic metre", QTY_DIM_VOLUME, 1},
    {"cubic metres", QTY_DIM_VOLUME, 1},
    {"l", QTY_DIM_VOLUME, 1e-3},
    {"litre", QTY_DIM_VOLUME, 1e-3},
    {"litres", QTY_DIM_VOLUME, 1e-3},
    {"liter", QTY_DIM_VOLUME, 1e-3},
    {"liters", QTY_DIM_VOLUME, 1e-3},
    {"hl", QTY_DIM_VOLUME, 0.1},
    {"hectolitre", QTY_DIM_VOLUME, 0.1},
    {"hectolitres", QTY_DIM_VOLUME, 0.1},
    /* area, canonical m2 */
    {"m2", QTY_DIM_AREA, 1},
    {"metre carre", QTY_DIM_AREA, 1},
    {"metres carres", QTY_DIM_AREA, 1},
    {"square meter", QTY_DIM_AREA, 1},
    {"square meters", QTY_DIM_AREA, 1},
    {"square metre", QTY_DIM_AREA, 1},
    {"square metres", QTY_DIM_AREA, 1},
    {"ha", QTY_DIM_AREA, 1e4},
    {"hectare", QTY_DIM_AREA, 1e4},
    {"hectares", QTY_DIM_AREA, 1e4},
    {"km2", QTY_DIM_AREA, 1e6},
    /* time of service, canonical h; a day is 7 h (35-hour week / 5) */
    {"h", QTY_DIM_TIME, 1},
    {"hr", QTY_DIM_TIME, 1},
    {"hrs", QTY_DIM_TIME, 1},
    {"heure", QTY_DIM_TIME, 1},
    {"heures", QTY_DIM_TIME, 1},
    {"hour", QTY_DIM_TIME, 1},
    {"hours", QTY_DIM_TIME, 1},
    {"j", QTY_DIM_TIME, 7},
    {"jour", QTY_DIM_TIME, 7},
    {"jours", QTY_DIM_TIME, 7},
    {"journee", QTY_DIM_TIME, 7},
    {"journees", QTY_DIM_TIME, 7},
    {"day", QTY_DIM_TIME, 7},
    {"days", QTY_DIM_TIME, 7},
    {"demi-journee", QTY_DIM_TIME, 3.5},
    {"demi-journees", QTY_DIM_TIME, 3.5},
    {"demi journee", QTY_DIM_TIME, 3.5},
    {"demi journees", QTY_DIM_TIME, 3.5},
    {"half-day", QTY_DIM_TIME, 3.5},
    {"half-days", QTY_DIM_TIME, 3.5},
    {"half day", QTY_DIM_TIME, 3.5},
    {"half days", QTY_DIM_TIME, 3.5},
    /* places (seats, parking or storage spaces) */
    {"place", QTY_DIM_PLACE, 1},
    {"places", QTY_DIM_PLACE, 1},
    {"emplacement", QTY_DIM_PLACE, 1},
    {"emplacements", QTY_DIM_PLACE, 1},
    {"seat", QTY_DIM_PLACE, 1},
    {"seats", QTY_DIM_PLACE, 1},
    /* sessions (trainings, events) */
    {"session", QTY_DIM_SESSION, 1},
    {"sessions", QTY_DIM_SESSION, 1},
    /* items */
    {"u", QTY_DIM_ITEM, 1},
    {"unite", QTY_DIM_ITEM, 1},
    {"unites", QTY_DIM_ITEM, 1},
    {"unit", QTY_DIM_ITEM, 1},
    {"units", QTY_DIM_ITEM, 1},
    {"piece", QTY_DIM_ITEM, 1},
    {"pieces", QTY_DIM_ITEM, 1},
    {"pce", QTY_DIM_ITEM, 1},
    {"pcs", QTY_DIM_ITEM, 1},
    {"item", QTY_DIM_ITEM, 1},
    {"items", QTY_DIM_ITEM, 1},
};

struct qty_period_def {
    const char *name; /* folded spelling */
    double per_yr;    /* periods in a year */
};

/* Working days: 365 - 104 weekend days - about 11 public holidays. */
#define QTY_WORKING_DAYS_PER_YR 250.0

static const struct qty_period_def qty_periods[] = {
    {"an", 1},
    {"ans", 1},
    {"annee", 1},
    {"annees", 1},
    {"annuel", 1},
    {"annuelle", 1},
    {"a", 1},
    {"yr", 1},
    {"yrs", 1},
    {"y", 1},
    {"year", 1},
    {"years", 1},
    {"yearly", 1},
    {"annual", 1},
    {"annum", 1},
    {"semestre", 2},
    {"semestriel", 2},
    {"half-year", 2},
    {"trimestre", 4},
    {"trimestriel", 4},
    {"quarter", 4},
    {"quarterly", 4},
    {"mois", 12},
    {"mensuel", 12},
    {"mensuelle", 12},
    {"month", 12},
    {"months", 12},
    {"monthly", 12},
    {"mo", 12},
    {"semaine", 52},
    {"semaines", 52},
    {"sem", 52},
    {"hebdomadaire", 52},
    {"hebdo", 52},
    {"week", 52},
    {"weeks", 52},
    {"weekly", 52},
    {"wk", 52},
    {"jour", QTY_WORKING_DAYS_PER_YR},
    {"jours", QTY_WORKING_DAYS_PER_YR},
    {"j", QTY_WORKING_DAYS_PER_YR},
    {"quotidien", QTY_WORKING_DAYS_PER_YR},
    {"quotidienne", QTY_WORKING_DAYS_PER_YR},
    {"jour ouvre", QTY_WORKING_DAYS_PER_YR},
    {"jours ouvres", QTY_WORKING_DAYS_PER_YR},
    {"day", QTY_WORKING_DAYS_PER_YR},
    {"days", QTY_WORKING_DAYS_PER_YR},
    {"d", QTY_WORKING_DAYS_PER_YR},
    {"daily", QTY_WORKING_DAYS_PER_YR},
    {"working day", QTY_WORKING_DAYS_PER_YR},
    {"working days", QTY_WORKING_DAYS_PER_YR},
    {"jour calendaire", 365},
    {"jours calendaires", 365},
    {"calendar day", 365},
    {"calendar days", 365},
    {"ponctuel", 1},
    {"ponctuelle", 1},
    {"once", 1},
    {"one-off", 1},
};

/* Folded form of the Latin-1 letters U+00C0..U+00FF; '?' never matches. */
static const char qty_latin1[] = "aaaaaa?ceeeeiiii?nooooo?ouuuuy??"
                                 "aaaaaa?ceeeeiiii?nooooo?ouuuuy?y";

/*
 * Folds s into out (NUL-terminated): ASCII lower case, accented Latin
 * letters to their base letter, "²" and "³" to digits, runs of spaces to
 * one space, no space at either end or around '/'. Any other byte becomes
 * '?', which matches nothing. false if the result does not fit.
 */
static bool qty_fold(struct slice s, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s.p;
    size_t k = 0;
    bool pending_space = false;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = p[i];
        char ch;
        if (c == ' ' || c == '\t') {
            pending_space = k > 0;
            continue;
        }
        if (c >= 'A' && c <= 'Z') {
            ch = (char)(c - 'A' + 'a');
        } else if (c > ' ' && c < 0x7F) {
            ch = (char)c;
        } else if (c == 0xC2 && i + 1 < s.len && (p[i + 1] == 0xB2 || p[i + 1] == 0xB3)) {
            ch = p[i + 1] == 0xB2 ? '2' : '3';
            i++;
        } else if (c == 0xC2 && i + 1 < s.len && p[i + 1] == 0xA0) {
            pending_space = k > 0; /* no-break space */
            i++;
            continue;
        } else if (c == 0xC3 && i + 1 < s.len && p[i + 1] >= 0x80 && p[i + 1] <= 0xBF) {
            ch = qty_latin1[p[i + 1] - 0x80];
            i++;
        } else {
            ch = '?';
        }
        if (pending_space && ch != '/' && (k == 0 || out[k - 1] != '/')) {
            if (k + 1 >= cap)
                return false;
            out[k++] = ' ';
        }
        pending_space = false;
        if (k + 1 >= cap)
            return false;
        out[k++] = ch;
    }
    out[k] = '\0';
    return true;
}

static const struct qty_unit_def *qty_unit_find(const char *name)
{
    for (size_t i = 0; i < sizeof(qty_units) / sizeof(qty_units[0]); i++) {
        if (strcmp(qty_units[i].name, name) == 0)
            return &qty_units[i];
    }
    return NULL;
}

/* Looks up a folded period, after an optional "/", "par " or "per ". */
static bool qty_period_find(const char *name, double *per_yr)
{
    if (name[0] == '/')
        name++;
    else if (strncmp(name, "par ", 4) == 0 || strncmp(name, "per ", 4) == 0)
        name += 4;
    for (size_t i = 0; i < sizeof(qty_periods) / sizeof(qty_periods[0]); i++) {
        if (strcmp(qty_periods[i].name, name) == 0) {
            *per_yr = qty_periods[i].per_yr;
            return true;
        }
    }
    return false;
}

/* At most this much of a bad unit is quoted back. */
static int qty_quote_len(struct slice s)
{
    return (int)(s.len > 40 ? 40 : s.len);
}

int qty_period_parse(struct slice period, double *per_yr, struct err *e)
{
    char buf[QTY_NAME_MAX + 1];
    struct slice s = slice_trim(period);
    if (s.len == 0)
        return err_set(e, ERR_INPUT, "period: empty");
    if (!qty_fold(s, buf, sizeof(buf)) || !qty_period_find(buf, per_yr))
        return err_set(e, ERR_INPUT,
                       "period '%.*s': unknown (expected an, mois, semaine, jour, trimestre, "
                       "semestre or ponctuel)",
                       qty_quote_len(s), s.p);
    return ERR_OK;
}

int qty_unit_parse(struct slice unit, enum qty_dim *dim, double *to_canonical, double *per_yr,
                   struct err *e)
{
    char buf[QTY_NAME_MAX + 1];
    struct slice s = slice_trim(unit);
    if (s.len == 0)
        return err_set(e, ERR_INPUT, "unit: empty");
    if (!qty_fold(s, buf, sizeof(buf)))
        return err_set(e, ERR_INPUT, "unit '%.*s': too long", qty_quote_len(s), s.p);
    /* split "t/an", "t par an", "t per year" into unit and period */
    char *period = strchr(buf, '/');
    if (!period)
        period = strstr(buf, " par ");
    if (!period)
        period = strstr(buf, " per ");
    *per_yr = 0;
    if (period) {
        if (!qty_period_find(period[0] == '/' ? period : period + 1, per_yr))
            return err_set(e, ERR_INPUT,
                           "unit '%.*s': unknown period (expected an, mois, semaine, jour, "
                           "trimestre or semestre)",
                           qty_quote_len(s), s.p);
        *period = '\0';
    }
    const struct qty_unit_def *u = qty_unit_find(buf);
    if (!u)
        return err_set(e, ERR_INPUT,
                       "unit '%.*s': unknown (expected a mass such as t or kg, an energy such as "
                       "MWh, a volume such as m3 or L, m2, h, jour, place, session or unite)",
                       qty_quote_len(s), s.p);
    *dim = u->dim;
    *to_canonical = u->to_canonical;
    return ERR_OK;
}

int qty_normalise(struct qty *out, double value, struct slice unit, struct slice period,
                  struct err *e)
{
    if (!isfinite(value))
        return err_set(e, ERR_INPUT, "quantity: not a finite number");
    if (value <= 0)
        return err_set(e, ERR_INPUT, "quantity: %g is not positive", value);
    enum qty_dim dim;
    double to_canonical = 0, unit_per_yr = 0, period_per_yr = 0;
    int rc = qty_unit_parse(unit, &dim, &to_canonical, &unit_per_yr, e);
    if (rc)
        return rc;
    if (slice_trim(period).len) {
        rc = qty_period_parse(period, &period_per_yr, e);
        if (rc)
            return rc;
    }
    if (unit_per_yr && period_per_yr && unit_per_yr != period_per_yr)
        return err_set(e, ERR_INPUT, "unit '%.*s' and period '%.*s' name different periods",
                       qty_quote_len(slice_trim(unit)), slice_trim(unit).p,
                       qty_quote_len(slice_trim(period)), slice_trim(period).p);
    double per_yr = unit_per_yr ? unit_per_yr : period_per_yr ? period_per_yr : 1;
    double v = value * to_canonical * per_yr;
    if (!isfinite(v))
        return err_set(e, ERR_INPUT, "quantity: %g is too large", value);
    if (v <= 0)
        return err_set(e, ERR_INPUT, "quantity: %g is too small", value);
    out->per_yr = v;
    out->dim = dim;
    return ERR_OK;
}

_Static_assert(sizeof(qty_latin1) == 65, "qty_latin1 covers U+00C0..U+00FF");
_Static_assert(sizeof(qty_dim_names) / sizeof(qty_dim_names[0]) == QTY_DIM_COUNT,
               "one name per dimension");
