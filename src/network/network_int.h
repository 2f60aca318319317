/* SPDX-License-Identifier: MIT */
/*
 * network_int.h - declarations shared between the files of the network
 * module (not for other modules): civil-date arithmetic used by the
 * time-zone code and the iCalendar writer and parser.
 */
#ifndef SYMBIOSE_NETWORK_INT_H
#define SYMBIOSE_NETWORK_INT_H

#include "network.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (any month/day). */
int64_t network__days_from_civil(int64_t y, unsigned m, unsigned d);
/* Inverse of network__days_from_civil. */
void network__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* Breaks seconds since the epoch into a civil date-time (no zone). */
void network__civil_from_secs(int64_t s, struct network_civil *c);
/* Seconds since the epoch of a civil date-time read as if it were UTC. */
int64_t network__secs_from_civil(const struct network_civil *c);
/* Number of days in month m (1..12) of year y. */
unsigned network__month_days(int64_t y, unsigned m);

/* ---- access (access.c) */

/* who is the program (NULL) or a regional admin. */
bool network__is_admin(const struct store_account *who);
/* Admin, or facilitator of territory_id (0: of any territory). */
bool network__facilitates(const struct store_account *who, int64_t territory_id);
/* Admin, member of org_id, or facilitator of org_id's territory. */
bool network__acts_for_org(struct store *s, const struct store_account *who, int64_t org_id);
/* What an account sees of the territories, worked out once (one
 * organisation lookup) for checks over many records. */
struct network__viewer {
    const struct store_account *who; /* borrowed; NULL = the program */
    int64_t member_territory;        /* territory of who's organisation, else 0 */
};
void network__viewer_init(struct network__viewer *v, struct store *s,
                          const struct store_account *who);
/* Whether the viewer sees what belongs to territory_id (0 = the whole
 * network, seen by all): the program, regional admins and observers see
 * every territory, facilitators theirs, members their organisation's. */
bool network__viewer_sees(const struct network__viewer *v, int64_t territory_id);
/* Releases one record of a list (a store _release function's wrapper). */
typedef void (*network__release_fn)(void *record);
/*
 * network__viewer_keep - compacts items[0..*n) (records of `size` bytes
 * whose int64_t territory id is at byte offset territory_off) to those
 * the viewer sees, in order, releasing the others; updates *n.
 */
void network__viewer_keep(const struct network__viewer *v, void *items, size_t *n, size_t size,
                          size_t territory_off, network__release_fn release);
/* network__viewer_sees for one check. */
bool network__sees_territory(struct store *s, const struct store_account *who,
                             int64_t territory_id);
/* ERR_FORBIDDEN with a French message "action : ... " */
int network__forbidden(struct err *e, const char *action);
/* ERR_FORBIDDEN unless who may take part (not an observer or collector). */
int network__check_participant(const struct store_account *who, const char *action, struct err *e);
/* Account id of who (0 for the program). */
int64_t network__who_id(const struct store_account *who);
/* Adds a notification (kind, French text, link) for account_id. */
int network__notify(struct store *s, int64_t account_id, const char *kind, const char *link,
                    struct err *e, const char *fmt, ...) CORE_PRINTF(6, 7);
/* Checks that `name` is one of the NULL-terminated `allowed` names;
 * ERR_INPUT "field : valeur inconnue « x » (a, b ou c)". */
int network__check_enum(const char *field, const char *name, const char *const *allowed,
                        struct err *e);
/* Parses start and end times and checks end > start, within max_s. */
int network__check_span(const char *start_field, const char *start, const char *end_field,
                        const char *end, int64_t max_s, int64_t *start_utc, int64_t *end_utc,
                        struct err *e);

/* ---- the demo region (demo.c, demo_life.c, demo_follow.c) */

/* xorshift64*: deterministic across platforms; each part of the demo
 * draws from its own seed, so that one part never shifts another. */
struct network__rng {
    uint64_t state;
};
uint64_t network__rng_next(struct network__rng *g);
/* Uniform in [0, n) (0 when n is 0). */
size_t network__rng_below(struct network__rng *g, size_t n);
/* Uniform in [0, 1). */
double network__rng_unit(struct network__rng *g);

/* Activity profiles of the demo (demo_profiles.c): what an establishment
 * of one activity offers and needs. */
#define NETWORK__DEMO_MAX_FLOWS 7

struct network__demo_flow {
    enum store_direction dir;
    const char *code; /* LoW code or a family code of store_family_codes */
    double qty_min, qty_max;
    const char *unit;
    double temperature_c; /* NAN if not heat */
    enum store_state state;
    const char *description;
};

struct network__demo_profile {
    const char *naf;
    enum store_org_kind kind;
    const char *stem; /* start of the organisation's name */
    int weight;       /* relative frequency */
    int headcount_min, headcount_max;
    struct network__demo_flow flows[NETWORK__DEMO_MAX_FLOWS];
};

/* The profile table; *n its length. Static storage. */
const struct network__demo_profile *network__demo_profile_table(size_t *n);

/* Member accounts of the demo: one in each of the first territories. */
#define NETWORK__DEMO_MEMBERS 8

/* What the parts of the demo share once the territories, organisations
 * and accounts exist (every array has n_territories entries). */
struct network__demo {
    struct store *s;
    const struct ref *r;
    const struct network_demo_options *opts;
    struct network_demo_result *res;
    size_t n_territories;
    int64_t *territory_ids;
    const char **territory_names; /* static storage */
    enum store_stage *stages;
    int64_t *facilitator_ids;       /* the account of each territory's facilitator */
    const char **facilitator_names; /* static storage */
    int64_t admin_id;
    int64_t member_ids[NETWORK__DEMO_MEMBERS];  /* member accounts */
    int64_t member_orgs[NETWORK__DEMO_MEMBERS]; /* their organisations */
    size_t member_terr[NETWORK__DEMO_MEMBERS];  /* index of their territory */
    size_t n_members;
    int64_t today_days; /* the demo's reference day (Paris), days since 1970-01-01 */
};

/* Fills d once the demo's territories and accounts exist (looked up by
 * name and email). Release with network__demo_release, also after an error. */
int network__demo_init(struct network__demo *d, struct store *s, const struct ref *r,
                       const struct network_demo_options *opts, struct network_demo_result *res,
                       struct err *e);
void network__demo_release(struct network__demo *d);
/* Display name of member account m (static storage). */
const char *network__demo_member_name(size_t m);

/* The network's life: territories' progress, calendar, rooms, trainings,
 * group purchase, forum (demo_life.c). Each part runs only when its table
 * is empty, so that a second load adds nothing. */
int network__demo_life(struct network__demo *d, struct err *e);

#endif /* SYMBIOSE_NETWORK_INT_H */
