/* SPDX-License-Identifier: MIT */
/*
 * demo_life.c - the life of the demo network, once its territories,
 * organisations and accounts exist (demo.c): each territory's progress
 * through the shared method, the network's calendar with registrations,
 * shared rooms with bookings, joint trainings with registrations, a group
 * purchase with its participants and the forum's threads with replies and
 * mentions. Everything goes through this module's services, acting as the
 * demo's accounts, so the services' validation and access rules apply.
 *
 * Time: dates are placed around the demo's reference day (the Paris day
 * of opts->now_s): past events have their attendance, upcoming ones are
 * open for registration. Registrations, bookings and purchase lines made
 * "before" a past date are checked against a clock set before that date.
 * Each part runs only when its table is empty, so a later run, on any
 * day, finds the records and leaves them as they are (idempotence).
 */
#include "network_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIFE_SEED 0x11fe2026u
#define DAY_S 86400

/* The demo's accounts as the services' `who`. */
struct life {
    struct network__demo *d;
    struct store_account *accs; /* admin, then one facilitator per territory, then members */
    size_t n_accs;
    struct network__rng g;
};

static const struct store_account *life_admin(const struct life *l)
{
    return &l->accs[0];
}

static const struct store_account *life_facilitator(const struct life *l, size_t t)
{
    return &l->accs[1 + t];
}

static const struct store_account *life_member(const struct life *l, size_t m)
{
    return &l->accs[1 + l->d->n_territories + m];
}

static int life_open(struct life *l, struct network__demo *d, struct err *e)
{
    memset(l, 0, sizeof(*l));
    l->d = d;
    l->g.state = LIFE_SEED;
    l->accs = xcalloc(1 + d->n_territories + d->n_members, sizeof(*l->accs));
    int rc = store_account_get(d->s, d->admin_id, &l->accs[l->n_accs], e);
    if (rc == ERR_OK)
        l->n_accs++;
    for (size_t t = 0; rc == ERR_OK && t < d->n_territories; t++) {
        rc = store_account_get(d->s, d->facilitator_ids[t], &l->accs[l->n_accs], e);
        if (rc == ERR_OK)
            l->n_accs++;
    }
    for (size_t m = 0; rc == ERR_OK && m < d->n_members; m++) {
        rc = store_account_get(d->s, d->member_ids[m], &l->accs[l->n_accs], e);
        if (rc == ERR_OK)
            l->n_accs++;
    }
    return rc;
}

static void life_close(struct life *l)
{
    store_accounts_free(l->accs, l->n_accs);
    memset(l, 0, sizeof(*l));
}

/* "YYYY-MM-DDTHH:MM" (Paris time) of a day and a time of day. */
static int life_when(char buf[NETWORK_TIME_BUF], int64_t days, unsigned hour, unsigned min,
                     struct err *e)
{
    int64_t y;
    unsigned m, d;
    network__civil_from_days(days, &y, &m, &d);
    int w = snprintf(buf, NETWORK_TIME_BUF, "%04lld-%02u-%02uT%02u:%02u", (long long)y, m, d, hour,
                     min);
    if (w < 0 || (size_t)w >= NETWORK_TIME_BUF)
        return err_set(e, ERR_INTERNAL, "demo: date out of range");
    return ERR_OK;
}

/* "YYYY-MM-DD" of a day. */
static int life_date(char buf[11], int64_t days, struct err *e)
{
    char when[NETWORK_TIME_BUF];
    int rc = life_when(when, days, 0, 0, e);
    if (rc == ERR_OK) {
        memcpy(buf, when, 10);
        buf[10] = '\0';
    }
    return rc;
}

/* Day of the week of a day: 0 Monday .. 6 Sunday (1970-01-01 was a Thursday). */
static unsigned life_weekday(int64_t days)
{
    return (unsigned)(((days % 7) + 7 + 3) % 7);
}

/* The n-th (1..4) weekday wd (0 Monday) of a month. */
static int64_t life_nth_weekday(int64_t year, unsigned month, unsigned wd, unsigned n)
{
    int64_t first = network__days_from_civil(year, month, 1);
    int64_t d = first + (int64_t)((wd + 7 - life_weekday(first)) % 7);
    return d + 7 * (int64_t)(n - 1);
}

/* Moves a day falling on a weekend to the next Monday. */
static int64_t life_workday(int64_t days)
{
    unsigned wd = life_weekday(days);
    return wd >= 5 ? days + (7 - wd) : days;
}

/* ------------------------------------------------------ territories */

/* Jobs created by the synergies of the territories furthest along. */
static int64_t life_jobs(enum store_stage stage, size_t t)
{
    if (stage == STORE_STAGE_EVALUATION)
        return 6 + (int64_t)(t % 5);
    if (stage == STORE_STAGE_IMPLEMENTATION)
        return 2 + (int64_t)(t % 3);
    return 0;
}

/* The shared method's checklist ticked for the stages behind each
 * territory and half of its current one; its key dates; its actors (the
 * pilot structure and the facilitator); jobs created. */
static int life_territories(struct life *l, struct err *e)
{
    struct network__demo *d = l->d;
    int rc = ERR_OK;
    for (size_t t = 0; rc == ERR_OK && t < d->n_territories; t++) {
        int64_t tid = d->territory_ids[t];
        struct store_key_date *kd = NULL;
        size_t n_kd = 0;
        rc = store_key_date_list(d->s, tid, &kd, &n_kd, e);
        store_key_dates_free(kd, n_kd);
        if (rc || n_kd > 0)
            continue; /* this territory's progress was set on an earlier run */
        int stage = (int)d->stages[t];
        for (int st = 0; rc == ERR_OK && st <= stage; st++) {
            const char *const *items = NULL;
            size_t n_items = 0;
            network_checklist(st, &items, &n_items);
            size_t done = st < stage ? n_items : n_items / 2;
            for (size_t i = 0; rc == ERR_OK && i < done; i++)
                rc =
                    network_checklist_set(d->s, NULL, tid, network_stage_name(st), (int)i, true, e);
        }
        struct store_territory terr;
        if (rc == ERR_OK)
            rc = store_territory_get(d->s, tid, &terr, e);
        if (rc)
            break;
        if (terr.start_date[0])
            rc = network_key_date_add(d->s, NULL, tid, terr.start_date,
                                      "Lancement de la démarche (comité de pilotage)", NULL, e);
        /* its actors: the pilot structure and the facilitator */
        struct network_actor_input pilot = {
            .territory_id = tid, .role = "pilot", .name = terr.pilot};
        const struct store_account *fac = life_facilitator(l, t);
        struct network_actor_input anim = {.territory_id = tid,
                                           .role = "facilitator",
                                           .name = fac->display_name,
                                           .account_id = fac->id,
                                           .email = fac->email};
        if (rc == ERR_OK && terr.pilot[0])
            rc = network_actor_add(d->s, NULL, &pilot, NULL, e);
        if (rc == ERR_OK)
            rc = network_actor_add(d->s, NULL, &anim, NULL, e);
        store_territory_release(&terr);
        char date[11];
        /* the next steering committee, a few weeks ahead */
        if (rc == ERR_OK)
            rc = life_date(date, life_workday(d->today_days + 20 + 3 * (int64_t)t), e);
        if (rc == ERR_OK)
            rc =
                network_key_date_add(d->s, NULL, tid, date, "Prochain comité de pilotage", NULL, e);
        if (rc == ERR_OK && life_jobs(d->stages[t], t) > 0)
            rc = network_territory_set_jobs(d->s, NULL, tid, life_jobs(d->stages[t], t), e);
    }
    return rc;
}

/* --------------------------------------------------------- calendar */

/* Registers who to an event or a training that starts at starts_at,
 * a week before it at the latest (so past ones have their attendance). */
static int life_event_register(struct life *l, const struct store_account *who, int64_t event_id,
                               int64_t starts_at, struct err *e)
{
    int64_t now = l->d->opts->now_s;
    if (now > starts_at - 7 * DAY_S)
        now = starts_at - 7 * DAY_S;
    enum store_reg_status status;
    int rc = network_event_register(l->d->s, who, now, event_id, &status, e);
    if (rc == ERR_OK)
        l->d->res->n_registrations_added++;
    return rc;
}

/* When an event takes place: a day and two Paris times of that day. */
struct life_slot {
    int64_t day; /* days since 1970-01-01 */
    unsigned h0, m0, h1, m1;
};

/* Who may register to an event, and which share of them (percent) does. */
struct life_audience {
    const struct store_account *const *cands;
    size_t n;
    unsigned share;
};

/* Creates an event from `in` at `slot`, by who, and registers its audience. */
static int life_event(struct life *l, const struct store_account *who,
                      struct network_event_input *in, struct life_slot slot,
                      struct life_audience aud, struct err *e)
{
    char from[NETWORK_TIME_BUF], to[NETWORK_TIME_BUF];
    int64_t id = 0, starts_at = 0;
    int rc = life_when(from, slot.day, slot.h0, slot.m0, e);
    if (rc == ERR_OK)
        rc = life_when(to, slot.day, slot.h1, slot.m1, e);
    in->starts_at = from;
    in->ends_at = to;
    if (rc == ERR_OK)
        rc = network_event_create(l->d->s, who, in, &id, e);
    if (rc == ERR_OK)
        rc = network_time_parse("starts_at", from, &starts_at, e);
    if (rc)
        return err_prefix(e, "demo: event '%s'", in->title);
    l->d->res->n_events_added++;
    for (size_t i = 0; rc == ERR_OK && i < aud.n; i++) {
        if (network__rng_below(&l->g, 100) < aud.share)
            rc = life_event_register(l, aud.cands[i], id, starts_at, e);
    }
    return rc;
}

static const char *const meeting_hosts[] = {
    "Hôtel de Région, 1 rue de la Loire, Nantes",
    "Maison de l'agglomération, 83 rue du Mail, Angers",
    "Centre des congrès, 2 rue d'Arcole, Le Mans",
};

static const char *const meeting_seasons[] = {"de printemps", "d'été", "d'automne"};
static const unsigned meeting_months[] = {3, 6, 11};

static const char *const webinar_topics[] = {
    "Chaleur fatale : du diagnostic au réseau de chaleur",
    "Mobiliser les entreprises d'une zone d'activités",
    "Biodéchets : la collecte séparée obligatoire, et après ?",
    "Financer une démarche d'EIT : aides régionales et ADEME",
    "Matériaux du BTP : réemploi et granulats recyclés",
    "Évaluer une synergie : tonnes, CO2e et euros",
    "Mutualiser les achats responsables entre entreprises",
    "Eau : réutiliser les eaux de process traitées",
    "Animer un atelier de détection des synergies",
    "Pérenniser une démarche après le financement initial",
};

static int life_calendar(struct life *l, struct err *e)
{
    struct network__demo *d = l->d;
    struct store_event *evs = NULL;
    size_t n_evs = 0;
    int rc = store_event_list(d->s, 0, 0, &evs, &n_evs, e);
    store_events_free(evs, n_evs);
    if (rc || n_evs > 0)
        return rc;
    /* everyone but the admin, who organises: facilitators, then members */
    size_t n_cands = l->n_accs - 1;
    const struct store_account **cands = xcalloc(n_cands, sizeof(*cands));
    for (size_t i = 0; i < n_cands; i++)
        cands[i] = &l->accs[1 + i];
    int64_t y;
    unsigned month, day;
    network__civil_from_days(d->today_days, &y, &month, &day);
    char title[200], desc[600], url[120];
    /* the three yearly meetings of the network, from last year to next year */
    for (int64_t yr = y - 1; rc == ERR_OK && yr <= y + 1; yr++) {
        for (size_t k = 0; rc == ERR_OK && k < 3; k++) {
            int64_t at = life_nth_weekday(yr, meeting_months[k], 3, 2); /* 2nd Thursday */
            if (at < d->today_days - 330 || at > d->today_days + 250)
                continue;
            bool is_past = at < d->today_days;
            int w = snprintf(title, sizeof(title), "Rencontre %s du réseau EIT %lld",
                             meeting_seasons[k], (long long)yr);
            int w2 = snprintf(desc, sizeof(desc),
                              "Journée des animateur·rices EIT des Pays de la Loire : tour des "
                              "territoires, retours d'expérience sur les synergies mises en "
                              "œuvre, atelier sur la méthode commune, visite de site "
                              "l'après-midi.");
            if (w < 0 || (size_t)w >= sizeof(title) || w2 < 0 || (size_t)w2 >= sizeof(desc)) {
                rc = err_set(e, ERR_INTERNAL, "demo: event text too long");
                break;
            }
            struct network_event_input in = {.kind = "network_meeting",
                                             .title = title,
                                             .description = desc,
                                             .location = meeting_hosts[(yr + (int64_t)k) % 3],
                                             .capacity = 80};
            struct life_slot slot = {at, 9, 30, 16, 30};
            struct life_audience aud = {cands, n_cands, is_past ? 75 : 35};
            rc = life_event(l, life_admin(l), &in, slot, aud, e);
        }
    }
    /* a webinar on the first Tuesday of each month, five months back to four ahead */
    for (int k = -5; rc == ERR_OK && k <= 4; k++) {
        int64_t mi = y * 12 + (int64_t)month - 1 + k;
        int64_t yr = mi / 12;
        unsigned mo = (unsigned)(mi % 12) + 1;
        int64_t at = life_nth_weekday(yr, mo, 1, 1);
        const char *topic = webinar_topics[(size_t)(mi % 10)];
        int w = snprintf(title, sizeof(title), "Webinaire : %s", topic);
        int w2 = snprintf(url, sizeof(url), "https://visio.example.org/reseau-eit/%04lld-%02u",
                          (long long)yr, mo);
        int w3 = snprintf(desc, sizeof(desc),
                          "Une heure en ligne : l'exposé d'un territoire du réseau, puis les "
                          "questions. Le lien de connexion est envoyé aux inscrit·es ; "
                          "l'enregistrement rejoint la bibliothèque.");
        if (w < 0 || (size_t)w >= sizeof(title) || w2 < 0 || (size_t)w2 >= sizeof(url) || w3 < 0 ||
            (size_t)w3 >= sizeof(desc)) {
            rc = err_set(e, ERR_INTERNAL, "demo: webinar text too long");
            break;
        }
        struct network_event_input in = {
            .kind = "webinar", .title = title, .description = desc, .video_url = url};
        struct life_slot slot = {at, 11, 0, 12, 0};
        struct life_audience aud = {cands, n_cands, at < d->today_days ? 55 : 20};
        rc = life_event(l, life_admin(l), &in, slot, aud, e);
    }
    /* each territory at the detection stage runs a detection workshop for
     * its companies; those collecting data held their kick-off meeting */
    for (size_t t = 0; rc == ERR_OK && t < d->n_territories; t++) {
        bool is_detection = d->stages[t] == STORE_STAGE_DETECTION;
        if (!is_detection && d->stages[t] != STORE_STAGE_DATA_COLLECTION)
            continue;
        int64_t at = life_workday(d->today_days + (is_detection ? 12 : -25) + 2 * (int64_t)t);
        int w = snprintf(title, sizeof(title), "%s — %s",
                         is_detection ? "Atelier de détection des synergies"
                                      : "Réunion de lancement de la collecte des données",
                         d->territory_names[t]);
        int w2 = snprintf(desc, sizeof(desc), "%s",
                          is_detection ? "Trois heures autour de tables par famille de flux "
                                         "(matières, énergie, eau, services) : chaque entreprise "
                                         "apporte ses ressources et ses besoins, l'animateur·rice "
                                         "les saisit en direct."
                                       : "Présentation de la démarche aux entreprises, du "
                                         "questionnaire de collecte et du calendrier des visites.");
        if (w < 0 || (size_t)w >= sizeof(title) || w2 < 0 || (size_t)w2 >= sizeof(desc)) {
            rc = err_set(e, ERR_INTERNAL, "demo: workshop text too long");
            break;
        }
        struct network_event_input in = {.kind = "workshop",
                                         .title = title,
                                         .description = desc,
                                         .location = "Salle du conseil communautaire",
                                         .capacity = 30,
                                         .territory_id = d->territory_ids[t]};
        /* those who see a territory's event: its facilitator and its member */
        const struct store_account *local[2];
        size_t n_local = 0;
        for (size_t m = 0; m < d->n_members; m++)
            if (d->member_terr[m] == t)
                local[n_local++] = life_member(l, m);
        struct life_slot slot = {at, 9, 0, 12, 0};
        struct life_audience aud = {local, n_local, 100};
        rc = life_event(l, life_facilitator(l, t), &in, slot, aud, e);
    }
    free(cands);
    return rc;
}

/* ------------------------------------------------------------ rooms */

static const char *const room_equipment[] = {
    "vidéoprojecteur, paperboard, wifi",
    "écran, visioconférence, wifi",
    "vidéoprojecteur, sonorisation, accès PMR",
};

static const char *const booking_purposes[] = {
    "Comité de pilotage de la démarche EIT",
    "Réunion du club d'entreprises",
    "Atelier de détection des synergies",
    "Formation interentreprises",
    "Rencontre entre un fournisseur et un preneur de coproduits",
};

/* Books room_id on a day for hours [h0, h1), by who, checked against a
 * clock set two days before when the slot is past. */
static int life_booking(struct life *l, const struct store_account *who, int64_t room_id,
                        int64_t day, unsigned h0, unsigned h1, const char *purpose, struct err *e)
{
    char from[NETWORK_TIME_BUF], to[NETWORK_TIME_BUF];
    int64_t starts_at = 0, id = 0;
    int rc = life_when(from, day, h0, 0, e);
    if (rc == ERR_OK)
        rc = life_when(to, day, h1, 0, e);
    if (rc == ERR_OK)
        rc = network_time_parse("starts_at", from, &starts_at, e);
    int64_t now = l->d->opts->now_s;
    if (now > starts_at - 2 * DAY_S)
        now = starts_at - 2 * DAY_S;
    struct network_booking_input in = {
        .room_id = room_id, .starts_at = from, .ends_at = to, .purpose = purpose};
    if (rc == ERR_OK)
        rc = network_booking_create(l->d->s, who, now, &in, &id, e);
    if (rc == ERR_OK)
        l->d->res->n_bookings_added++;
    return rc;
}

/* Upper-cases the first letter of a French description into buf ("salle" -> "Salle"). */
static void life_capitalise(char *buf, size_t size, const char *text)
{
    int w = snprintf(buf, size, "%s", text);
    if (w > 0 && buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
}

/*
 * Rooms: organisations that declared a meeting room on offer, publicly
 * (an anonymised or facilitator-only offer stays so: no room is opened
 * in its name), one per territory among the first ones, each offered by
 * the territory's facilitator and booked a few times, past and upcoming.
 */
static int life_rooms(struct life *l, struct err *e)
{
    struct network__demo *d = l->d;
    struct store_room *rooms = NULL;
    size_t n_rooms = 0;
    int rc = store_room_list(d->s, 0, &rooms, &n_rooms, e);
    store_rooms_free(rooms, n_rooms);
    if (rc || n_rooms > 0)
        return rc;
    for (size_t t = 0; rc == ERR_OK && t < d->n_territories && t < 10; t++) {
        struct store_filter f;
        store_filter_init(&f);
        f.territory_id = d->territory_ids[t];
        f.code_prefix = "meeting_room";
        f.direction = STORE_DIR_OFFER;
        struct store_flow *fl = NULL;
        size_t n_fl = 0;
        rc = store_flow_list(d->s, &f, &fl, &n_fl, e);
        const struct store_flow *pick = NULL;
        for (size_t i = 0; rc == ERR_OK && i < n_fl && !pick; i++)
            if (fl[i].confidentiality == STORE_CONF_PUBLIC && !strcmp(fl[i].code, "meeting_room"))
                pick = &fl[i];
        struct store_org o;
        int64_t room_id = 0;
        if (rc == ERR_OK && pick && (rc = store_org_get(d->s, pick->org_id, &o, e)) == ERR_OK) {
            char name[200];
            life_capitalise(name, sizeof(name), pick->description);
            struct network_room_input in = {
                .org_id = o.id,
                .name = name,
                .capacity = 12 + 4 * (int64_t)network__rng_below(&l->g, 12),
                .equipment = room_equipment[network__rng_below(&l->g, 3)],
                .address = o.address,
                .description = "Salle proposée aux entreprises de la démarche, sur réservation, "
                               "en semaine de 8 h à 19 h."};
            rc = network_room_create(d->s, life_facilitator(l, t), &in, &room_id, e);
            store_org_release(&o);
            if (rc == ERR_OK)
                d->res->n_rooms_added++;
            /* bookings on distinct days, so that they never overlap */
            static const int64_t offsets[] = {-24, -9, -2, 6, 15};
            for (size_t b = 0; rc == ERR_OK && b < sizeof(offsets) / sizeof(offsets[0]); b++) {
                if (network__rng_below(&l->g, 5) == 0)
                    continue;
                const struct store_account *who = life_facilitator(l, t);
                for (size_t m = 0; m < d->n_members; m++)
                    if (d->member_terr[m] == t && b % 2 == 1)
                        who = life_member(l, m);
                unsigned h0 = 9 + (unsigned)network__rng_below(&l->g, 6);
                rc = life_booking(l, who, room_id,
                                  life_workday(d->today_days + offsets[b] + (int64_t)t % 3), h0,
                                  h0 + 2 + (unsigned)network__rng_below(&l->g, 2),
                                  booking_purposes[network__rng_below(&l->g, 5)], e);
            }
        }
        store_flows_free(fl, n_fl);
    }
    return rc;
}

/* -------------------------------------------------------- trainings */

static const struct {
    const char *title;
    const char *topic;
    int64_t day;       /* from the reference day */
    int64_t min, max;  /* participants */
    size_t n_register; /* members registering */
} life_trainings_table[] = {
    {"Sauveteur secouriste du travail (SST) — session interentreprises", "first_aid", 24, 4, 10, 4},
    {"Conduite de chariots élévateurs (CACES R489)", "forklift", 38, 3, 8, 3},
    {"Déchets dangereux : stockage, bordereaux et transport ADR", "hazmat", -30, 3, 12, 5},
    {"Trier ses déchets en entreprise : les sept flux", "waste_sorting", 16, 6, 15, 2},
    {"Écoconception des emballages", "eco_design", 55, 4, 12, 1},
};

/* Joint trainings held in the members' territories and offered by their
 * facilitators to the whole network (territory 0: trainings are scoped
 * like events, and members of other territories register too); enough
 * members register for some to be confirmed. */
static int life_trainings(struct life *l, struct err *e)
{
    struct network__demo *d = l->d;
    struct store_training *ts = NULL;
    size_t n_ts = 0;
    int rc = store_training_list(d->s, &ts, &n_ts, e);
    store_trainings_free(ts, n_ts);
    if (rc || n_ts > 0)
        return rc;
    size_t n = sizeof(life_trainings_table) / sizeof(life_trainings_table[0]);
    for (size_t i = 0; rc == ERR_OK && i < n && i < d->n_members; i++) {
        size_t t = d->member_terr[i];
        char from[NETWORK_TIME_BUF], to[NETWORK_TIME_BUF], where[300];
        int64_t day = life_workday(d->today_days + life_trainings_table[i].day);
        int64_t id = 0, starts_at = 0;
        rc = life_when(from, day, 9, 0, e);
        if (rc == ERR_OK)
            rc = life_when(to, day, 17, 0, e);
        int w = snprintf(where, sizeof(where), "Salle de formation — %s", d->territory_names[t]);
        if (rc == ERR_OK && (w < 0 || (size_t)w >= sizeof(where)))
            rc = err_set(e, ERR_INTERNAL, "demo: training location too long");
        struct network_training_input in = {
            .title = life_trainings_table[i].title,
            .topic = life_trainings_table[i].topic,
            .description = "Session commune à plusieurs entreprises du territoire, montée à "
                           "partir des besoins de formation déclarés ; coût partagé entre les "
                           "participants.",
            .location = where,
            .starts_at = from,
            .ends_at = to,
            .min_participants = life_trainings_table[i].min,
            .max_participants = life_trainings_table[i].max,
            .territory_id = 0};
        if (rc == ERR_OK)
            rc = network_training_create(d->s, life_facilitator(l, t), &in, &id, e);
        if (rc == ERR_OK)
            rc = network_time_parse("starts_at", from, &starts_at, e);
        if (rc)
            break;
        d->res->n_trainings_added++;
        int64_t now = d->opts->now_s;
        if (now > starts_at - 10 * DAY_S)
            now = starts_at - 10 * DAY_S;
        /* the territory's member first, then members of other territories */
        for (size_t k = 0; rc == ERR_OK && k < life_trainings_table[i].n_register; k++) {
            size_t m = (i + k) % d->n_members;
            enum store_reg_status status;
            bool is_confirmed;
            rc = network_training_register(d->s, life_member(l, m), now, id, &status, &is_confirmed,
                                           e);
            if (rc == ERR_OK)
                d->res->n_registrations_added++;
        }
    }
    return rc;
}

/* -------------------------------------------------------- purchases */

/*
 * A group purchase of the whole network for what many organisations
 * declared as a need (office supplies): each organisation whose need is
 * public joins with a quantity in the purchase's unit, entered by its
 * member or its facilitator. Lines stay visible only to those the
 * purchase service allows.
 */
static int life_purchases(struct life *l, struct err *e)
{
    struct network__demo *d = l->d;
    struct store_purchase *ps = NULL;
    size_t n_ps = 0;
    int rc = store_purchase_list(d->s, &ps, &n_ps, e);
    store_purchases_free(ps, n_ps);
    if (rc || n_ps > 0)
        return rc;
    char deadline[11];
    int64_t id = 0;
    rc = life_date(deadline, d->today_days + 30, e);
    struct network_purchase_input in = {
        .title = "Papier recyclé et fournitures de bureau écolabellisées",
        .category = "fournitures de bureau",
        .unit = "carton de 5 ramettes",
        .deadline = deadline,
        .description = "Commande groupée annuelle du réseau : papier 100 % recyclé (Ange bleu), "
                       "enveloppes et classeurs en carton recyclé. Le fournisseur retenu livre "
                       "chaque entreprise ; le prix baisse avec le volume total."};
    if (rc == ERR_OK)
        rc = network_purchase_create(d->s, life_admin(l), d->opts->now_s, &in, &id, e);
    if (rc)
        return rc;
    d->res->n_purchases_added++;
    struct store_filter f;
    store_filter_init(&f);
    f.code_prefix = "office_supplies";
    f.direction = STORE_DIR_NEED;
    struct store_flow *fl = NULL;
    size_t n_fl = 0, n_lines = 0;
    rc = store_flow_list(d->s, &f, &fl, &n_fl, e);
    for (size_t i = 0; rc == ERR_OK && i < n_fl && n_lines < 14; i++) {
        if (fl[i].confidentiality != STORE_CONF_PUBLIC)
            continue;
        const struct store_account *who = NULL;
        for (size_t t = 0; t < d->n_territories; t++)
            if (d->territory_ids[t] == fl[i].territory_id)
                who = life_facilitator(l, t);
        for (size_t m = 0; m < d->n_members; m++)
            if (d->member_orgs[m] == fl[i].org_id)
                who = life_member(l, m);
        if (!who)
            continue;
        /* about a quarter of office supplies is paper, and a tonne of
         * paper is some 80 cartons of five reams */
        double cartons = fmax(2, round(fl[i].qty_per_yr * 0.25 * 80));
        rc = network_purchase_set_quantity(d->s, who, d->opts->now_s, id, fl[i].org_id, cartons,
                                           "livraison au siège", e);
        if (rc == ERR_OK) {
            n_lines++;
            d->res->n_purchase_lines_added++;
        }
    }
    store_flows_free(fl, n_fl);
    return rc;
}

/* ------------------------------------------------------------ forum */

/* A thread: its author, its territory (index, or -1 for the network),
 * its title and opening post, then replies; in texts, %F1, %F2...
 * stand for the facilitators' mentions (@First.Last) and %M1 for the
 * member's, replaced when posting. */
struct life_reply {
    int author; /* >= 0 facilitator of territory i; -1 admin; -2 - m: member m */
    const char *body;
};

static const struct {
    int author;
    int territory; /* index, or -1: the whole network */
    const char *title;
    const char *body;
    struct life_reply replies[4];
} life_threads[] = {
    {-1,
     -1,
     "Bienvenue sur l'espace d'échange du réseau",
     "Bonjour à toutes et à tous ! Cet espace sert à partager vos questions, vos retours "
     "d'expérience et vos documents entre territoires. Pensez à vous présenter ici en quelques "
     "lignes : territoire, structure porteuse, étape de la démarche.",
     {{0, "Claire, animatrice EIT à Nantes Métropole depuis 2019 : nous suivons une trentaine "
          "de synergies, dont plusieurs sur la chaleur fatale. Au plaisir d'échanger !"},
      {2, "Sophie, pour la CARENE : démarche lancée en 2017, nous sommes en phase d'évaluation. "
          "%F1, on pourrait présenter ensemble nos réseaux de chaleur au prochain webinaire ?"},
      {12, "Pauline, Terres de Montaigu : nous venons de publier notre bilan 2025, je le dépose "
           "dans la bibliothèque."},
      {0, "Avec plaisir %F3, je te propose un créneau la semaine prochaine."}}},
    {2,
     -1,
     "Chaleur fatale : quel contrat type entre fournisseur et preneur ?",
     "Nous avons deux synergies de chaleur fatale en cours de contractualisation. Quelqu'un "
     "a-t-il un modèle de convention (durée, prix du MWh, clause de sortie) ? %F10, votre "
     "expérience dans les Mauges m'intéresse.",
     {{9, "Oui : convention de 10 ans, prix indexé sur le gaz avec un plancher, et un préavis de "
          "18 mois en cas d'arrêt du process. Je dépose une fiche anonymisée cette semaine."},
      {0, "Même approche chez nous ; attention à prévoir l'appoint quand la source s'arrête "
          "l'été. %F10, merci pour la fiche !"},
      {0, NULL},
      {0, NULL}}},
    {9,
     -1,
     "Biodéchets de restauration : quelle filière pour les petits volumes ?",
     "Depuis la généralisation du tri à la source, nos restaurants produisent 5 à 60 t/an "
     "chacun. La collecte mutualisée vers le méthaniseur local est-elle rentable en dessous "
     "de 10 t ?",
     {{12, "Nous avons monté une tournée mutualisée avec une structure de l'ESS : rentable dès "
           "une quinzaine de points de collecte sur moins de 30 km."},
      {-2, "Côté entreprise, la collecte mutualisée nous a fait économiser environ 30 % par "
           "rapport au prestataire seul. %F1 pourra confirmer les chiffres."},
      {0, NULL},
      {0, NULL}}},
    {0,
     0,
     "Atelier de détection du mois prochain : vos besoins en priorité",
     "Pour préparer l'atelier, pouvez-vous compléter vos besoins (matières, énergie, "
     "formations) dans la plateforme avant la fin du mois ? Nous constituerons les tables à "
     "partir de vos saisies.",
     /* members' posts name no flow of theirs: each flow keeps the
      * confidentiality its organisation chose */
     {{-2, "C'est fait pour notre site, %F1 : ressources et besoins sont à jour."},
      {0, "Merci %M1 ! Les tables seront envoyées une semaine avant l'atelier."},
      {0, NULL},
      {0, NULL}}},
    {1,
     -1,
     "Achat groupé de papier recyclé : qui relaie auprès de ses entreprises ?",
     "L'achat groupé de fournitures de bureau est ouvert pendant un mois. "
     "Pouvez-vous le relayer dans vos clubs d'entreprises ? Chaque entreprise saisit sa "
     "quantité elle-même.",
     {{-3, "Relayé dans notre club : trois entreprises ont déjà saisi leurs quantités."},
      {7, "Relayé aussi à Cholet. %F2, le fournisseur livre-t-il chaque site ?"},
      {1, "Oui %F8, livraison sur chaque site, franco à partir de 20 cartons."},
      {0, NULL}}},
};

/* Replaces %F<n> (the facilitator of territory n-1) and %M<n> (member
 * n-1) by a display-name mention "@First.Last". */
static int life_mentions(const struct network__demo *d, const char *text, struct sb *out,
                         struct err *e)
{
    for (const char *p = text; *p; p++) {
        if (p[0] == '%' && (p[1] == 'F' || p[1] == 'M') && p[2] >= '1' && p[2] <= '9') {
            char *end = NULL;
            long k = strtol(p + 2, &end, 10) - 1;
            const char *name = NULL;
            if (p[1] == 'F' && k >= 0 && (size_t)k < d->n_territories)
                name = d->facilitator_names[k];
            if (p[1] == 'M' && k >= 0 && (size_t)k < d->n_members)
                name = network__demo_member_name((size_t)k);
            if (!name)
                return err_set(e, ERR_INTERNAL, "demo: bad mention in '%.40s'", text);
            sb_addc(out, '@');
            for (const char *c = name; *c; c++)
                sb_addc(out, *c == ' ' ? '.' : *c);
            p = end - 1;
            continue;
        }
        sb_addc(out, *p);
    }
    return ERR_OK;
}

static const struct store_account *life_author(const struct life *l, int author)
{
    if (author >= 0)
        return life_facilitator(l, (size_t)author);
    if (author == -1)
        return life_admin(l);
    return life_member(l, (size_t)(-2 - author));
}

static int life_forum(struct life *l, struct err *e)
{
    struct network__demo *d = l->d;
    struct store_thread *ts = NULL;
    size_t n_ts = 0;
    int rc = store_thread_list(d->s, &ts, &n_ts, e);
    store_threads_free(ts, n_ts);
    if (rc || n_ts > 0)
        return rc;
    size_t n = sizeof(life_threads) / sizeof(life_threads[0]);
    for (size_t i = 0; rc == ERR_OK && i < n; i++) {
        struct sb body;
        sb_init(&body, 10000);
        int64_t thread_id = 0;
        int64_t terr =
            life_threads[i].territory >= 0 ? d->territory_ids[life_threads[i].territory] : 0;
        rc = life_mentions(d, life_threads[i].body, &body, e);
        if (rc == ERR_OK)
            rc = network_thread_create(d->s, life_author(l, life_threads[i].author),
                                       life_threads[i].title, body.buf, terr, &thread_id, e);
        if (rc == ERR_OK)
            d->res->n_threads_added++;
        for (size_t k = 0; rc == ERR_OK && k < 4 && life_threads[i].replies[k].body; k++) {
            int64_t post_id = 0;
            sb_reset(&body);
            rc = life_mentions(d, life_threads[i].replies[k].body, &body, e);
            if (rc == ERR_OK)
                rc = network_post_create(d->s, life_author(l, life_threads[i].replies[k].author),
                                         thread_id, body.buf, &post_id, e);
            if (rc == ERR_OK)
                d->res->n_posts_added++;
        }
        sb_release(&body);
        if (rc)
            err_prefix(e, "demo: thread '%s'", life_threads[i].title);
    }
    return rc;
}

int network__demo_life(struct network__demo *d, struct err *e)
{
    struct life l;
    int rc = life_open(&l, d, e);
    if (rc == ERR_OK)
        rc = life_territories(&l, e);
    if (rc == ERR_OK)
        rc = life_calendar(&l, e);
    if (rc == ERR_OK)
        rc = life_rooms(&l, e);
    if (rc == ERR_OK)
        rc = life_trainings(&l, e);
    if (rc == ERR_OK)
        rc = life_purchases(&l, e);
    if (rc == ERR_OK)
        rc = life_forum(&l, e);
    life_close(&l);
    return rc;
}
