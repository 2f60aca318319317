/* SPDX-License-Identifier: MIT */
/* fuzz_ical.c - libFuzzer target for the strict iCalendar reader (network_ical_parse). */
#include <stddef.h>
#include <stdint.h>

#include "network/network.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct network_ical_calendar cal;
    network_ical_parse((const char *)data, size, &cal, NULL);
    network_ical_calendar_release(&cal);
    return 0;
}
