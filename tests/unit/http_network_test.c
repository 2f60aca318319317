/* SPDX-License-Identifier: MIT */
/*
 * http_network_test.c - the regional network's endpoints in-process and
 * over real HTTP: events with the waiting list and the iCalendar feeds,
 * the forum's territory rule (a facilitator of one territory never reads
 * another's threads or resources), library uploads checked by content and
 * downloads as attachments, rooms with the overlap refusal (N parallel
 * clients, exactly one 201), trainings, group purchases (members see
 * their own line and the total only), the territory registry and the
 * indicators CSV, malformed bodies, HTML kept as typed.
 */
#include "http_client.h"
#include "network/network.h"

#include <dirent.h>
#include <pthread.h>

static int setup(void **state)
{
    *state = fx_new(true);
    return 0;
}

/* Removes the library's files folder the handlers created, then the world. */
static int teardown(void **state)
{
    struct fx *fx = *state;
    char dir[192];
    snprintf(dir, sizeof(dir), "%s.files", fx->db_path);
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d && (de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char p[512];
        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
    fx_free(fx);
    return 0;
}

/* One request: status, and the body kept in *out when asked. */
static int call(struct fx *fx, const char *method, const char *path, int who, const char *body,
                struct http_fake_response *out)
{
    struct http_fake_response r;
    fx_req(fx, &r, method, path, who, body, NULL);
    int st = r.status;
    if (out)
        *out = r;
    else
        http_fake_response_release(&r);
    return st;
}

static void expect(struct fx *fx, const char *method, const char *path, int who, const char *body,
                   int status)
{
    struct http_fake_response r;
    int st = call(fx, method, path, who, body, &r);
    if (st != status)
        fail_msg("%s %s as %d: %d, expected %d: %s", method, path, who, st, status, r.body);
    http_fake_response_release(&r);
}

/* Creates with POST and returns the "id" of the answer. */
static int64_t create(struct fx *fx, const char *path, int who, const char *body)
{
    struct http_fake_response r;
    int st = call(fx, "POST", path, who, body, &r);
    if (st != 201)
        fail_msg("POST %s: %d %s", path, st, r.body);
    json_t *j = json_loads(r.body, 0, NULL);
    int64_t id = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    http_fake_response_release(&r);
    return id;
}

static bool body_has(struct fx *fx, const char *path, int who, const char *needle)
{
    struct http_fake_response r;
    int st = call(fx, "GET", path, who, NULL, &r);
    bool has = st == 200 && strstr(r.body, needle) != NULL;
    http_fake_response_release(&r);
    return has;
}

#define EVENT_BODY                                                                                 \
    "{\"kind\":\"workshop\",\"title\":\"Atelier <b>carton</b>\",\"location\":\"Nantes\","          \
    "\"starts_at\":\"2031-06-10T09:00\",\"ends_at\":\"2031-06-10T12:00\",\"capacity\":1}"

static void test_events(void **state)
{
    struct fx *fx = *state;
    expect(fx, "POST", "/api/v1/events", FX_MEM_A, EVENT_BODY, 403);
    expect(fx, "POST", "/api/v1/events", FX_OBS, EVENT_BODY, 403);
    expect(fx, "POST", "/api/v1/events", FX_ADMIN, "{\"kind\":\"workshop\"}", 400);
    expect(fx, "POST", "/api/v1/events", FX_ADMIN, "{not json", 400);
    /* a well-formed body with a bad time: 422 and the French message as a field */
    struct http_fake_response r;
    assert_int_equal(call(fx, "POST", "/api/v1/events", FX_ADMIN,
                          "{\"kind\":\"workshop\",\"title\":\"T\",\"location\":\"L\","
                          "\"starts_at\":\"2031-13-40T09:00\",\"ends_at\":\"2031-06-10T12:00\"}",
                          &r),
                     422);
    assert_non_null(strstr(r.body, "\"starts_at\""));
    http_fake_response_release(&r);
    int64_t id = create(fx, "/api/v1/events", FX_ADMIN, EVENT_BODY);
    char path[96], regs[96];
    snprintf(path, sizeof(path), "/api/v1/events/%lld/registration", (long long)id);
    snprintf(regs, sizeof(regs), "/api/v1/events/%lld/registrations", (long long)id);
    assert_int_equal(call(fx, "POST", path, FX_MEM_A, NULL, &r), 201);
    assert_non_null(strstr(r.body, "\"registered\""));
    http_fake_response_release(&r);
    assert_int_equal(call(fx, "POST", path, FX_MEM_B, NULL, &r), 201);
    assert_non_null(strstr(r.body, "\"waiting\""));
    http_fake_response_release(&r);
    expect(fx, "POST", path, FX_MEM_A, NULL, 409);
    /* the attendee list (emails) is for the organisers */
    assert_true(body_has(fx, regs, FX_ADMIN, "mema@test.fr"));
    assert_int_not_equal(call(fx, "GET", regs, FX_MEM_B, NULL, NULL), 200);
    assert_int_not_equal(call(fx, "GET", regs, FX_FAC2, NULL, NULL), 200);
    assert_false(body_has(fx, "/api/v1/events", FX_MEM_B, "mema@test.fr"));
    /* the title comes back as typed, never turned into markup */
    assert_true(body_has(fx, "/api/v1/events", FX_MEM_B, "Atelier <b>carton</b>"));
    /* cancelling gives the place to the waiting person */
    expect(fx, "DELETE", path, FX_MEM_A, NULL, 200);
    assert_true(body_has(fx, "/api/v1/events", FX_MEM_B, "\"my_status\":\"registered\""));
    expect(fx, "DELETE", path, FX_MEM_A, NULL, 404);
}

static void test_calendar_feeds(void **state)
{
    struct fx *fx = *state;
    int64_t id = create(fx, "/api/v1/events", FX_ADMIN, EVENT_BODY);
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/events/%lld/registration", (long long)id);
    expect(fx, "POST", path, FX_MEM_C, NULL, 201);
    struct http_fake_response r;
    assert_int_equal(call(fx, "GET", "/api/v1/events.ics", FX_MEM_A, NULL, &r), 200);
    assert_string_equal(http_fake_response_header(&r, "Content-Type"),
                        "text/calendar; charset=utf-8");
    assert_non_null(strstr(r.body, "BEGIN:VCALENDAR\r\n"));
    struct network_ical_calendar cal = {0};
    struct err e;
    assert_int_equal(network_ical_parse(r.body, r.body_len, &cal, &e), ERR_OK);
    assert_int_equal(cal.n_events, 1);
    network_ical_calendar_release(&cal);
    http_fake_response_release(&r);
    expect(fx, "GET", "/api/v1/events.ics", -1, NULL, 401);
    expect(fx, "GET", "/api/v1/events.ics?token=00", -1, NULL, 401);
    /* a personal feed through the token, without a session */
    assert_int_equal(call(fx, "POST", "/api/v1/calendar/token", FX_MEM_C, NULL, &r), 201);
    json_t *j = json_loads(r.body, 0, NULL);
    char url[256];
    snprintf(url, sizeof(url), "%s", json_string_value(json_object_get(j, "url")));
    json_decref(j);
    http_fake_response_release(&r);
    assert_int_equal(call(fx, "GET", url, -1, NULL, &r), 200);
    assert_non_null(strstr(r.body, "SUMMARY:Atelier <b>carton</b>"));
    http_fake_response_release(&r);
    /* another account's personal feed is empty of it */
    assert_int_equal(call(fx, "POST", "/api/v1/calendar/token", FX_MEM_A, NULL, &r), 201);
    j = json_loads(r.body, 0, NULL);
    snprintf(url, sizeof(url), "%s", json_string_value(json_object_get(j, "url")));
    json_decref(j);
    http_fake_response_release(&r);
    assert_int_equal(call(fx, "GET", url, -1, NULL, &r), 200);
    assert_null(strstr(r.body, "BEGIN:VEVENT"));
    http_fake_response_release(&r);
}

/* Who reads a record of territory 1 (a thread, a workshop): the region,
 * territory 1's facilitator and members; the others are told it does
 * not exist. */
static const struct {
    int who;
    int status;
} terr1_reads[] = {
    {FX_ADMIN, 200}, {FX_FAC1, 200},  {FX_MEM_A, 200}, {FX_MEM_B, 200}, {FX_OBS, 200},
    {FX_FAC2, 404},  {FX_MEM_C, 404}, {FX_COLL, 404},  {-1, 401},
};
#define N_TERR1_READS (sizeof(terr1_reads) / sizeof(terr1_reads[0]))

/* The personal feed URL of who (a new token). */
static void feed_url(struct fx *fx, int who, char *url, size_t size)
{
    struct http_fake_response r;
    assert_int_equal(call(fx, "POST", "/api/v1/calendar/token", who, NULL, &r), 201);
    json_t *j = json_loads(r.body, 0, NULL);
    snprintf(url, size, "%s", json_string_value(json_object_get(j, "url")));
    json_decref(j);
    http_fake_response_release(&r);
}

/* A territory's workshop is seen by the region, its facilitators and its
 * members only (the forum's rule); network-wide events by everyone. */
static void test_event_visibility(void **state)
{
    struct fx *fx = *state;
    char body[512], path[96], reg[96], url[256];
    snprintf(body, sizeof(body),
             "{\"kind\":\"workshop\",\"title\":\"Atelier secret-estuaire\",\"location\":\"Nantes\","
             "\"starts_at\":\"2031-06-10T09:00\",\"ends_at\":\"2031-06-10T12:00\","
             "\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    int64_t id = create(fx, "/api/v1/events", FX_FAC1, body);
    int64_t meeting = create(fx, "/api/v1/events", FX_ADMIN,
                             "{\"kind\":\"network_meeting\",\"title\":\"Rencontre régionale\","
                             "\"location\":\"Angers\",\"starts_at\":\"2031-07-01T09:00\","
                             "\"ends_at\":\"2031-07-01T17:00\"}");
    snprintf(path, sizeof(path), "/api/v1/events/%lld", (long long)id);
    snprintf(reg, sizeof(reg), "/api/v1/events/%lld/registration", (long long)id);
    for (size_t i = 0; i < N_TERR1_READS; i++) {
        int who = terr1_reads[i].who;
        bool is_seen = terr1_reads[i].status == 200;
        expect(fx, "GET", path, who, NULL, terr1_reads[i].status);
        if (who < 0)
            continue;
        if (body_has(fx, "/api/v1/events", who, "secret-estuaire") != is_seen)
            fail_msg("events list as %d: expected seen=%d", who, is_seen);
        if (body_has(fx, "/api/v1/events.ics", who, "secret-estuaire") != is_seen)
            fail_msg("events.ics as %d: expected seen=%d", who, is_seen);
        /* the network meeting is everyone's */
        assert_true(body_has(fx, "/api/v1/events", who, "Rencontre régionale"));
    }
    expect(fx, "POST", reg, FX_MEM_C, NULL, 404);
    expect(fx, "POST", reg, FX_FAC2, NULL, 404);
    expect(fx, "POST", reg, FX_MEM_B, NULL, 201);
    snprintf(path, sizeof(path), "/api/v1/events/%lld/registration", (long long)meeting);
    expect(fx, "POST", path, FX_MEM_C, NULL, 201);
    /* a registration left from before (or a moved event) stays out of C's feed */
    struct store *s = NULL;
    struct err e;
    int64_t mem_c = 0;
    enum store_reg_status st;
    fx_check(store_open(&s, fx->db_path, STORE_OPEN_DEFAULT, &e), &e);
    fx_check(store_account_find_email(s, fx_emails[FX_MEM_C], &mem_c, &e), &e);
    fx_check(store_reg_add(s, STORE_REG_EVENT, id, 0, mem_c, &st, &e), &e);
    store_close(s);
    feed_url(fx, FX_MEM_C, url, sizeof(url));
    assert_false(body_has(fx, url, -1, "secret-estuaire"));
    assert_true(body_has(fx, url, -1, "Rencontre régionale"));
    feed_url(fx, FX_MEM_B, url, sizeof(url));
    assert_true(body_has(fx, url, -1, "secret-estuaire"));
}

/* PATCH /api/v1/events/{id}: the organisers change what they send, the
 * rest stays; validation as on creation; outsiders do not learn it exists. */
static void test_event_update(void **state)
{
    struct fx *fx = *state;
    char body[512], path[96], upd[192];
    snprintf(body, sizeof(body),
             "{\"kind\":\"workshop\",\"title\":\"Atelier palettes\",\"location\":\"Nantes\","
             "\"starts_at\":\"2031-06-10T09:00\",\"ends_at\":\"2031-06-10T12:00\","
             "\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    int64_t id = create(fx, "/api/v1/events", FX_FAC1, body);
    snprintf(path, sizeof(path), "/api/v1/events/%lld", (long long)id);
    static const struct {
        int who;
        const char *body;
        int status;
        const char *field; /* in the error body, or NULL */
    } cases[] = {
        {-1, "{\"title\":\"x\"}", 401, NULL},
        {FX_FAC2, "{\"title\":\"x\"}", 404, NULL},
        {FX_MEM_C, "{\"title\":\"x\"}", 404, NULL},
        {FX_COLL, "{\"title\":\"x\"}", 404, NULL},
        {FX_MEM_A, "{\"title\":\"x\"}", 403, NULL},
        {FX_OBS, "{\"title\":\"x\"}", 403, NULL},
        {FX_FAC1, "{\"bogus\":1}", 400, "bogus"},
        {FX_FAC1, "{\"capacity\":-1}", 400, "capacity"},
        {FX_FAC1, "{not json", 400, NULL},
        {FX_FAC1, "{\"title\":\"   \"}", 422, "title"},
        {FX_FAC1, "{\"ends_at\":\"2031-06-10T08:00\"}", 422, "ends_at"},
        {FX_FAC1, "{\"kind\":\"webinar\"}", 422, "video_url"},
        {FX_FAC1, "{\"starts_at\":\"2031-03-30T02:30\"}", 422, "starts_at"},
        {FX_FAC1, "{\"title\":\"Atelier palettes et cartons\",\"capacity\":5}", 200, NULL},
        {FX_ADMIN, "{\"description\":\"Apportez vos chiffres.\"}", 200, NULL},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct http_fake_response r;
        int st = call(fx, "PATCH", path, cases[i].who, cases[i].body, &r);
        if (st != cases[i].status)
            fail_msg("case %zu: %d, expected %d: %s", i, st, cases[i].status, r.body);
        if (cases[i].field) {
            char quoted[64];
            snprintf(quoted, sizeof(quoted), "\"%s\"", cases[i].field);
            if (!strstr(r.body, quoted))
                fail_msg("case %zu: no %s in %s", i, quoted, r.body);
        }
        http_fake_response_release(&r);
    }
    /* moving it to a territory one does not run is refused */
    snprintf(upd, sizeof(upd), "{\"territory_id\":%lld}", (long long)fx->terr[2]);
    expect(fx, "PATCH", path, FX_FAC1, upd, 403);
    expect(fx, "PATCH", "/api/v1/events/999999", FX_ADMIN, "{\"title\":\"x\"}", 404);
    /* what was not sent is kept; the calendar copy is a new revision */
    struct http_fake_response r;
    assert_int_equal(call(fx, "GET", path, FX_MEM_A, NULL, &r), 200);
    json_t *j = json_loads(r.body, 0, NULL);
    assert_string_equal(json_string_value(json_object_get(j, "title")),
                        "Atelier palettes et cartons");
    assert_string_equal(json_string_value(json_object_get(j, "location")), "Nantes");
    assert_string_equal(json_string_value(json_object_get(j, "description")),
                        "Apportez vos chiffres.");
    assert_string_equal(json_string_value(json_object_get(j, "starts_at")),
                        "2031-06-10T09:00:00+02:00");
    assert_int_equal(json_integer_value(json_object_get(j, "capacity")), 5);
    assert_int_equal(json_integer_value(json_object_get(j, "territory_id")), fx->terr[1]);
    json_decref(j);
    http_fake_response_release(&r);
    assert_true(body_has(fx, "/api/v1/events.ics", FX_MEM_A, "SEQUENCE:2"));
    assert_true(
        body_has(fx, "/api/v1/audit", FX_ADMIN, "\"action\":\"update\",\"entity\":\"event\""));
    assert_true(body_has(fx, "/api/v1/openapi.json", -1, "EventUpdate"));
}

static void test_forum_scope(void **state)
{
    struct fx *fx = *state;
    char body[512];
    snprintf(body, sizeof(body),
             "{\"title\":\"Palettes Estuaire\",\"body\":\"<script>alert(1)</script> qui "
             "reprend des palettes ? @memb@test.fr\",\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    /* facilitator 2 may not open a thread in territory 1 */
    expect(fx, "POST", "/api/v1/threads", FX_FAC2, body, 403);
    expect(fx, "POST", "/api/v1/threads", FX_OBS, body, 403);
    expect(fx, "POST", "/api/v1/threads", FX_FAC1, "{\"title\":\"x\"}", 400);
    int64_t id = create(fx, "/api/v1/threads", FX_FAC1, body);
    char path[96], posts[96];
    snprintf(path, sizeof(path), "/api/v1/threads/%lld", (long long)id);
    snprintf(posts, sizeof(posts), "/api/v1/threads/%lld/posts", (long long)id);
    for (size_t i = 0; i < N_TERR1_READS; i++)
        expect(fx, "GET", path, terr1_reads[i].who, NULL, terr1_reads[i].status);
    assert_true(body_has(fx, path, FX_MEM_A, "<script>alert(1)</script>"));
    assert_false(body_has(fx, "/api/v1/threads", FX_FAC2, "Palettes"));
    assert_false(body_has(fx, "/api/v1/threads", FX_MEM_C, "Palettes"));
    assert_true(body_has(fx, "/api/v1/threads", FX_MEM_B, "Palettes"));
    assert_false(body_has(fx, "/api/v1/search?q=palettes", FX_FAC2, "Palettes"));
    assert_true(body_has(fx, "/api/v1/search?q=palettes", FX_MEM_B, "Palettes"));
    expect(fx, "GET", "/api/v1/search", FX_MEM_B, NULL, 400);
    /* replies: hidden threads do not exist for outsiders */
    expect(fx, "POST", posts, FX_FAC2, "{\"body\":\"je m'invite\"}", 404);
    expect(fx, "POST", posts, FX_MEM_B, "{\"body\":\"moi ! @mema@test.fr\"}", 201);
    expect(fx, "POST", posts, FX_MEM_B, "{\"body\":\"\"}", 400);
    expect(fx, "POST", posts, FX_MEM_B, "{\"body\":\"   \"}", 422);
    /* the mention notified B; the reply notified the author and A */
    assert_true(body_has(fx, "/api/v1/notifications", FX_MEM_B, "\"kind\":\"mention\""));
    assert_true(body_has(fx, "/api/v1/notifications", FX_MEM_A, "\"kind\":\"mention\""));
    assert_false(body_has(fx, "/api/v1/notifications", FX_MEM_C, "Palettes"));
    expect(fx, "POST", "/api/v1/notifications/read", FX_MEM_B, "{}", 200);
    assert_true(body_has(fx, "/api/v1/notifications", FX_MEM_B, "\"unread\":0"));
}

static int upload(struct fx *fx, int who, const char *query, const char *data,
                  struct http_fake_response *out)
{
    char path[512];
    snprintf(path, sizeof(path), "/api/v1/resources?%s", query);
    fx_req(fx, out, "POST", path, who, data, "Content-Type", "application/octet-stream", NULL);
    return out->status;
}

static void test_library(void **state)
{
    struct fx *fx = *state;
    struct http_fake_response r;
    char q[256];
    snprintf(q, sizeof(q),
             "title=Fiche%%20palettes&kind=method_sheet&visibility=territory&territory_id=%lld&"
             "filename=fiche%%22%%20%%C3%%A9.txt",
             (long long)fx->terr[1]);
    assert_int_equal(upload(fx, FX_FAC2, q, "texte de la fiche\n", &r), 403);
    http_fake_response_release(&r);
    assert_int_equal(upload(fx, FX_FAC1, q, "texte de la fiche\n", &r), 201);
    json_t *j = json_loads(r.body, 0, NULL);
    char dl[96];
    snprintf(dl, sizeof(dl), "%s", json_string_value(json_object_get(j, "download")));
    json_decref(j);
    http_fake_response_release(&r);
    /* HTML is refused whatever its name */
    assert_int_equal(
        upload(fx, FX_FAC1, "title=x&filename=a.txt", "<html><script>alert(1)</script></html>", &r),
        422);
    http_fake_response_release(&r);
    assert_int_equal(upload(fx, FX_FAC1, "title=x", "", &r), 422);
    http_fake_response_release(&r);
    /* readers: territory 1 and the region; not territory 2 */
    assert_int_equal(call(fx, "GET", dl, FX_MEM_A, NULL, &r), 200);
    assert_string_equal(r.body, "texte de la fiche\n");
    const char *cd = http_fake_response_header(&r, "Content-Disposition");
    assert_non_null(cd);
    assert_non_null(strstr(
        cd, "attachment; filename=\"fiche____.txt\"; filename*=UTF-8''fiche%22%20%C3%A9.txt"));
    assert_string_equal(http_fake_response_header(&r, "X-Content-Type-Options"), "nosniff");
    http_fake_response_release(&r);
    expect(fx, "GET", dl, FX_FAC2, NULL, 404);
    expect(fx, "GET", dl, FX_MEM_C, NULL, 404);
    expect(fx, "GET", dl, -1, NULL, 401);
    assert_false(body_has(fx, "/api/v1/resources", FX_FAC2, "palettes"));
    assert_true(body_has(fx, "/api/v1/resources", FX_MEM_B, "Fiche palettes"));
    assert_false(body_has(fx, "/api/v1/search?q=fiche", FX_FAC2, "Fiche"));
    /* the stored name is random: never the user's name in any answer */
    assert_false(body_has(fx, "/api/v1/resources", FX_ADMIN, "storage"));
    expect(fx, "DELETE", "/api/v1/resources/999", FX_ADMIN, NULL, 404);
}

static const char *slot(char *buf, size_t n, int64_t room, int h0, int h1)
{
    snprintf(buf, n,
             "{\"room_id\":%lld,\"starts_at\":\"2031-03-04T%02d:00\",\"ends_at\":\"2031-03-04T%02d:"
             "00\",\"purpose\":\"Comité <i>privé</i>\"}",
             (long long)room, h0, h1);
    return buf;
}

static int64_t room_of_a(struct fx *fx)
{
    return create(fx, "/api/v1/rooms", FX_MEM_A,
                  "{\"name\":\"Salle du four\",\"capacity\":12,\"equipment\":\"visio\","
                  "\"address\":\"2 quai de la Fosse, Nantes\"}");
}

static void test_rooms(void **state)
{
    struct fx *fx = *state;
    expect(fx, "POST", "/api/v1/rooms", FX_MEM_A, "{\"name\":\"x\",\"capacity\":0}", 400);
    char body[128];
    snprintf(body, sizeof(body),
             "{\"name\":\"x\",\"capacity\":3,\"address\":\"1 rue\",\"organisation_id\":%lld}",
             (long long)fx->org_c);
    expect(fx, "POST", "/api/v1/rooms", FX_MEM_A, body, 403);
    /* the services' org_id is the API's organisation_id in field errors */
    struct http_fake_response r;
    assert_int_equal(call(fx, "POST", "/api/v1/rooms", FX_ADMIN,
                          "{\"name\":\"x\",\"capacity\":3,\"address\":\"1 rue\","
                          "\"organisation_id\":9999}",
                          &r),
                     422);
    assert_non_null(strstr(r.body, "\"fields\":{\"organisation_id\""));
    http_fake_response_release(&r);
    int64_t room = room_of_a(fx);
    char b[256];
    expect(fx, "POST", "/api/v1/bookings", FX_OBS, slot(b, sizeof(b), room, 9, 11), 403);
    expect(fx, "POST", "/api/v1/bookings", FX_MEM_C, slot(b, sizeof(b), room, 9, 11), 201);
    assert_int_equal(
        call(fx, "POST", "/api/v1/bookings", FX_MEM_B, slot(b, sizeof(b), room, 10, 12), &r), 409);
    /* the clash message is French and names the taken slot */
    assert_non_null(strstr(r.body, "04/03/2031"));
    http_fake_response_release(&r);
    expect(fx, "POST", "/api/v1/bookings", FX_MEM_B, slot(b, sizeof(b), room, 11, 12), 201);
    expect(fx, "POST", "/api/v1/bookings", FX_MEM_B, slot(b, sizeof(b), room, 12, 11), 422);
    expect(fx, "POST", "/api/v1/bookings", FX_MEM_B, slot(b, sizeof(b), 9999, 13, 14), 404);
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/rooms/%lld/bookings", (long long)room);
    /* the purpose of C's booking stays C's */
    assert_false(body_has(fx, path, FX_MEM_B, "\"purpose\":\"Comité <i>privé</i>\",\"starts"));
    assert_true(body_has(fx, path, FX_MEM_C, "Comité <i>privé</i>"));
    assert_true(body_has(fx, "/api/v1/rooms", FX_MEM_C, "Salle du four"));
}

struct booker {
    int port;
    char headers[512];
    char body[256];
    int status;
};

static void *book_run(void *arg)
{
    struct booker *b = arg;
    struct reply r;
    b->status =
        exchange(b->port, "POST", "/api/v1/bookings", b->headers, b->body, &r) == 0 ? r.status : -1;
    reply_release(&r);
    return NULL;
}

/* N clients at once over real HTTP for the same slot: exactly one 201. */
static void test_concurrent_booking(void **state)
{
    struct fx *fx = *state;
    int64_t room = room_of_a(fx);
    struct http_config cfg = {0};
    cfg.bind = "127.0.0.1";
    cfg.n_threads = 4;
    struct http_server *srv = NULL;
    struct err e;
    if (http_server_start(&srv, fx->app, &cfg, &e) != ERR_OK)
        fail_msg("server: %s", e.msg);
    enum { N = 8 };
    static const int whos[N] = {FX_MEM_A, FX_MEM_B, FX_MEM_C, FX_FAC1,
                                FX_FAC2,  FX_ADMIN, FX_MEM_A, FX_MEM_B};
    struct booker bk[N];
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        bk[i].port = http_server_port(srv);
        snprintf(bk[i].headers, sizeof(bk[i].headers), "Cookie: %s\r\nX-CSRF-Token: %s\r\n",
                 fx->cookie[whos[i]], fx->csrf[whos[i]]);
        slot(bk[i].body, sizeof(bk[i].body), room, 14, 16);
        pthread_create(&th[i], NULL, book_run, &bk[i]);
    }
    int n_created = 0, n_conflict = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        n_created += bk[i].status == 201;
        n_conflict += bk[i].status == 409;
    }
    http_server_stop(srv);
    assert_int_equal(n_created, 1);
    assert_int_equal(n_conflict, N - 1);
}

enum { RAW_CHUNKED = 1 << 0, RAW_ANNOUNCED_ONLY = 1 << 1 };

/* A raw POST over real HTTP as who: the body of n bytes, starting with
 * head and padded with 'x'; chunked when is_chunked, else with its
 * Content-Length (headers only when is_announced_only). */
static int post_raw(struct fx *fx, int port, int who, const char *path, const char *type,
                    const char *head, size_t n, unsigned mode, struct reply *r)
{
    struct sb q;
    sb_init(&q, 64 << 20);
    sb_addf(&q,
            "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\nCookie: %s\r\n"
            "X-CSRF-Token: %s\r\nContent-Type: %s\r\n",
            path, port, fx->cookie[who], fx->csrf[who], type);
    if (mode & RAW_CHUNKED)
        sb_adds(&q, "Transfer-Encoding: chunked\r\n\r\n");
    else
        sb_addf(&q, "Content-Length: %zu\r\n\r\n", n);
    size_t head_len = strlen(head);
    for (size_t off = 0; !(mode & RAW_ANNOUNCED_ONLY) && off < n;) {
        size_t k = n - off < 65536 ? n - off : 65536;
        if (mode & RAW_CHUNKED)
            sb_addf(&q, "%zx\r\n", k);
        for (size_t i = 0; i < k; i++)
            sb_addc(&q, off + i < head_len ? head[off + i] : 'x');
        if (mode & RAW_CHUNKED)
            sb_adds(&q, "\r\n");
        off += k;
    }
    if (mode & RAW_CHUNKED)
        sb_adds(&q, "0\r\n\r\n");
    assert_false(q.failed);
    int rc = raw_exchange(port, q.buf, q.len, r);
    sb_release(&q);
    return rc == 0 ? r->status : -1;
}

/* Number of resources the admin sees. */
static size_t n_resources(struct fx *fx)
{
    struct http_fake_response r;
    assert_int_equal(call(fx, "GET", "/api/v1/resources", FX_ADMIN, NULL, &r), 200);
    json_t *j = json_loads(r.body, 0, NULL);
    size_t n = json_array_size(json_object_get(j, "items"));
    json_decref(j);
    http_fake_response_release(&r);
    return n;
}

/* The library route takes files up to 20 MiB over real HTTP while every
 * other route keeps the server's 1 MiB limit. */
static void test_upload_limit(void **state)
{
    struct fx *fx = *state;
    fx->app->max_body = HTTP_MAX_BODY_DEFAULT;
    struct http_config cfg = {0};
    cfg.bind = "127.0.0.1";
    cfg.n_threads = 2;
    struct http_server *srv = NULL;
    struct err e;
    if (http_server_start(&srv, fx->app, &cfg, &e) != ERR_OK)
        fail_msg("server: %s", e.msg);
    int port = http_server_port(srv);
#define UP "/api/v1/resources?title=Guide%20complet&filename=guide.pdf"
    static const struct {
        const char *path;
        const char *type;
        const char *head;
        size_t n;
        unsigned mode;
        int status;
    } cases[] = {
        {UP, "application/pdf", "%PDF-1.4\n", (size_t)5 << 20, 0, 201},
        {UP, "application/pdf", "%PDF-1.4\n", (size_t)5 << 20, RAW_CHUNKED, 201},
        {UP, "application/pdf", "%PDF-1.4\n", (size_t)21 << 20, RAW_ANNOUNCED_ONLY, 413},
        {UP, "application/pdf", "%PDF-1.4\n", (size_t)21 << 20, RAW_CHUNKED, 413},
        {"/api/v1/threads", "application/json", "{\"title\":\"gros\",\"body\":\"", (size_t)2 << 20,
         RAW_ANNOUNCED_ONLY, 413},
        {"/api/v1/threads", "application/json", "{\"title\":\"gros\",\"body\":\"", (size_t)2 << 20,
         RAW_CHUNKED, 413},
    };
#undef UP
    size_t n_created = 0;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct reply r;
        int st = post_raw(fx, port, FX_FAC1, cases[i].path, cases[i].type, cases[i].head,
                          cases[i].n, cases[i].mode, &r);
        if (st != cases[i].status)
            fail_msg("case %zu: %d, expected %d: %.300s", i, st, cases[i].status,
                     r.body ? r.body : "");
        if (st == 201) {
            assert_non_null(strstr(r.body, "\"mime\":\"application/pdf\""));
            assert_non_null(strstr(r.body, "\"size_bytes\":5242880"));
            n_created++;
        }
        reply_release(&r);
        /* a refused upload stores nothing */
        assert_int_equal(n_resources(fx), n_created);
    }
    http_server_stop(srv);
}

static void test_trainings(void **state)
{
    struct fx *fx = *state;
    const char *t = "{\"title\":\"Formation EIT\",\"starts_at\":\"2031-05-05T09:00\","
                    "\"ends_at\":\"2031-05-05T17:00\",\"min_participants\":2,"
                    "\"max_participants\":2,\"location\":\"Angers\"}";
    expect(fx, "POST", "/api/v1/trainings", FX_MEM_A, t, 403);
    expect(fx, "POST", "/api/v1/trainings", FX_FAC1,
           "{\"title\":\"x\",\"location\":\"y\",\"starts_at\":\"2031-05-05T09:00\",\"ends_at\":"
           "\"2031-05-05T17:00\","
           "\"min_participants\":5,\"max_participants\":2}",
           422);
    int64_t id = create(fx, "/api/v1/trainings", FX_FAC1, t);
    char path[96];
    snprintf(path, sizeof(path), "/api/v1/trainings/%lld/registration", (long long)id);
    struct http_fake_response r;
    expect(fx, "POST", path, FX_MEM_A, NULL, 201);
    assert_true(body_has(fx, "/api/v1/trainings", FX_MEM_A, "\"status\":\"open\""));
    assert_int_equal(call(fx, "POST", path, FX_MEM_B, NULL, &r), 201);
    assert_non_null(strstr(r.body, "\"confirmed\":true"));
    http_fake_response_release(&r);
    assert_int_equal(call(fx, "POST", path, FX_MEM_C, NULL, &r), 201);
    assert_non_null(strstr(r.body, "\"waiting\""));
    http_fake_response_release(&r);
    assert_true(body_has(fx, "/api/v1/trainings", FX_MEM_A, "\"status\":\"confirmed\""));
    expect(fx, "DELETE", path, FX_MEM_A, NULL, 200);
    assert_true(body_has(fx, "/api/v1/trainings", FX_MEM_C, "\"my_status\":\"registered\""));
}

static void test_purchases(void **state)
{
    struct fx *fx = *state;
    char body[256];
    snprintf(body, sizeof(body),
             "{\"title\":\"Papier "
             "recyclé\",\"category\":\"papier\",\"unit\":\"ramette\",\"deadline\":\"2031-12-31\","
             "\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    expect(fx, "POST", "/api/v1/purchases", FX_ADMIN,
           "{\"title\":\"x\",\"category\":\"c\",\"unit\":\"u\",\"deadline\":\"2001-01-01\"}", 422);
    int64_t id = create(fx, "/api/v1/purchases", FX_FAC1, body);
    char q[96], p[96], csv[96];
    snprintf(q, sizeof(q), "/api/v1/purchases/%lld/quantity", (long long)id);
    snprintf(p, sizeof(p), "/api/v1/purchases/%lld", (long long)id);
    snprintf(csv, sizeof(csv), "/api/v1/purchases/%lld/suppliers.csv", (long long)id);
    expect(fx, "PUT", q, FX_MEM_A, "{\"quantity\":10,\"comment\":\"=1+1\"}", 200);
    expect(fx, "PUT", q, FX_MEM_B, "{\"quantity\":5}", 200);
    expect(fx, "PUT", q, FX_MEM_B, "{\"quantity\":-5}", 400);
    snprintf(body, sizeof(body), "{\"quantity\":5,\"organisation_id\":%lld}", (long long)fx->org_a);
    expect(fx, "PUT", q, FX_MEM_B, body, 403);
    /* B sees its own line and the total, not A's quantity */
    assert_true(body_has(fx, p, FX_MEM_B, "\"total\":15"));
    assert_false(body_has(fx, p, FX_MEM_B, "Cartonnerie Alpha"));
    assert_true(body_has(fx, p, FX_MEM_B, "Boulangerie Beta"));
    assert_true(body_has(fx, p, FX_FAC1, "Cartonnerie Alpha"));
    assert_false(body_has(fx, p, FX_MEM_C, "Boulangerie"));
    expect(fx, "GET", csv, FX_MEM_B, NULL, 403);
    expect(fx, "GET", csv, FX_FAC2, NULL, 403);
    struct http_fake_response r;
    assert_int_equal(call(fx, "GET", csv, FX_FAC1, NULL, &r), 200);
    assert_non_null(strstr(http_fake_response_header(&r, "Content-Type"), "text/csv"));
    assert_non_null(strstr(r.body, "'=1+1"));
    assert_non_null(strstr(r.body, "TOTAL"));
    http_fake_response_release(&r);
}

static void test_registry_and_indicators(void **state)
{
    struct fx *fx = *state;
    char path[128], actors[128], dates[128], check[128], prog[128];
    snprintf(path, sizeof(path), "/api/v1/territories/%lld/registry", (long long)fx->terr[1]);
    snprintf(actors, sizeof(actors), "/api/v1/territories/%lld/actors", (long long)fx->terr[1]);
    snprintf(dates, sizeof(dates), "/api/v1/territories/%lld/key_dates", (long long)fx->terr[1]);
    snprintf(check, sizeof(check), "/api/v1/territories/%lld/checklist", (long long)fx->terr[1]);
    snprintf(prog, sizeof(prog), "/api/v1/territories/%lld/progress", (long long)fx->terr[1]);
    const char *actor = "{\"role\":\"facilitator\",\"name\":\"Marie Animatrice\","
                        "\"email\":\"marie@estuaire.fr\"}";
    expect(fx, "POST", actors, FX_FAC2, actor, 403);
    expect(fx, "POST", actors, FX_MEM_A, actor, 403);
    expect(fx, "POST", actors, FX_FAC1, "{\"role\":\"king\",\"name\":\"x\"}", 400);
    create(fx, actors, FX_FAC1, actor);
    create(fx, dates, FX_FAC1, "{\"date\":\"2031-01-15\",\"label\":\"Atelier de détection\"}");
    expect(fx, "POST", dates, FX_FAC1, "{\"date\":\"2031-02-30\",\"label\":\"x\"}", 422);
    expect(fx, "PUT", check, FX_FAC1, "{\"stage\":\"mobilisation\",\"item\":0,\"done\":true}", 200);
    expect(fx, "PUT", check, FX_FAC2, "{\"stage\":\"mobilisation\",\"item\":0,\"done\":true}", 403);
    expect(fx, "PATCH", prog, FX_FAC1, "{\"stage\":\"detection\",\"jobs_created\":3}", 200);
    assert_true(body_has(fx, path, FX_FAC1, "marie@estuaire.fr"));
    assert_true(body_has(fx, path, FX_OBS, "marie@estuaire.fr"));
    assert_true(body_has(fx, path, FX_FAC1, "\"done\":true"));
    assert_true(body_has(fx, path, FX_FAC1, "\"stage\":\"detection\""));
    assert_true(body_has(fx, path, FX_FAC1, "Cartonnerie Alpha"));
    /* outside the territory: the registry, not the contacts nor the companies' names */
    assert_true(body_has(fx, path, FX_FAC2, "Marie Animatrice"));
    assert_false(body_has(fx, path, FX_FAC2, "marie@estuaire.fr"));
    assert_false(body_has(fx, path, FX_MEM_C, "Cartonnerie Alpha"));
    assert_true(body_has(fx, path, FX_MEM_C, "\"n_companies\":"));
    expect(fx, "GET", "/api/v1/territories/999/registry", FX_ADMIN, NULL, 404);
    /* the indicators CSV */
    struct http_fake_response r;
    assert_int_equal(
        call(fx, "GET", "/api/v1/indicators.csv?sort=-jobs_created", FX_ADMIN, NULL, &r), 200);
    assert_non_null(strstr(r.body, "territory_id,territory,stage"));
    assert_non_null(strstr(http_fake_response_header(&r, "Content-Disposition"), "attachment"));
    /* sorted by jobs descending: Estuaire (3 jobs) first */
    assert_non_null(strstr(r.body, "\n1,Estuaire,detection"));
    http_fake_response_release(&r);
    expect(fx, "GET", "/api/v1/indicators.csv", FX_OBS, NULL, 200);
    expect(fx, "GET", "/api/v1/indicators.csv", FX_MEM_A, NULL, 403);
    expect(fx, "GET", "/api/v1/indicators.csv", FX_FAC1, NULL, 403);
    expect(fx, "GET", "/api/v1/indicators.csv?sort=nope", FX_ADMIN, NULL, 422);
}

/* ------------------------------------------------ confidentiality */

enum { MX_ANON = FX_N, MX_N };

struct mx_case {
    const char *method;
    const char *path;   /* {id} is the subject's id */
    int subject;        /* index in the ids built by mx_world */
    int status[MX_N];   /* per role, then anonymous */
    const char *secret; /* must not appear in any body but a 200 one (NULL: none) */
    unsigned seers;     /* if not 0: the roles (bits) that may see the secret in a 200 */
};

#define BIT(r) (1u << (r))

enum { S_THREAD, S_RESOURCE, S_EVENT, S_PURCHASE, S_ROOM, S_BOOKING, S_TERR1, S_N };

/* A territory-1 world: thread, resource, event and purchase of
 * facilitator 1, room of A booked by B. */
static void mx_world(struct fx *fx, int64_t *ids)
{
    char body[512];
    snprintf(body, sizeof(body),
             "{\"title\":\"Fil secret-fil\",\"body\":\"texte\",\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    ids[S_THREAD] = create(fx, "/api/v1/threads", FX_FAC1, body);
    struct http_fake_response r;
    snprintf(body, sizeof(body),
             "title=secret-doc&visibility=territory&territory_id=%lld&filename=a.txt",
             (long long)fx->terr[1]);
    assert_int_equal(upload(fx, FX_FAC1, body, "contenu secret-doc\n", &r), 201);
    json_t *j = json_loads(r.body, 0, NULL);
    ids[S_RESOURCE] = json_integer_value(json_object_get(j, "id"));
    json_decref(j);
    http_fake_response_release(&r);
    snprintf(body, sizeof(body),
             "{\"kind\":\"workshop\",\"title\":\"Atelier\",\"location\":\"Nantes\","
             "\"starts_at\":\"2031-06-10T09:00\",\"ends_at\":\"2031-06-10T12:00\","
             "\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    ids[S_EVENT] = create(fx, "/api/v1/events", FX_FAC1, body);
    snprintf(body, sizeof(body), "/api/v1/events/%lld/registration", (long long)ids[S_EVENT]);
    expect(fx, "POST", body, FX_MEM_A, NULL, 201);
    snprintf(body, sizeof(body),
             "{\"title\":\"Papier\",\"category\":\"papier\",\"unit\":\"ramette\","
             "\"deadline\":\"2031-12-31\",\"territory_id\":%lld}",
             (long long)fx->terr[1]);
    ids[S_PURCHASE] = create(fx, "/api/v1/purchases", FX_FAC1, body);
    snprintf(body, sizeof(body), "/api/v1/purchases/%lld/quantity", (long long)ids[S_PURCHASE]);
    expect(fx, "PUT", body, FX_MEM_A, "{\"quantity\":7,\"comment\":\"secret-qty\"}", 200);
    ids[S_ROOM] = room_of_a(fx);
    char b[256];
    ids[S_BOOKING] =
        create(fx, "/api/v1/bookings", FX_MEM_B, slot(b, sizeof(b), ids[S_ROOM], 9, 10));
    ids[S_TERR1] = fx->terr[1];
}

/*                                  ADMIN FAC1 FAC2 MEM_A MEM_B MEM_C OBS COLL anon */
static const struct mx_case mx_cases[] = {
    {"GET",
     "/api/v1/threads/{id}",
     S_THREAD,
     {200, 200, 404, 200, 200, 404, 200, 404, 401},
     "secret-fil",
     0},
    {"GET", "/api/v1/threads", S_THREAD, {200, 200, 200, 200, 200, 200, 200, 200, 401}, NULL, 0},
    {"GET",
     "/api/v1/resources/{id}/file",
     S_RESOURCE,
     {200, 200, 404, 200, 200, 404, 200, 404, 401},
     "secret-doc",
     0},
    {"GET",
     "/api/v1/resources",
     S_RESOURCE,
     {200, 200, 200, 200, 200, 200, 200, 200, 401},
     NULL,
     0},
    {"GET",
     "/api/v1/search?q=secret",
     S_RESOURCE,
     {200, 200, 200, 200, 200, 200, 200, 200, 401},
     NULL,
     0},
    {"GET",
     "/api/v1/events/{id}/registrations",
     S_EVENT,
     {200, 200, 404, 403, 403, 404, 403, 404, 401},
     "mema@test.fr",
     0},
    {"POST",
     "/api/v1/events/{id}/cancel",
     S_EVENT,
     {0, 0, 404, 403, 403, 404, 403, 404, 401},
     NULL,
     0},
    /* everyone sees a purchase and its total; A's line only A and its facilitator */
    {"GET",
     "/api/v1/purchases/{id}",
     S_PURCHASE,
     {200, 200, 200, 200, 200, 200, 200, 200, 401},
     "secret-qty",
     BIT(FX_FAC1) | BIT(FX_MEM_A)},
    {"GET",
     "/api/v1/purchases/{id}/suppliers.csv",
     S_PURCHASE,
     {200, 200, 403, 403, 403, 403, 403, 403, 401},
     "secret-qty",
     0},
    {"GET",
     "/api/v1/rooms/{id}/bookings",
     S_ROOM,
     {200, 200, 200, 200, 200, 200, 200, 200, 401},
     NULL,
     0},
    {"DELETE", "/api/v1/bookings/{id}", S_BOOKING, {0, 0, 403, 0, 0, 403, 403, 403, 401}, NULL, 0},
    {"GET",
     "/api/v1/territories/{id}/registry",
     S_TERR1,
     {200, 200, 200, 200, 200, 200, 200, 200, 401},
     NULL,
     0},
    {"GET",
     "/api/v1/indicators.csv",
     S_TERR1,
     {200, 403, 403, 403, 403, 403, 200, 403, 401},
     NULL,
     0},
};

static void test_network_matrix(void **state)
{
    struct fx *fx = *state;
    int64_t ids[S_N];
    mx_world(fx, ids);
    for (size_t c = 0; c < sizeof(mx_cases) / sizeof(mx_cases[0]); c++) {
        const struct mx_case *k = &mx_cases[c];
        char path[160];
        const char *at = strstr(k->path, "{id}");
        if (at)
            snprintf(path, sizeof(path), "%.*s%lld%s", (int)(at - k->path), k->path,
                     (long long)ids[k->subject], at + 4);
        else
            snprintf(path, sizeof(path), "%s", k->path);
        for (int who = 0; who < MX_N; who++) {
            if (k->status[who] == 0)
                continue; /* a write the role may do: not undone here */
            struct http_fake_response r;
            int st = call(fx, k->method, path, who == MX_ANON ? -1 : who, NULL, &r);
            if (st != k->status[who])
                fail_msg("%s %s as %d: %d, expected %d: %s", k->method, path, who, st,
                         k->status[who], r.body);
            /* who may not read a line never sees it in any answer */
            bool may_see = st == 200 && (!k->seers || (k->seers & BIT(who)));
            if (k->secret && !may_see && strstr(r.body, k->secret))
                fail_msg("%s %s as %d leaks %s: %s", k->method, path, who, k->secret, r.body);
            http_fake_response_release(&r);
        }
    }
    /* no list or search shows territory 1's thread or document to territory 2 */
    static const char *const lists[] = {"/api/v1/threads", "/api/v1/resources",
                                        "/api/v1/search?q=secret"};
    for (size_t i = 0; i < 3; i++) {
        assert_false(body_has(fx, lists[i], FX_FAC2, "secret"));
        assert_false(body_has(fx, lists[i], FX_MEM_C, "secret"));
        assert_false(body_has(fx, lists[i], FX_COLL, "secret"));
    }
}

/* Every new route is in the OpenAPI document; every write is audited. */
static void test_openapi_and_audit(void **state)
{
    struct fx *fx = *state;
    static const char *const paths[] = {
        "/api/v1/events.ics",
        "/api/v1/events/{id}/registration",
        "/api/v1/threads/{id}/posts",
        "/api/v1/resources",
        "/api/v1/bookings",
        "/api/v1/trainings",
        "/api/v1/purchases/{id}",
        "/api/v1/territories/{id}/registry",
        "/api/v1/indicators.csv",
        "BookingCreate",
        "EventCreate",
        "PurchaseQuantity",
    };
    for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
        if (!body_has(fx, "/api/v1/openapi.json", -1, paths[i]))
            fail_msg("%s missing from the OpenAPI", paths[i]);
    }
    int64_t room = room_of_a(fx);
    char b[256];
    expect(fx, "POST", "/api/v1/bookings", FX_MEM_B, slot(b, sizeof(b), room, 8, 9), 201);
    assert_true(body_has(fx, "/api/v1/audit", FX_ADMIN, "\"entity\":\"booking\""));
    assert_true(body_has(fx, "/api/v1/audit", FX_ADMIN, "\"entity\":\"room\""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_calendar_feeds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_visibility, setup, teardown),
        cmocka_unit_test_setup_teardown(test_event_update, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forum_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_library, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rooms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_booking, setup, teardown),
        cmocka_unit_test_setup_teardown(test_upload_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_trainings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_purchases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_registry_and_indicators, setup, teardown),
        cmocka_unit_test_setup_teardown(test_network_matrix, setup, teardown),
        cmocka_unit_test_setup_teardown(test_openapi_and_audit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
