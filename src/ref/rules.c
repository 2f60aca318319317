/* SPDX-License-Identifier: MIT */
/*
 * rules.c - the valorisation rules (data/valorisation_rules.csv) and the
 * economic defaults of matching (data/match_defaults.csv). Separate from
 * the rest of ref so that the matching engine can load them with or
 * without the other reference files: with a struct ref every code is
 * checked and emission-factor keys are resolved, without one (unit tests)
 * factors must be plain numbers.
 */
#include "ref.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RULES_FILE "valorisation_rules.csv"
#define DEFAULTS_FILE "match_defaults.csv"
#define FAMILIES_FILE "low_families.csv"
#define LOCAL_FILE "local_rules.csv" /* optional, in a SYMBIOSE_DATA folder */

struct rules_family {
    char code[7];       /* 6-digit entry */
    const char *family; /* owned by the strings list */
};

struct ref_rules {
    struct ref_rule *rules;
    size_t n_rules;
    size_t cap_rules;
    struct ref_econ *econ; /* econ[0] is the "*" fallback */
    size_t n_econ;
    size_t cap_econ;
    struct rules_family *families; /* sorted by code; empty if none loaded */
    size_t n_families;
    size_t cap_families;
    char **strings; /* every string the rules own */
    size_t n_strings;
    size_t cap_strings;
};

/* A printable quote of an input string, for messages. */
static const char *quote(const char *s, char buf[TEXT_EXCERPT_SIZE])
{
    return text_excerpt(slice_from(s, strlen(s)), buf, TEXT_EXCERPT_SIZE);
}

static const char *rules_keep(struct ref_rules *rr, char *s)
{
    CORE_GROW(rr->strings, rr->cap_strings, rr->n_strings + 1);
    rr->strings[rr->n_strings++] = s;
    return s;
}

void ref_rules_free(struct ref_rules *rr)
{
    if (!rr)
        return;
    for (size_t i = 0; i < rr->n_rules; i++) {
        free(rr->rules[i].outputs);
        free(rr->rules[i].inputs);
        free(rr->rules[i].receivers);
    }
    for (size_t i = 0; i < rr->n_strings; i++)
        free(rr->strings[i]);
    free(rr->strings);
    free(rr->families);
    free(rr->rules);
    free(rr->econ);
    free(rr);
}

size_t ref_rules_count(const struct ref_rules *rr)
{
    return rr ? rr->n_rules : 0;
}

const struct ref_rule *ref_rules_at(const struct ref_rules *rr, size_t i)
{
    return rr && i < rr->n_rules ? &rr->rules[i] : NULL;
}

/* A kind: lower-case ASCII word ("chaleur", "co2", "gaz_residuel"). */
static bool is_word(const char *s)
{
    if (!(*s >= 'a' && *s <= 'z'))
        return false;
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    }
    return true;
}

static bool is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return n > 0;
}

bool ref_code_under(const char *code, const char *prefix)
{
    if (is_word(prefix))
        return strcmp(code, prefix) == 0;
    size_t n = strlen(prefix);
    return n > 0 && strncmp(code, prefix, n) == 0;
}

const struct ref_econ *ref_rules_econ(const struct ref_rules *rr, const char *code)
{
    const struct ref_econ *best = &rr->econ[0];
    size_t best_len = 0;
    for (size_t i = 1; i < rr->n_econ; i++) {
        size_t n = strlen(rr->econ[i].prefix);
        if (n > best_len && ref_code_under(code, rr->econ[i].prefix)) {
            best = &rr->econ[i];
            best_len = n;
        }
    }
    return best;
}

/* --- reading */

struct rules_file {
    const char *name;
    struct csv_reader csv;
    const char **cols; /* expected header names */
    size_t n_cols;
    int map[16]; /* column index in the file of each expected column */
};

static int rules_header(struct rules_file *f, struct err *e)
{
    bool has = false;
    int rc = csv_next(&f->csv, &has, e);
    if (rc != ERR_OK)
        return err_prefix(e, "%s:%zu", f->name, f->csv.line);
    if (!has)
        return err_set(e, ERR_INPUT, "%s:1: empty file", f->name);
    for (size_t c = 0; c < f->n_cols; c++)
        f->map[c] = -1;
    for (size_t i = 0; i < f->csv.n_fields; i++) {
        size_t c = 0;
        while (c < f->n_cols && !slice_eq(f->csv.fields[i], f->cols[c]))
            c++;
        if (c == f->n_cols) {
            char q[TEXT_EXCERPT_SIZE];
            return err_set(e, ERR_INPUT, "%s:1: header: unknown column '%s'", f->name,
                           text_excerpt(f->csv.fields[i], q, sizeof(q)));
        }
        f->map[c] = (int)i;
    }
    for (size_t c = 0; c < f->n_cols; c++) {
        if (f->map[c] < 0)
            return err_set(e, ERR_INPUT, "%s:1: header: missing column '%s'", f->name, f->cols[c]);
    }
    return ERR_OK;
}

static struct slice rules_field(const struct rules_file *f, size_t c)
{
    int i = f->map[c];
    if (i < 0 || (size_t)i >= f->csv.n_fields)
        return slice_from("", 0);
    return slice_trim(f->csv.fields[i]);
}

/* Splits a ';'-joined list into NUL-terminated strings kept by rr. */
static char **rules_split(struct ref_rules *rr, struct slice s, size_t *n_out)
{
    char **list = NULL;
    size_t n = 0, cap = 0;
    size_t start = 0;
    for (size_t i = 0; i <= s.len; i++) {
        if (i < s.len && s.p[i] != ';')
            continue;
        struct slice part = slice_trim(slice_from(s.p + start, i - start));
        if (part.len > 0) {
            CORE_GROW(list, cap, n + 1);
            list[n++] = (char *)rules_keep(rr, slice_dup(part));
        }
        start = i + 1;
    }
    *n_out = n;
    return list;
}

/* A LoW code or prefix (2, 4 or 6 digits, known to r), or a kind word. */
static int rules_check_low(const struct ref *r, const char *code, struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    size_t n = strlen(code);
    if (is_word(code))
        return ERR_OK;
    if (!is_digits(code, n) || (n != 2 && n != 4 && n != 6))
        return err_set(e, ERR_INPUT, "'%s' is neither a List of Waste code nor a kind",
                       quote(code, q));
    if (r && !ref_low_find(r, code))
        return err_set(e, ERR_INPUT, "unknown List of Waste code '%s'", quote(code, q));
    return ERR_OK;
}

static int rules_check_nace(const struct ref *r, const char *code, struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    size_t n = strlen(code);
    if (n < 2 || n > 6 || !is_digits(code, 2))
        return err_set(e, ERR_INPUT, "'%s' is not a NACE division, group or class", quote(code, q));
    if (r && !ref_nace_find(r, code))
        return err_set(e, ERR_INPUT, "unknown NACE code '%s'", quote(code, q));
    return ERR_OK;
}

/* An optional number, or an emission-factor key resolved through r; per
 * tonne (or m3), or per MWh for factors given per kWh. Empty gives NAN. */
static int rules_factor(const struct ref *r, struct slice s, double *out, struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    *out = NAN;
    if (s.len == 0)
        return ERR_OK;
    struct err ignored;
    err_init(&ignored);
    if (parse_double(s, out, &ignored) == ERR_OK)
        return ERR_OK;
    char *key = slice_dup(s);
    int rc = ERR_OK;
    const struct ref_factor *f = r ? ref_factor_find(r, key) : NULL;
    if (!f) {
        rc = err_set(e, ERR_INPUT, "unknown emission factor '%s'", quote(key, q));
    } else if (strncmp(f->unit, "kgCO2e/t", 8) == 0) {
        *out = f->value;
    } else if (strncmp(f->unit, "kgCO2e/kWh", 10) == 0) {
        *out = f->value * 1000.0;
    } else if (strcmp(f->unit, "kgCO2e/m3") == 0) {
        *out = f->value;
    } else {
        rc = err_set(e, ERR_INPUT, "emission factor '%s': unit '%s' is not per t, kWh or m3",
                     quote(key, q), f->unit);
    }
    free(key);
    return rc;
}

static int rules_number(struct slice s, double *out, struct err *e)
{
    *out = NAN;
    if (s.len == 0)
        return ERR_OK;
    int rc = parse_double(s, out, e);
    if (rc == ERR_OK && *out < 0)
        rc = err_set(e, ERR_INPUT, "negative value");
    return rc;
}

enum rule_col {
    RC_ID,
    RC_OUTPUTS,
    RC_INPUTS,
    RC_RECEIVERS,
    RC_OPERATION,
    RC_HAZARDOUS_OK,
    RC_FREQUENCY,
    RC_MIN_TEMP,
    RC_USE,
    RC_VIRGIN,
    RC_PURCHASE,
    RC_SOURCE,
    RC_COUNT
};
static const char *rule_cols[RC_COUNT] = {
    "id",        "outputs",    "inputs", "receivers",     "operation",          "hazardous_ok",
    "frequency", "min_temp_c", "use_fr", "virgin_factor", "purchase_eur_per_t", "source"};

static const char *const freq_names[REF_FREQ_COUNT] = {"common", "usual", "rare"};

/* "R1".."R13": the recovery operations of Annex II of Directive 2008/98/EC. */
static bool is_recovery_op(struct slice s)
{
    if (s.len < 2 || s.len > 3 || s.p[0] != 'R' || !is_digits(s.p + 1, s.len - 1))
        return false;
    int n = s.p[1] - '0';
    if (s.len == 3)
        n = n * 10 + (s.p[2] - '0');
    return s.p[1] != '0' && n >= 1 && n <= 13;
}

static bool is_family_output(const char *code)
{
    return strncmp(code, REF_FAMILY_PREFIX, sizeof(REF_FAMILY_PREFIX) - 1) == 0;
}

static bool rules_has_family(const struct ref_rules *rr, const char *name)
{
    for (size_t i = 0; i < rr->n_families; i++) {
        if (strcmp(rr->families[i].family, name) == 0)
            return true;
    }
    return false;
}

static int rules_one(struct ref_rules *rr, const struct ref *r, struct rules_file *f, struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    struct ref_rule rule;
    memset(&rule, 0, sizeof(rule));
    struct slice id = rules_field(f, RC_ID);
    if (id.len == 0 || id.len >= sizeof(rule.id))
        return err_set(e, ERR_INPUT, "id: empty or too long");
    memcpy(rule.id, id.p, id.len);
    for (size_t i = 0; i < rr->n_rules; i++) {
        if (strcmp(rr->rules[i].id, rule.id) == 0)
            return err_set(e, ERR_INPUT, "id: duplicate '%s'", quote(rule.id, q));
    }
    struct slice hz = rules_field(f, RC_HAZARDOUS_OK);
    if (!slice_eq(hz, "0") && !slice_eq(hz, "1") && hz.len > 0)
        return err_set(e, ERR_INPUT, "hazardous_ok: expected 0 or 1");
    rule.is_hazardous_ok = slice_eq(hz, "1");
    struct slice fq = rules_field(f, RC_FREQUENCY);
    size_t k = 0;
    while (k < REF_FREQ_COUNT && !slice_eq(fq, freq_names[k]))
        k++;
    if (k == REF_FREQ_COUNT)
        return err_set(e, ERR_INPUT, "frequency: expected common, usual or rare");
    rule.freq = (enum ref_route_freq)k;
    struct slice op = rules_field(f, RC_OPERATION);
    if (op.len > 0 && !is_recovery_op(op))
        return err_set(e, ERR_INPUT, "operation: '%s' is not a recovery operation R1 to R13",
                       text_excerpt(op, q, sizeof(q)));
    memcpy(rule.operation, op.p, op.len);
    if (rules_number(rules_field(f, RC_MIN_TEMP), &rule.min_temp_c, e) != ERR_OK)
        return err_prefix(e, "min_temp_c");
    struct slice use = rules_field(f, RC_USE), src = rules_field(f, RC_SOURCE);
    if (use.len == 0 || src.len == 0)
        return err_set(e, ERR_INPUT, "%s: required", use.len == 0 ? "use_fr" : "source");
    if (rules_factor(r, rules_field(f, RC_VIRGIN), &rule.virgin_kg_per_t, e) != ERR_OK)
        return err_prefix(e, "virgin_factor");
    if (rules_number(rules_field(f, RC_PURCHASE), &rule.purchase_eur_per_t, e) != ERR_OK)
        return err_prefix(e, "purchase_eur_per_t");
    rule.use_fr = rules_keep(rr, slice_dup(use));
    rule.source = rules_keep(rr, slice_dup(src));
    rule.outputs = rules_split(rr, rules_field(f, RC_OUTPUTS), &rule.n_outputs);
    rule.inputs = rules_split(rr, rules_field(f, RC_INPUTS), &rule.n_inputs);
    rule.receivers = rules_split(rr, rules_field(f, RC_RECEIVERS), &rule.n_receivers);
    int rc = ERR_OK;
    if (rule.n_outputs == 0)
        rc = err_set(e, ERR_INPUT, "outputs: required");
    else if (rule.n_inputs == 0 && rule.n_receivers == 0)
        rc = err_set(e, ERR_INPUT, "inputs, receivers: one of them is required");
    bool has_low = false;
    for (size_t i = 0; rc == ERR_OK && i < rule.n_outputs; i++) {
        const char *o = rule.outputs[i];
        if (is_family_output(o)) {
            has_low = true;
            if (!rules_has_family(rr, o + sizeof(REF_FAMILY_PREFIX) - 1))
                rc = err_set(e, ERR_INPUT, "outputs: unknown material family '%s'", quote(o, q));
        } else if (rules_check_low(r, o, e) != ERR_OK) {
            rc = err_prefix(e, "outputs");
        } else {
            has_low = has_low || !is_word(o);
        }
    }
    if (rc == ERR_OK && has_low && rule.operation[0] == '\0')
        rc = err_set(e, ERR_INPUT, "operation: required for List of Waste outputs");
    if (rc == ERR_OK && !has_low && rule.operation[0] != '\0')
        rc = err_set(e, ERR_INPUT, "operation: energy, water and gases are not waste operations");
    for (size_t i = 0; rc == ERR_OK && i < rule.n_inputs; i++) {
        if (rules_check_low(r, rule.inputs[i], e) != ERR_OK)
            rc = err_prefix(e, "inputs");
    }
    for (size_t i = 0; rc == ERR_OK && i < rule.n_receivers; i++) {
        if (rules_check_nace(r, rule.receivers[i], e) != ERR_OK)
            rc = err_prefix(e, "receivers");
    }
    if (rc != ERR_OK) {
        free(rule.outputs);
        free(rule.inputs);
        free(rule.receivers);
        return rc;
    }
    CORE_GROW(rr->rules, rr->cap_rules, rr->n_rules + 1);
    rr->rules[rr->n_rules++] = rule;
    return ERR_OK;
}

enum econ_col {
    EC_PREFIX,
    EC_DISPOSAL,
    EC_PURCHASE,
    EC_TREATMENT,
    EC_VIRGIN,
    EC_LABEL,
    EC_SOURCE,
    EC_COUNT
};
static const char *econ_cols[EC_COUNT] = {"code_prefix",
                                          "disposal_eur_per_t",
                                          "purchase_eur_per_t",
                                          "treatment_factor",
                                          "virgin_factor",
                                          "label_fr",
                                          "source"};

static int econ_one(struct ref_rules *rr, const struct ref *r, struct rules_file *f, struct err *e)
{
    char q[TEXT_EXCERPT_SIZE];
    struct ref_econ ec;
    memset(&ec, 0, sizeof(ec));
    struct slice pre = rules_field(f, EC_PREFIX);
    if (pre.len == 0 || pre.len >= sizeof(ec.prefix))
        return err_set(e, ERR_INPUT, "code_prefix: empty or too long");
    memcpy(ec.prefix, pre.p, pre.len);
    bool is_star = strcmp(ec.prefix, "*") == 0;
    if (!is_star && rules_check_low(r, ec.prefix, e) != ERR_OK)
        return err_prefix(e, "code_prefix");
    for (size_t i = 0; i < rr->n_econ; i++) {
        if (strcmp(rr->econ[i].prefix, ec.prefix) == 0)
            return err_set(e, ERR_INPUT, "code_prefix: duplicate '%s'", quote(ec.prefix, q));
    }
    double *nums[2] = {&ec.disposal_eur_per_t, &ec.purchase_eur_per_t};
    for (int i = 0; i < 2; i++) {
        if (rules_number(rules_field(f, (size_t)(EC_DISPOSAL + i)), nums[i], e) != ERR_OK)
            return err_prefix(e, "%s", econ_cols[EC_DISPOSAL + i]);
        if (isnan(*nums[i]))
            return err_set(e, ERR_INPUT, "%s: required", econ_cols[EC_DISPOSAL + i]);
    }
    if (rules_factor(r, rules_field(f, EC_TREATMENT), &ec.treatment_kg_per_t, e) != ERR_OK)
        return err_prefix(e, "treatment_factor");
    if (rules_factor(r, rules_field(f, EC_VIRGIN), &ec.virgin_kg_per_t, e) != ERR_OK)
        return err_prefix(e, "virgin_factor");
    if (isnan(ec.treatment_kg_per_t))
        ec.treatment_kg_per_t = 0;
    if (isnan(ec.virgin_kg_per_t))
        ec.virgin_kg_per_t = 0;
    struct slice label = rules_field(f, EC_LABEL), src = rules_field(f, EC_SOURCE);
    if (src.len == 0)
        return err_set(e, ERR_INPUT, "source: required");
    ec.label_fr = rules_keep(rr, slice_dup(label));
    ec.source = rules_keep(rr, slice_dup(src));
    CORE_GROW(rr->econ, rr->cap_econ, rr->n_econ + 1);
    if (is_star && rr->n_econ > 0) {
        /* keep the fallback first */
        rr->econ[rr->n_econ++] = rr->econ[0];
        rr->econ[0] = ec;
    } else {
        rr->econ[rr->n_econ++] = ec;
    }
    return ERR_OK;
}

typedef int (*rules_row_fn)(struct ref_rules *rr, const struct ref *r, struct rules_file *f,
                            struct err *e);

static int rules_read(struct ref_rules *rr, const struct ref *r, const char *name, const char *buf,
                      size_t len, const char **cols, size_t n_cols, rules_row_fn row, struct err *e)
{
    struct rules_file f;
    memset(&f, 0, sizeof(f));
    f.name = name;
    f.cols = cols;
    f.n_cols = n_cols;
    csv_reader_init(&f.csv, buf, len);
    int rc = rules_header(&f, e);
    while (rc == ERR_OK) {
        bool has = false;
        rc = csv_next(&f.csv, &has, e);
        if (rc != ERR_OK) {
            err_prefix(e, "%s:%zu", name, f.csv.line);
            break;
        }
        if (!has)
            break;
        if (f.csv.n_fields != n_cols) {
            rc = err_set(e, ERR_INPUT, "%s:%zu: expected %zu fields, got %zu", name, f.csv.line,
                         n_cols, f.csv.n_fields);
            break;
        }
        rc = row(rr, r, &f, e);
        if (rc != ERR_OK)
            err_prefix(e, "%s:%zu", name, f.csv.line);
    }
    csv_reader_release(&f.csv);
    return rc;
}

/* --- material families (low_families.csv: code,family) */

enum fam_col { FC_CODE, FC_FAMILY, FC_COUNT };
static const char *fam_cols[FC_COUNT] = {"code", "family"};

static int family_one(struct ref_rules *rr, const struct ref *r, struct rules_file *f,
                      struct err *e)
{
    struct slice code = rules_field(f, FC_CODE), fam = rules_field(f, FC_FAMILY);
    if (code.len != 6 || !is_digits(code.p, 6))
        return err_set(e, ERR_INPUT, "code: expected a 6-digit List of Waste entry");
    struct rules_family x;
    memset(&x, 0, sizeof(x));
    memcpy(x.code, code.p, 6);
    if (r) {
        const struct ref_low *low = ref_low_find(r, x.code);
        if (!low || low->level != 3)
            return err_set(e, ERR_INPUT, "code: unknown List of Waste entry '%s'", x.code);
    }
    char *name = slice_dup(fam);
    if (!is_word(name)) {
        free(name);
        return err_set(e, ERR_INPUT, "family: expected a lower-case word");
    }
    x.family = rules_keep(rr, name);
    /* the file is in code order, so that a duplicate is the previous row */
    if (rr->n_families > 0 && strcmp(rr->families[rr->n_families - 1].code, x.code) >= 0)
        return err_set(e, ERR_INPUT, "code: '%s' is a duplicate or out of code order", x.code);
    CORE_GROW(rr->families, rr->cap_families, rr->n_families + 1);
    rr->families[rr->n_families++] = x;
    return ERR_OK;
}

/* With r: every entry of the List of Waste has a family. */
static int families_complete(const struct ref_rules *rr, const struct ref *r, struct err *e)
{
    for (size_t i = 0; r && i < ref_low_count(r); i++) {
        const struct ref_low *low = ref_low_at(r, i);
        if (low->level == 3 && !ref_rules_family(rr, low->code))
            return err_set(e, ERR_INPUT, "%s: entry '%s' has no family", FAMILIES_FILE, low->code);
    }
    return ERR_OK;
}

const char *ref_rules_family(const struct ref_rules *rr, const char *code)
{
    size_t lo = 0, hi = rr ? rr->n_families : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(rr->families[mid].code, code);
        if (c == 0)
            return rr->families[mid].family;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

enum ref_route_level ref_rule_level(const struct ref_rules *rr, const struct ref_rule *rule,
                                    const char *code)
{
    enum ref_route_level best = REF_LEVEL_NONE;
    for (size_t i = 0; i < rule->n_outputs; i++) {
        const char *o = rule->outputs[i];
        enum ref_route_level lv = REF_LEVEL_NONE;
        if (is_family_output(o)) {
            const char *fam = ref_rules_family(rr, code);
            if (fam && strcmp(fam, o + sizeof(REF_FAMILY_PREFIX) - 1) == 0)
                lv = REF_LEVEL_FAMILY;
        } else if (ref_code_under(code, o)) {
            size_t n = strlen(o);
            lv = is_word(o) ? REF_LEVEL_KIND
                 : n >= 6   ? REF_LEVEL_ENTRY
                 : n >= 4   ? REF_LEVEL_SUBCHAPTER
                            : REF_LEVEL_CHAPTER;
        }
        if (lv < best)
            best = lv;
    }
    return best;
}

const char *ref_route_level_fr(enum ref_route_level level)
{
    switch (level) {
    case REF_LEVEL_ENTRY:
        return "code propre";
    case REF_LEVEL_SUBCHAPTER:
        return "hérité du sous-chapitre";
    case REF_LEVEL_CHAPTER:
        return "hérité du chapitre";
    case REF_LEVEL_FAMILY:
        return "voie générique de la famille";
    case REF_LEVEL_KIND:
        return "énergie ou eau";
    case REF_LEVEL_NONE:
        break;
    }
    return "";
}

static bool is_id_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
}

bool ref_rule_cites(const struct ref_rule *rule, const char *case_id)
{
    size_t n = strlen(case_id);
    if (n == 0)
        return false;
    for (const char *p = strstr(rule->source, case_id); p; p = strstr(p + 1, case_id)) {
        bool starts = p == rule->source || !is_id_char(p[-1]);
        /* a trailing '.' ends a sentence, not the id */
        char after = p[n];
        bool ends = !is_id_char(after) || (after == '.' && !is_id_char(p[n + 1]));
        if (starts && ends)
            return true;
    }
    return false;
}

static int rules_build(struct ref_rules **out, const struct ref *r, const char *families_csv,
                       size_t families_len, const char *rules_csv, size_t rules_len,
                       const char *defaults_csv, size_t defaults_len, struct err *e)
{
    *out = NULL;
    struct ref_rules *rr = xcalloc(1, sizeof(*rr));
    int rc = ERR_OK;
    if (families_csv) {
        rc = rules_read(rr, r, FAMILIES_FILE, families_csv, families_len, fam_cols, FC_COUNT,
                        family_one, e);
        if (rc == ERR_OK)
            rc = families_complete(rr, r, e);
    }
    if (rc == ERR_OK)
        rc = rules_read(rr, r, RULES_FILE, rules_csv, rules_len, rule_cols, RC_COUNT, rules_one, e);
    if (rc == ERR_OK)
        rc = rules_read(rr, r, DEFAULTS_FILE, defaults_csv, defaults_len, econ_cols, EC_COUNT,
                        econ_one, e);
    if (rc == ERR_OK && (rr->n_econ == 0 || strcmp(rr->econ[0].prefix, "*") != 0))
        rc = err_set(e, ERR_INPUT, "%s: the fallback row '*' is missing", DEFAULTS_FILE);
    if (rc != ERR_OK) {
        ref_rules_free(rr);
        return rc;
    }
    *out = rr;
    return ERR_OK;
}

int ref_rules_parse(struct ref_rules **out, const struct ref *r, const char *families_csv,
                    size_t families_len, const char *rules_csv, size_t rules_len,
                    const char *defaults_csv, size_t defaults_len, struct err *e)
{
    return rules_build(out, r, families_csv, families_len, rules_csv, rules_len, defaults_csv,
                       defaults_len, e);
}

int ref_rules_add_csv(struct ref_rules *rr, const struct ref *r, const char *name, const char *buf,
                      size_t len, struct err *e)
{
    size_t before = rr->n_rules;
    int rc = rules_read(rr, r, name, buf, len, rule_cols, RC_COUNT, rules_one, e);
    if (rc != ERR_OK) {
        for (size_t i = before; i < rr->n_rules; i++) {
            free(rr->rules[i].outputs);
            free(rr->rules[i].inputs);
            free(rr->rules[i].receivers);
        }
        rr->n_rules = before;
        return rc;
    }
    for (size_t i = before; i < rr->n_rules; i++)
        rr->rules[i].is_local = true;
    return ERR_OK;
}

/* A region's own routes: LOCAL_FILE in the data folder, when there is one. */
static int rules_add_local_dir(struct ref_rules *rr, const struct ref *r, const char *data_dir,
                               struct err *e)
{
    struct sb path;
    sb_init(&path, 0);
    sb_addf(&path, "%s/%s", data_dir, LOCAL_FILE);
    int rc = sb_finish(&path, e);
    char *buf = NULL;
    size_t len = 0;
    if (rc == ERR_OK && access(path.buf, F_OK) == 0) {
        rc = file_read_all(path.buf, 64u << 20, &buf, &len, e);
        if (rc == ERR_OK)
            rc = ref_rules_add_csv(rr, r, LOCAL_FILE, buf, len, e);
    }
    free(buf);
    sb_release(&path);
    return rc;
}

int ref_rules_load(struct ref_rules **out, const struct ref *r, const char *data_dir, struct err *e)
{
    char *rules = NULL, *defaults = NULL, *families = NULL;
    size_t rules_len = 0, defaults_len = 0, families_len = 0;
    *out = NULL;
    int rc = data_load(data_dir, RULES_FILE, &rules, &rules_len, e);
    if (rc == ERR_OK)
        rc = data_load(data_dir, DEFAULTS_FILE, &defaults, &defaults_len, e);
    if (rc == ERR_OK)
        rc = data_load(data_dir, FAMILIES_FILE, &families, &families_len, e);
    if (rc == ERR_OK)
        rc = rules_build(out, r, families, families_len, rules, rules_len, defaults, defaults_len,
                         e);
    if (rc == ERR_OK && data_dir)
        rc = rules_add_local_dir(*out, r, data_dir, e);
    if (rc != ERR_OK) {
        ref_rules_free(*out);
        *out = NULL;
    }
    free(rules);
    free(defaults);
    free(families);
    return rc;
}
