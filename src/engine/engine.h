/* SPDX-License-Identifier: MIT */
/*
 * engine.h - the public header of the engine: substitution matching and
 * mutualisation pools, allocation as a min-cost flow, and collection
 * rounds as a capacitated vehicle routing problem.
 *
 * The engine is pure computation on plain arrays: it never includes the
 * store and does no I/O beyond parsing buffers it is given. Callers (cli,
 * http) load data, call it, and save results.
 */
#ifndef SYMBIOSE_ENGINE_H
#define SYMBIOSE_ENGINE_H

#include "core/core.h"
#include "ref/ref.h"

/* ================================================================== */
/* Matching and pools (engine_match_*, engine_pool_*)                  */
/* ================================================================== */

/* (defined by the matching work) */

/* ================================================================== */
/* Allocation: min-cost flow (mcf_*)                                   */
/* ================================================================== */

/* (defined by the allocation work) */

/* ================================================================== */
/* Collection rounds: CVRP (cvrp_*)                                    */
/* ================================================================== */

/* (defined by the rounds work) */

#endif /* SYMBIOSE_ENGINE_H */
