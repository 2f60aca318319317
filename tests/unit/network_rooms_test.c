/* SPDX-License-Identifier: MIT */
/*
 * network_rooms_test.c - shared rooms: who may list a room, which slots
 * overlap, and simultaneous bookings of one slot from several threads,
 * each with its own connection to the same database file: exactly one
 * must succeed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>

#include "network_fixture.h"

static int64_t make_room(struct fixture *f)
{
    struct network_room_input in = {.org_id = f->org[0],
                                    .name = "Salle du conseil",
                                    .capacity = 20,
                                    .equipment = "vidéoprojecteur, visio",
                                    .address = "1 rue de l'Industrie, Cluses"};
    int64_t id = 0;
    struct err e;
    err_init(&e);
    if (network_room_create(f->s, &f->member, &in, &id, &e))
        fail_msg("room: %s", e.msg);
    return id;
}

static void test_room_create(void **state)
{
    (void)state;
    struct fixture f;
    fixture_open(&f);
    static const struct {
        const char *name;
        int who; /* 0 member of org0, 1 member2, 2 facilitator of terr0, 3 observer */
        int org;
        int64_t capacity;
        const char *room_name;
        int want;
        const char *msg;
    } cases[] = {
        {"member own org", 0, 0, 10, "Salle A", ERR_OK, NULL},
        {"facilitator of territory", 2, 1, 10, "Salle B", ERR_OK, NULL},
        {"other member", 1, 0, 10, "Salle C", ERR_FORBIDDEN, "proposer une salle"},
        {"facilitator other territory", 2, 2, 10, "Salle D", ERR_FORBIDDEN, NULL},
        {"observer", 3, 0, 10, "Salle E", ERR_FORBIDDEN, NULL},
        {"zero capacity", 0, 0, 0, "Salle F", ERR_INPUT, "capacity : doit être un entier"},
        {"no name", 0, 0, 10, "", ERR_INPUT, "name : obligatoire"},
    };
    const struct store_account *whos[4] = {&f.member, &f.member2, &f.facil, &f.observer};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_room_input in = {.org_id = f.org[cases[i].org],
                                        .name = cases[i].room_name,
                                        .capacity = cases[i].capacity,
                                        .address = "Cluses"};
        struct err e;
        int64_t id;
        err_init(&e);
        int rc = network_room_create(f.s, whos[cases[i].who], &in, &id, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc && cases[i].msg && !strstr(e.msg, cases[i].msg))
            fail_msg("case %s: message '%s'", cases[i].name, e.msg);
    }
    fixture_close(&f);
}

static void test_overlaps(void **state)
{
    (void)state;
    struct fixture f;
    fixture_open(&f);
    int64_t room = make_room(&f);
    struct network_booking_input first = {.room_id = room,
                                          .starts_at = "2030-06-10T10:00",
                                          .ends_at = "2030-06-10T12:00",
                                          .purpose = "Comité de pilotage"};
    int64_t id;
    struct err e;
    err_init(&e);
    assert_int_equal(network_booking_create(f.s, &f.member2, FIXTURE_NOW, &first, &id, &e), ERR_OK);
    static const struct {
        const char *name;
        const char *start, *end;
        int want;
    } cases[] = {
        {"same slot", "2030-06-10T10:00", "2030-06-10T12:00", ERR_CONFLICT},
        {"inside", "2030-06-10T10:30", "2030-06-10T11:00", ERR_CONFLICT},
        {"around", "2030-06-10T09:00", "2030-06-10T13:00", ERR_CONFLICT},
        {"overlaps start", "2030-06-10T09:00", "2030-06-10T10:01", ERR_CONFLICT},
        {"overlaps end", "2030-06-10T11:59", "2030-06-10T13:00", ERR_CONFLICT},
        {"ends at start", "2030-06-10T08:00", "2030-06-10T10:00", ERR_OK},
        {"starts at end", "2030-06-10T12:00", "2030-06-10T13:00", ERR_OK},
        {"same slot in UTC", "2030-06-10T08:30Z", "2030-06-10T09:00Z", ERR_CONFLICT},
        {"next day", "2030-06-11T10:00", "2030-06-11T12:00", ERR_OK},
        {"past", "2020-06-10T10:00", "2020-06-10T12:00", ERR_INPUT},
        {"empty slot", "2030-06-12T10:00", "2030-06-12T10:00", ERR_INPUT},
        {"dst gap", "2030-03-31T02:15", "2030-03-31T04:00", ERR_INPUT},
        {"unknown room", NULL, NULL, ERR_NOT_FOUND},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct network_booking_input in = {
            .room_id = cases[i].start ? room : room + 100,
            .starts_at = cases[i].start ? cases[i].start : "2030-07-01T10:00",
            .ends_at = cases[i].end ? cases[i].end : "2030-07-01T11:00"};
        err_init(&e);
        int rc = network_booking_create(f.s, &f.member2, FIXTURE_NOW, &in, &id, &e);
        if (rc != cases[i].want)
            fail_msg("case %s: rc %d want %d (%s)", cases[i].name, rc, cases[i].want, e.msg);
        if (rc == ERR_CONFLICT && !strstr(e.msg, "déjà réservée du 10/06/2030 10:00 au "
                                                 "10/06/2030 12:00"))
            fail_msg("case %s: message '%s'", cases[i].name, e.msg);
    }
    /* the observer may not book; a cancelled slot is free again */
    assert_int_equal(network_booking_create(f.s, &f.observer, FIXTURE_NOW, &first, &id, &e),
                     ERR_FORBIDDEN);
    struct store_booking *list = NULL;
    size_t n = 0;
    assert_int_equal(store_booking_list(f.s, room, 0, 0, &list, &n, &e), ERR_OK);
    assert_int_equal(n, 4);
    int64_t first_id = list[0].id == 0 ? 0 : list[1].id;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i].purpose, "Comité de pilotage"))
            first_id = list[i].id;
    store_bookings_free(list, n);
    assert_int_equal(network_booking_cancel(f.s, &f.observer, first_id, &e), ERR_FORBIDDEN);
    assert_int_equal(network_booking_cancel(f.s, &f.member, first_id, &e), ERR_OK);
    assert_int_equal(network_booking_cancel(f.s, &f.member, first_id, &e), ERR_CONFLICT);
    assert_int_equal(network_booking_create(f.s, &f.admin, FIXTURE_NOW, &first, &id, &e), ERR_OK);
    fixture_close(&f);
}

/* ------------------------------------------------------------ concurrency */

#define N_THREADS 8

struct racer {
    const char *path;
    const struct store_account *who;
    pthread_barrier_t *start;
    int64_t room;
    int rc;
    char msg[ERR_MSG_MAX];
};

static void *race(void *arg)
{
    struct racer *r = arg;
    struct store *s = NULL;
    struct err e;
    err_init(&e);
    r->rc = store_open(&s, r->path, STORE_OPEN_DEFAULT, &e);
    pthread_barrier_wait(r->start);
    if (r->rc == ERR_OK) {
        struct network_booking_input in = {.room_id = r->room,
                                           .starts_at = "2030-09-15T14:00",
                                           .ends_at = "2030-09-15T16:00",
                                           .purpose = "course"};
        int64_t id;
        r->rc = network_booking_create(s, r->who, FIXTURE_NOW, &in, &id, &e);
    }
    snprintf(r->msg, sizeof(r->msg), "%s", e.msg);
    store_close(s);
    return NULL;
}

static void test_concurrent_bookings(void **state)
{
    (void)state;
    struct fixture f;
    fixture_open(&f);
    for (int round = 0; round < 3; round++) {
        int64_t room = make_room(&f);
        pthread_t th[N_THREADS];
        struct racer r[N_THREADS];
        pthread_barrier_t start;
        pthread_barrier_init(&start, NULL, N_THREADS);
        for (int i = 0; i < N_THREADS; i++) {
            r[i] = (struct racer){.path = f.path,
                                  .who = i % 2 ? &f.member2 : &f.facil,
                                  .start = &start,
                                  .room = room};
            assert_int_equal(pthread_create(&th[i], NULL, race, &r[i]), 0);
        }
        int n_ok = 0, n_conflict = 0;
        for (int i = 0; i < N_THREADS; i++) {
            pthread_join(th[i], NULL);
            n_ok += r[i].rc == ERR_OK;
            n_conflict += r[i].rc == ERR_CONFLICT;
            if (r[i].rc != ERR_OK && r[i].rc != ERR_CONFLICT)
                fail_msg("round %d thread %d: rc %d (%s)", round, i, r[i].rc, r[i].msg);
        }
        pthread_barrier_destroy(&start);
        assert_int_equal(n_ok, 1);
        assert_int_equal(n_conflict, N_THREADS - 1);
        struct store_booking *list = NULL;
        size_t n = 0;
        assert_int_equal(store_booking_list(f.s, room, 0, 0, &list, &n, NULL), ERR_OK);
        assert_int_equal(n, 1);
        store_bookings_free(list, n);
    }
    fixture_close(&f);
}

/* The trigger alone refuses an overlap, even for a writer that skips the check. */
static void test_trigger_guard(void **state)
{
    (void)state;
    struct fixture f;
    sqlite3 *db = NULL;
    fixture_open(&f);
    int64_t room = make_room(&f);
    static const struct {
        const char *name;
        int64_t start, end;
        int want; /* SQLite result */
    } cases[] = {
        {"first", 2000000000, 2000003600, SQLITE_OK},
        {"overlap", 2000001800, 2000005400, SQLITE_CONSTRAINT},
        {"adjacent", 2000003600, 2000007200, SQLITE_OK},
        {"empty", 2000010000, 2000010000, SQLITE_CONSTRAINT},
    };
    assert_int_equal(sqlite3_open(f.path, &db), SQLITE_OK);
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "INSERT INTO net_bookings (room_id, starts_at, "
                                            "ends_at, created_at) VALUES (?1, ?2, ?3, 0)",
                                            -1, &st, NULL),
                         SQLITE_OK);
        sqlite3_bind_int64(st, 1, room);
        sqlite3_bind_int64(st, 2, cases[i].start);
        sqlite3_bind_int64(st, 3, cases[i].end);
        int rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
        sqlite3_finalize(st);
        if (rc != cases[i].want)
            fail_msg("case %s: sqlite %d want %d", cases[i].name, rc, cases[i].want);
    }
    sqlite3_close(db);
    fixture_close(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_room_create),
        cmocka_unit_test(test_overlaps),
        cmocka_unit_test(test_concurrent_bookings),
        cmocka_unit_test(test_trigger_guard),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
