/* SPDX-License-Identifier: MIT */
/*
 * network_clock_test.c - the services that compare with the present use
 * the clock they are given, never the real one: with the tests' fixed
 * clock (FIXTURE_NOW, 2030-01-01T00:00:00Z), slots, deadlines and events
 * just before it are past and those just after it are open, whatever the
 * real date is.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "network_fixture.h"

#define DAY_S ((int64_t)86400)

/* One action at a clock time relative to FIXTURE_NOW. */
struct clock_case {
    const char *name;
    int64_t now_delta_s;
    int want;
};

static void check(const char *name, int rc, int want, const struct err *e)
{
    if (rc != want)
        fail_msg("case %s: rc %d want %d (%s)", name, rc, want, e->msg);
}

static void test_event_and_training(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t event_id, training_id;
    enum store_reg_status st;
    bool is_confirmed;
    fixture_open(&f);
    err_init(&e);
    /* both end at 2029-12-31T23:59Z, one minute before the fixed clock */
    struct network_event_input ev = {.kind = "workshop",
                                     .title = "Atelier de détection",
                                     .location = "Cluses",
                                     .starts_at = "2029-12-31T22:00Z",
                                     .ends_at = "2029-12-31T23:59Z"};
    struct network_training_input tr = {.title = "Gestion des biodéchets",
                                        .location = "Annecy",
                                        .starts_at = "2029-12-31T22:00Z",
                                        .ends_at = "2029-12-31T23:59Z",
                                        .min_participants = 1,
                                        .max_participants = 10};
    assert_int_equal(network_event_create(f.s, &f.admin, &ev, &event_id, &e), ERR_OK);
    assert_int_equal(network_training_create(f.s, &f.admin, &tr, &training_id, &e), ERR_OK);
    static const struct clock_case cases[] = {
        {"over at the fixed clock", 0, ERR_CONFLICT},
        {"over at its end", -60, ERR_CONFLICT},
        {"open two minutes before the end", -120, ERR_OK},
    };
    const struct store_account *whos[3] = {&f.member, &f.member2, &f.facil};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int64_t now_s = FIXTURE_NOW + cases[i].now_delta_s;
        check(cases[i].name, network_event_register(f.s, whos[i], now_s, event_id, &st, &e),
              cases[i].want, &e);
        check(cases[i].name,
              network_training_register(f.s, whos[i], now_s, training_id, &st, &is_confirmed, &e),
              cases[i].want, &e);
    }
    /* the confirmation is dated by the given clock */
    struct store_training t;
    assert_int_equal(store_training_get(f.s, training_id, &t, &e), ERR_OK);
    assert_int_equal(t.confirmed_at, FIXTURE_NOW - 120);
    store_training_release(&t);
    fixture_close(&f);
}

static void test_booking(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t room, id;
    fixture_open(&f);
    err_init(&e);
    struct network_room_input r = {
        .org_id = f.org[0], .name = "Salle du conseil", .capacity = 20, .address = "Cluses"};
    assert_int_equal(network_room_create(f.s, &f.member, &r, &room, &e), ERR_OK);
    /* a slot may start up to five minutes before the clock */
    static const struct {
        const char *name;
        const char *start, *end;
        int want;
    } cases[] = {
        {"six minutes ago", "2029-12-31T23:54Z", "2029-12-31T23:58Z", ERR_INPUT},
        {"five minutes ago", "2029-12-31T23:55Z", "2029-12-31T23:58Z", ERR_OK},
        {"in an hour", "2030-01-01T01:00Z", "2030-01-01T02:00Z", ERR_OK},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_booking_input in = {
            .room_id = room, .starts_at = cases[i].start, .ends_at = cases[i].end};
        check(cases[i].name, network_booking_create(f.s, &f.member2, FIXTURE_NOW, &in, &id, &e),
              cases[i].want, &e);
    }
    fixture_close(&f);
}

static void test_purchase(void **state)
{
    (void)state;
    struct fixture f;
    struct err e;
    int64_t id;
    fixture_open(&f);
    err_init(&e);
    /* a deadline day ends at midnight in Paris: 2029-12-31 ended at
     * 2029-12-31T23:00Z, one hour before the fixed clock */
    static const struct {
        const char *name;
        const char *deadline;
        int want;
    } create[] = {
        {"yesterday", "2029-12-31", ERR_INPUT},
        {"today", "2030-01-01", ERR_OK},
    };
    for (size_t i = 0; i < sizeof(create) / sizeof(create[0]); i++) {
        struct network_purchase_input in = {.title = "Papier",
                                            .category = "bureau",
                                            .unit = "ramette",
                                            .deadline = create[i].deadline};
        check(create[i].name, network_purchase_create(f.s, &f.member, FIXTURE_NOW, &in, &id, &e),
              create[i].want, &e);
    }
    /* quantities of the purchase closing today: open until 2030-01-01T23:00Z */
    static const struct clock_case quantities[] = {
        {"at the fixed clock", 0, ERR_OK},
        {"one second before the end", 23 * 3600 - 1, ERR_OK},
        {"at the end", 23 * 3600, ERR_CONFLICT},
        {"the next day", DAY_S, ERR_CONFLICT},
    };
    for (size_t i = 0; i < sizeof(quantities) / sizeof(quantities[0]); i++)
        check(quantities[i].name,
              network_purchase_set_quantity(f.s, &f.member, FIXTURE_NOW + quantities[i].now_delta_s,
                                            id, 0, 10, "", &e),
              quantities[i].want, &e);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_and_training),
        cmocka_unit_test(test_booking),
        cmocka_unit_test(test_purchase),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
