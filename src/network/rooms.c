/* SPDX-License-Identifier: MIT */
/*
 * rooms.c - shared rooms: organisations list their rooms, others book
 * slots. A slot that overlaps a live booking is refused; the store makes
 * the check and the insert atomic (BEGIN IMMEDIATE plus a trigger), so of
 * two requests arriving at the same instant exactly one wins.
 */
#include "network_int.h"

#include <string.h>

/* Longest booking: two weeks. */
#define BOOKING_MAX_S (14 * 86400)

int network_room_create(struct store *s, const struct store_account *who,
                        const struct network_room_input *in, int64_t *id, struct err *e)
{
    int rc = network_check_text("name", in->name, true, false, 200, e);
    if (rc == ERR_OK)
        rc = network_check_range("capacity", in->capacity, 1, 10000, e);
    if (rc == ERR_OK)
        rc = network_check_text("equipment", in->equipment, false, true, 2000, e);
    if (rc == ERR_OK)
        rc = network_check_text("address", in->address, true, false, 300, e);
    if (rc == ERR_OK)
        rc = network_check_text("description", in->description, false, true, 10000, e);
    if (rc)
        return rc;
    if (!network__acts_for_org(s, who, in->org_id))
        return network__forbidden(e, "proposer une salle pour cette organisation");
    struct store_room r = {.org_id = in->org_id,
                           .name = (char *)in->name,
                           .capacity = in->capacity,
                           .equipment = (char *)(in->equipment ? in->equipment : ""),
                           .address = (char *)in->address,
                           .description = (char *)(in->description ? in->description : "")};
    rc = store_room_insert(s, &r, id, e);
    if (rc == ERR_CONFLICT)
        return err_set(e, ERR_INPUT, "org_id : organisation %lld introuvable",
                       (long long)in->org_id);
    return rc;
}

/* The French message for a slot taken by booking b of room `name`. */
static int slot_taken(struct err *e, const char *name, const struct store_booking *b)
{
    char from[NETWORK_TIME_BUF], to[NETWORK_TIME_BUF];
    network_time_format_fr(b->starts_at, from);
    network_time_format_fr(b->ends_at, to);
    return err_set(e, ERR_CONFLICT,
                   "starts_at : la salle « %s » est déjà réservée du %s au %s (heure de Paris)",
                   name, from, to);
}

int network_booking_create(struct store *s, const struct store_account *who, int64_t now_s,
                           const struct network_booking_input *in, int64_t *id, struct err *e)
{
    struct store_booking b = {.room_id = in->room_id};
    struct store_room room;
    int rc = network__check_participant(who, "réserver une salle", e);
    if (rc == ERR_OK)
        rc = network__check_span("starts_at", in->starts_at, "ends_at", in->ends_at, BOOKING_MAX_S,
                                 &b.starts_at, &b.ends_at, e);
    if (rc == ERR_OK && b.starts_at < now_s - 300)
        rc = err_set(e, ERR_INPUT, "starts_at : le créneau est déjà passé");
    if (rc == ERR_OK)
        rc = network_check_text("purpose", in->purpose, false, true, 1000, e);
    if (rc)
        return rc;
    b.org_id = in->org_id ? in->org_id : (who ? who->org_id : 0);
    if (in->org_id && !network__acts_for_org(s, who, in->org_id))
        return network__forbidden(e, "réserver au nom de cette organisation");
    rc = store_room_get(s, in->room_id, &room, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "room_id : salle %lld introuvable",
                       (long long)in->room_id);
    if (rc)
        return rc;
    b.account_id = network__who_id(who);
    b.purpose = (char *)(in->purpose ? in->purpose : "");
    rc = store_booking_insert(s, &b, id, e);
    if (rc == ERR_CONFLICT) {
        /* name the booking in the way, read outside the failed transaction */
        struct store_booking *taken = NULL;
        size_t n = 0;
        if (store_booking_list(s, in->room_id, b.starts_at, b.ends_at, &taken, &n, NULL) ==
                ERR_OK &&
            n > 0)
            rc = slot_taken(e, room.name, &taken[0]);
        else
            rc = err_set(e, ERR_CONFLICT,
                         "starts_at : la salle « %s » est déjà réservée sur ce "
                         "créneau",
                         room.name);
        store_bookings_free(taken, n);
    }
    store_room_release(&room);
    return rc;
}

int network_booking_cancel(struct store *s, const struct store_account *who, int64_t booking_id,
                           struct err *e)
{
    struct store_booking b;
    struct store_room room;
    int rc = store_booking_get(s, booking_id, &b, e);
    if (rc == ERR_NOT_FOUND)
        return err_set(e, ERR_NOT_FOUND, "réservation %lld introuvable", (long long)booking_id);
    if (rc)
        return rc;
    rc = store_room_get(s, b.room_id, &room, e);
    if (rc == ERR_OK) {
        bool is_allowed = network__is_admin(who) || (who && who->id == b.account_id) ||
                          network__acts_for_org(s, who, room.org_id);
        if (!is_allowed)
            rc = network__forbidden(e, "annuler cette réservation");
        else if (b.is_cancelled)
            rc = err_set(e, ERR_CONFLICT, "réservation %lld déjà annulée", (long long)booking_id);
        else
            rc = store_booking_cancel(s, booking_id, e);
        store_room_release(&room);
    }
    store_booking_release(&b);
    return rc;
}
