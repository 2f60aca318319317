/* SPDX-License-Identifier: MIT */
/*
 * network_events_test.c - events: validation with French messages,
 * access by role, registration with capacity and waiting list, promotion
 * on cancellation, and the iCalendar feeds checked by the strict parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "network_fixture.h"

static const struct network_event_input base = {
    .kind = "network_meeting",
    .title = "Rencontre du réseau EIT, printemps",
    .description = "Ordre du jour :\n- bilan; perspectives",
    .location = "Hôtel de Région, Lyon",
    .starts_at = "2030-03-31T09:30",
    .ends_at = "2030-03-31T17:00",
    .capacity = 2,
};

static void test_validate(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        const char *field; /* which field to change */
        const char *value;
        int64_t capacity;
        int want;
        const char *msg; /* expected start of the message */
    } cases[] = {
        {"valid", NULL, NULL, 2, ERR_OK, NULL},
        {"unlimited", NULL, NULL, 0, ERR_OK, NULL},
        {"negative capacity", NULL, NULL, -1, ERR_INPUT, "capacity : doit être un entier"},
        {"huge capacity", NULL, NULL, 100001, ERR_INPUT, "capacity :"},
        {"unknown kind", "kind", "apero", 2, ERR_INPUT,
         "kind : valeur inconnue « apero » (network_meeting, webinar ou workshop)"},
        {"no kind", "kind", "", 2, ERR_INPUT, "kind : obligatoire"},
        {"no title", "title", "   ", 2, ERR_INPUT, "title : obligatoire"},
        {"title newline", "title", "a\nb", 2, ERR_INPUT, "title : caractère de contrôle"},
        {"title bad utf8", "title", "caf\xe9", 2, ERR_INPUT, "title : texte invalide"},
        {"no location", "location", "", 2, ERR_INPUT, "location : obligatoire"},
        {"webinar without link", "kind", "webinar", 2, ERR_INPUT, "video_url : obligatoire"},
        {"bad link", "video_url", "javascript:alert(1)", 2, ERR_INPUT, "video_url : lien invalide"},
        {"dst gap", "starts_at", "2030-03-31T02:30", 2, ERR_INPUT, "starts_at : l'heure"},
        {"dst fold", "starts_at", "2030-10-27T02:30", 2, ERR_INPUT, "starts_at : l'heure"},
        {"end before", "ends_at", "2030-03-31T09:00", 2, ERR_INPUT,
         "ends_at : la fin doit être après le début"},
        {"too long", "ends_at", "2030-04-30T09:00", 2, ERR_INPUT, "ends_at : durée trop longue"},
        {"bad end", "ends_at", "31/03/2030", 2, ERR_INPUT, "ends_at : date et heure"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_event_input in = base;
        in.capacity = cases[i].capacity;
        const char *f = cases[i].field;
        if (f && !strcmp(f, "kind"))
            in.kind = cases[i].value;
        else if (f && !strcmp(f, "title"))
            in.title = cases[i].value;
        else if (f && !strcmp(f, "location"))
            in.location = cases[i].value;
        else if (f && !strcmp(f, "video_url"))
            in.video_url = cases[i].value;
        else if (f && !strcmp(f, "starts_at"))
            in.starts_at = cases[i].value;
        else if (f && !strcmp(f, "ends_at"))
            in.ends_at = cases[i].value;
        struct store_event ev;
        struct err e;
        err_init(&e);
        int rc = network_event_validate(&in, &ev, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc && strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)))
            fail_msg("case %s: message '%s' does not start with '%s'", cases[i].name, e.msg,
                     cases[i].msg);
    }
}

static void test_access(void **state)
{
    (void)state;
    struct fixture f;
    fixture_open(&f);
    static const struct {
        const char *name;
        int who;  /* 0 admin, 1 facilitator, 2 member, 3 observer, 4 program */
        int terr; /* -1 network-wide, else index */
        int want;
    } cases[] = {
        {"admin network", 0, -1, ERR_OK},
        {"program network", 4, -1, ERR_OK},
        {"facilitator own", 1, 0, ERR_OK},
        {"facilitator other", 1, 1, ERR_FORBIDDEN},
        {"facilitator network", 1, -1, ERR_FORBIDDEN},
        {"member", 2, 0, ERR_FORBIDDEN},
        {"observer", 3, -1, ERR_FORBIDDEN},
    };
    const struct store_account *whos[5] = {&f.admin, &f.facil, &f.member, &f.observer, NULL};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_event_input in = base;
        in.territory_id = cases[i].terr >= 0 ? f.terr[cases[i].terr] : 0;
        struct err e;
        err_init(&e);
        int64_t id = 0;
        int rc = network_event_create(f.s, whos[cases[i].who], &in, &id, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
    }
    fixture_close(&f);
}

static void test_waiting_list(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id = 0, promoted = -1;
    enum store_reg_status st;
    fixture_open(&f);
    err_init(&e);
    assert_int_equal(network_event_create(f.s, &f.admin, &base, &id, &e), ERR_OK);
    /* capacity 2: two registered, then a queue in arrival order */
    static const struct {
        int who; /* 0 admin, 1 facilitator, 2 member, 3 member2 */
        enum store_reg_status want;
    } order[] = {{2, STORE_REG_REGISTERED},
                 {1, STORE_REG_REGISTERED},
                 {3, STORE_REG_WAITING},
                 {0, STORE_REG_WAITING}};
    const struct store_account *whos[4] = {&f.admin, &f.facil, &f.member, &f.member2};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(network_event_register(f.s, whos[order[i].who], FIXTURE_NOW, id, &st, &e),
                         ERR_OK);
        assert_int_equal(st, order[i].want);
    }
    assert_int_equal(network_event_register(f.s, &f.member, FIXTURE_NOW, id, &st, &e),
                     ERR_CONFLICT);
    assert_non_null(strstr(e.msg, "déjà inscrit"));
    /* a waiting person leaving promotes nobody */
    assert_int_equal(network_event_unregister(f.s, &f.admin, id, &promoted, &e), ERR_OK);
    assert_int_equal(promoted, 0);
    /* a registered person leaving promotes the head of the queue */
    assert_int_equal(network_event_unregister(f.s, &f.member, id, &promoted, &e), ERR_OK);
    assert_int_equal(promoted, f.member2.id);
    assert_int_equal(fixture_count_notifications(&f, f.member2.id, "promoted"), 1);
    assert_int_equal(network_event_unregister(f.s, &f.member, id, &promoted, &e), ERR_NOT_FOUND);
    struct store_event ev;
    assert_int_equal(store_event_get(f.s, id, &ev, &e), ERR_OK);
    assert_int_equal(ev.n_registered, 2);
    assert_int_equal(ev.n_waiting, 0);
    store_event_release(&ev);
    /* re-registering after cancelling goes to the end of the queue */
    assert_int_equal(network_event_register(f.s, &f.member, FIXTURE_NOW, id, &st, &e), ERR_OK);
    assert_int_equal(st, STORE_REG_WAITING);
    /* no registration to a cancelled event */
    assert_int_equal(network_event_cancel(f.s, &f.facil, id, &e), ERR_FORBIDDEN);
    assert_int_equal(network_event_cancel(f.s, &f.admin, id, &e), ERR_OK);
    assert_int_equal(network_event_register(f.s, &f.admin, FIXTURE_NOW, id, &st, &e), ERR_CONFLICT);
    fixture_close(&f);
}

/* Registrations follow reading: a hidden event is not found on
 * unregistering either (its title stays hidden), and observers, who follow
 * the network without taking seats, may not register. */
static void test_registration_scope(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id = 0, net_id = 0, promoted = 0;
    enum store_reg_status st;
    fixture_open(&f);
    err_init(&e);
    struct network_event_input in = base;
    in.title = "Atelier secret de la vallée";
    in.territory_id = f.terr[0];
    assert_int_equal(network_event_create(f.s, &f.facil, &in, &id, &e), ERR_OK);
    assert_int_equal(network_event_create(f.s, &f.admin, &base, &net_id, &e), ERR_OK);
    static const struct {
        const char *name;
        int who;   /* 0 member of A, 1 member of B, 2 observer */
        int event; /* 0 territory A's, 1 network-wide */
        bool is_unregister;
        int want;
    } cases[] = {
        {"member of B unregisters from A's event", 1, 0, true, ERR_NOT_FOUND},
        {"member of B registers to A's event", 1, 0, false, ERR_NOT_FOUND},
        {"member of A unregisters without a registration", 0, 0, true, ERR_NOT_FOUND},
        {"member of A registers", 0, 0, false, ERR_OK},
        {"observer registers to A's event", 2, 0, false, ERR_FORBIDDEN},
        {"observer registers network-wide", 2, 1, false, ERR_FORBIDDEN},
        {"member of B registers network-wide", 1, 1, false, ERR_OK},
    };
    const struct store_account *whos[3] = {&f.member, &f.member2, &f.observer};
    const int64_t ids[2] = {id, net_id};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct store_account *w = whos[cases[i].who];
        int64_t ev = ids[cases[i].event];
        err_init(&e);
        int rc = cases[i].is_unregister ? network_event_unregister(f.s, w, ev, &promoted, &e)
                                        : network_event_register(f.s, w, FIXTURE_NOW, ev, &st, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (cases[i].who == 1 && cases[i].event == 0 && strstr(e.msg, "secret"))
            fail_msg("case %s: the hidden title in \"%s\"", cases[i].name, e.msg);
        if (rc == ERR_FORBIDDEN && !strstr(e.msg, "observateur"))
            fail_msg("case %s: no French reason in \"%s\"", cases[i].name, e.msg);
    }
    fixture_close(&f);
}

static void test_ics_feeds(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t ids[3];
    enum store_reg_status st;
    fixture_open(&f);
    err_init(&e);
    struct network_event_input webinar = {
        .kind = "webinar",
        .title = "Webinaire : chaleur fatale, réseaux et boucles d'eau",
        .video_url = "https://visio.example.org/b/eit-chaleur?pwd=abc,def",
        .starts_at = "2030-10-27T03:30", /* the day the clocks go back */
        .ends_at = "2030-10-27T04:30",
    };
    struct network_event_input workshop = base;
    workshop.kind = "workshop";
    workshop.title = "Atelier de détection";
    workshop.territory_id = f.terr[0];
    workshop.starts_at = "2030-10-27T02:30+01:00"; /* second 02:30, given explicitly */
    workshop.ends_at = "2030-10-27T03:00";
    assert_int_equal(network_event_create(f.s, NULL, &base, &ids[0], &e), ERR_OK);
    assert_int_equal(network_event_create(f.s, NULL, &webinar, &ids[1], &e), ERR_OK);
    assert_int_equal(network_event_create(f.s, &f.facil, &workshop, &ids[2], &e), ERR_OK);
    assert_int_equal(network_event_register(f.s, &f.member, FIXTURE_NOW, ids[1], &st, &e), ERR_OK);
    assert_int_equal(network_event_cancel(f.s, NULL, ids[0], &e), ERR_OK);
    static const struct {
        const char *name;
        bool is_personal;
        enum network_ical_tz tz;
        size_t want_events;
    } cases[] = {
        {"network paris", false, NETWORK_ICAL_PARIS, 3},
        {"network utc", false, NETWORK_ICAL_UTC, 3},
        {"personal", true, NETWORK_ICAL_PARIS, 1},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct sb out;
        struct network_ical_calendar cal;
        sb_init(&out, 0);
        int64_t account = cases[i].is_personal ? f.member.id : 0;
        assert_int_equal(network_events_ics(f.s, NULL, account, cases[i].tz, &out, &e), ERR_OK);
        if (network_ical_parse(out.buf, out.len, &cal, &e))
            fail_msg("case %s: %s\n%s", cases[i].name, e.msg, out.buf);
        assert_int_equal(cal.n_events, cases[i].want_events);
        for (size_t k = 0; k < cal.n_events; k++) {
            struct store_event ev;
            long long eid = 0;
            assert_int_equal(sscanf(cal.events[k].uid, "event-%lld@symbiose", &eid), 1);
            assert_int_equal(store_event_get(f.s, eid, &ev, &e), ERR_OK);
            assert_int_equal(cal.events[k].start_utc, ev.starts_at);
            assert_int_equal(cal.events[k].end_utc, ev.ends_at);
            assert_string_equal(cal.events[k].summary, ev.title);
            assert_string_equal(cal.events[k].status, ev.is_cancelled ? "CANCELLED" : "CONFIRMED");
            if (ev.video_url[0])
                assert_string_equal(cal.events[k].url, ev.video_url);
            store_event_release(&ev);
        }
        network_ical_calendar_release(&cal);
        sb_release(&out);
    }
    fixture_close(&f);
}

static void test_update(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id;
    fixture_open(&f);
    err_init(&e);
    struct network_event_input in = base;
    in.kind = "workshop";
    in.territory_id = f.terr[0];
    assert_int_equal(network_event_create(f.s, &f.facil, &in, &id, &e), ERR_OK);
    in.title = "Atelier déplacé";
    in.starts_at = "2030-04-01T14:00";
    in.ends_at = "2030-04-01T16:00";
    assert_int_equal(network_event_update(f.s, &f.member, id, &in, &e), ERR_FORBIDDEN);
    assert_int_equal(network_event_update(f.s, &f.facil, id, &in, &e), ERR_OK);
    /* moving it to a territory the facilitator does not run is refused */
    in.territory_id = f.terr[1];
    assert_int_equal(network_event_update(f.s, &f.facil, id, &in, &e), ERR_FORBIDDEN);
    in.territory_id = 0; /* nor may it become a network-wide event */
    assert_int_equal(network_event_update(f.s, &f.facil, id, &in, &e), ERR_FORBIDDEN);
    in.territory_id = f.terr[0];
    in.ends_at = "2030-04-01T13:00";
    assert_int_equal(network_event_update(f.s, &f.facil, id, &in, &e), ERR_INPUT);
    assert_int_equal(network_event_update(f.s, &f.facil, id + 1, &in, &e), ERR_INPUT);
    struct store_event ev;
    assert_int_equal(store_event_get(f.s, id, &ev, &e), ERR_OK);
    assert_string_equal(ev.title, "Atelier déplacé");
    assert_int_equal(ev.sequence, 1);
    store_event_release(&ev);
    /* the attendee list is the organisers' */
    enum store_reg_status st;
    struct store_registration *regs = NULL;
    size_t n = 0;
    assert_int_equal(network_event_register(f.s, &f.member, FIXTURE_NOW, id, &st, &e), ERR_OK);
    assert_int_equal(network_event_registrations(f.s, &f.member, id, &regs, &n, &e), ERR_FORBIDDEN);
    assert_int_equal(network_event_registrations(f.s, &f.facil, id, &regs, &n, &e), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(regs[0].email, "marie@scierie.fr");
    store_registrations_free(regs, n);
    fixture_close(&f);
}

static void test_feed_tokens(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    char tok[STORE_TOKEN_LEN + 1], old[STORE_TOKEN_LEN + 1];
    int64_t account = 0;
    fixture_open(&f);
    err_init(&e);
    assert_int_equal(store_feed_token_create(f.s, f.member.id, old, &e), ERR_OK);
    assert_int_equal(store_feed_token_create(f.s, f.member.id, tok, &e), ERR_OK);
    const struct {
        const char *name;
        const char *token;
        int want;
    } cases[] = {
        {"current", tok, ERR_OK},
        {"revoked", old, ERR_UNAUTHORIZED},
        {"short", "abc", ERR_UNAUTHORIZED},
        {"empty", "", ERR_UNAUTHORIZED},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = store_feed_token_account(f.s, cases[i].token, &account, &e);
        if (rc != cases[i].want || (rc == ERR_OK && account != f.member.id))
            fail_msg("case %s: rc %d account %lld", cases[i].name, rc, (long long)account);
    }
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_access),
        cmocka_unit_test(test_waiting_list),
        cmocka_unit_test(test_ics_feeds),
        cmocka_unit_test(test_update),
        cmocka_unit_test(test_feed_tokens),
        cmocka_unit_test(test_registration_scope),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
