// C ABI of libhftnative: per-symbol L2 order books and their microstructure figures.
//
// Rules of this ABI
// - Every function returns plain values or status codes (HFT_OK = 0, negative = error); no C++ exception
//   ever crosses it (each entry point catches everything and maps it to a status).
// - Structs are plain, 8-byte aligned, blittable; the C# mirrors assert their sizes against hft_abi_sizeof().
// - Prices are integer ticks and quantities integer lots (the C# FixedPoint scales); never floating keys.
// - A book is single-threaded: one thread at a time may call into a given hft_book.
// - Changing any signature or struct layout bumps HFT_ABI_VERSION (and NativeLibraryInfo.ExpectedAbiVersion).
#pragma once
#include <stdint.h>

#if defined(_WIN32)
#define HFT_API __declspec(dllexport)
#else
#define HFT_API __attribute__((visibility("default")))
#endif

#define HFT_ABI_VERSION 3

/* Status codes. */
#define HFT_OK 0
#define HFT_E_NULL -1      /* a required pointer was null */
#define HFT_E_SIDE -2      /* side is neither HFT_SIDE_BID nor HFT_SIDE_ASK */
#define HFT_E_PRICE -3     /* price <= 0 */
#define HFT_E_QUANTITY -4  /* quantity < 0 */
#define HFT_E_ARGUMENT -5  /* another argument out of range (negative count, ...) */
#define HFT_E_NO_MEMORY -6 /* growing past the reserved capacity failed */
#define HFT_E_INTERNAL -7  /* unexpected failure (caught exception) */

/* Sides, same values as HftScalper.Core.Events.Side. */
#define HFT_SIDE_BID 1
#define HFT_SIDE_ASK 2

/* Most levels the impact walk and the slope visit per side: keeps hft_book_figures bounded (a few microseconds),
   which is what allows the C# side to call it without a GC transition. */
#define HFT_MAX_WALK_LEVELS 1000

/* Default most levels a book keeps per side (hft_book_create): twice Binance's 5000-level REST snapshot. A new
   level farther than all kept ones is not kept, a nearer one evicts the farthest; both are counted in
   hft_book_get_stats. Bounds memory and the cost of every insert whatever the feed sends. */
#define HFT_DEFAULT_MAX_LEVELS 10000

/* Largest max_levels_per_side (and expected_levels_per_side) a book accepts. */
#define HFT_MAX_LEVELS_LIMIT (1 << 20)

/* Number of levels in the multi-level order-flow imbalance vector. */
#define HFT_OFI_LEVELS 10

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hft_book hft_book;

/* One price level: price in ticks, quantity in lots. 16 bytes. */
typedef struct hft_level {
  int64_t price;
  int64_t quantity;
} hft_level;

/* Best bid and ask with their quantities. 32 bytes. */
typedef struct hft_top {
  int64_t bid_price;
  int64_t bid_quantity;
  int64_t ask_price;
  int64_t ask_quantity;
} hft_top;

/* Mirror of HftScalper.Core.Events.MarketEvent (64 bytes, offsets static_assert'ed in abi.cpp). */
typedef struct hft_market_event {
  int64_t exchange_time_ns; /*  0 */
  int64_t local_time_ns;    /*  8 */
  int64_t price;            /* 16 */
  int64_t quantity;         /* 24 */
  int64_t first_update_id;  /* 32 (ask price for top-of-book) */
  int64_t prev_update_id;   /* 40 (ask quantity for top-of-book) */
  int64_t update_id;        /* 48 */
  int32_t symbol_id;        /* 56 */
  uint8_t kind;             /* 60: 1 BookDelta, 2 SnapshotLevel, others ignored by the book */
  uint8_t side;             /* 61 */
  uint16_t flags;           /* 62: bit 1 (value 2) SnapshotStart clears the book first */
} hft_market_event;

/* What hft_book_apply_events did with a batch. 16 bytes. */
typedef struct hft_apply_result {
  int32_t applied;   /* level events applied (BookDelta / SnapshotLevel with valid fields) */
  int32_t rejected;  /* level events with a bad side, price <= 0 or quantity < 0 (skipped, book unchanged) */
  int32_t ignored;   /* events of other kinds or other symbols */
  int32_t snapshots; /* SnapshotStart flags seen (each cleared the book) */
} hft_apply_result;

/* Inputs of hft_book_figures. 16 bytes. */
typedef struct hft_figures_params {
  /* Notional to fill for the price-impact figures, in price*quantity units (ticks * lots), as a double so
     large notionals cannot overflow. <= 0 disables the impact walk. */
  double impact_notional;
  /* Levels per side used by the book slope (1..HFT_MAX_WALK_LEVELS; <= 0 means 10). */
  int32_t slope_levels;
  int32_t reserved;
} hft_figures_params;

/* Counters of one book since it was created (hft_book_clear keeps them). 24 bytes. */
typedef struct hft_book_stats {
  int64_t bid_levels_dropped; /* bid levels not kept or evicted because the side held max_levels_per_side */
  int64_t ask_levels_dropped; /* same for the asks */
  int32_t max_levels_per_side;
  int32_t reserved;
} hft_book_stats;

/* Figure flags. */
#define HFT_FIG_HAS_BID 1              /* the bid side has at least one level */
#define HFT_FIG_HAS_ASK 2              /* the ask side has at least one level */
#define HFT_FIG_CROSSED 4              /* both sides present and best bid >= best ask */
#define HFT_FIG_BUY_IMPACT_PARTIAL 8   /* the asks hold less than impact_notional: buy figures are partial */
#define HFT_FIG_SELL_IMPACT_PARTIAL 16 /* same for the bids / sell */
#define HFT_FIG_OFI_VALID 32           /* a previous figures call exists since the last clear: ofi is meaningful */

/*
 * Microstructure figures of one book, computed in one call. 240 bytes.
 * Notation: b_i, a_i = i-th best bid / ask price (i = 1 best), qb_i, qa_i their quantities.
 *
 * spread      = a_1 - b_1 (ticks; 0 if a side is empty; negative when crossed)
 * mid         = (a_1 + b_1) / 2 (ticks; 0 if a side is empty)
 * microprice  = (b_1 * qa_1 + a_1 * qb_1) / (qb_1 + qa_1)   (Stoikov's weighted mid; 0 if a side is empty)
 * imbalance_N = (sum_{i<=N} qb_i - sum_{i<=N} qa_i) / (sum_{i<=N} qb_i + sum_{i<=N} qa_i)   in [-1, 1],
 *               for N = 1, 5, 10, 20 (fewer levels when a side is shorter; 0 when both sides are empty).
 *               Depth sums are exact (128-bit) whatever the quantities, so they never wrap.
 * ofi[m-1]    = multi-level order-flow imbalance at level m (Cont, Kukanov & Stoikov 2014, extended to level m
 *               as in Xu, Huang & Wang 2019) between the previous figures call (state ') and this one:
 *                 e_m = 1{b_m >= b'_m} qb_m - 1{b_m <= b'_m} qb'_m - 1{a_m <= a'_m} qa_m + 1{a_m >= a'_m} qa'_m
 *               in lots. A missing bid level counts as (price 0, qty 0), a missing ask level as (price +inf,
 *               qty 0). The book remembers the top HFT_OFI_LEVELS levels at each call, so the window is
 *               "since the last call": call it once per message (or per sampling tick). 0 and no
 *               HFT_FIG_OFI_VALID on the first call after create/clear/snapshot.
 * ofi_total   = sum over m of ofi[m-1]. Both computed exactly (128-bit) and saturated to int64 (never wrap).
 * buy_impact  = VWAP(buy impact_notional walking the asks) - a_1, in ticks (>= 0). The walk fills whole levels
 *               and a fraction of the last one (fractional lots), VWAP = filled notional / filled quantity; it
 *               visits at most HFT_MAX_WALK_LEVELS levels (beyond that the fill is reported partial).
 * sell_impact = b_1 - VWAP(sell impact_notional walking the bids), in ticks (>= 0).
 * buy_filled_notional / sell_filled_notional: notional actually available (< impact_notional => partial flag).
 * bid_slope   = (sum_{i<=K} qb_i) / (mid - b_K + 0.5)  lots per tick, K = min(slope_levels, bid levels);
 * ask_slope   = (sum_{i<=K} qa_i) / (a_K - mid + 0.5); the +0.5 tick keeps a one-level, one-tick-spread book
 *               finite and positive. 0 when a side is empty (or mid undefined). Steeper = deeper near the touch.
 */
typedef struct hft_figures {
  int64_t bid_price;
  int64_t bid_quantity;
  int64_t ask_price;
  int64_t ask_quantity;
  int64_t spread;
  double mid;
  double microprice;
  double imbalance_1;
  double imbalance_5;
  double imbalance_10;
  double imbalance_20;
  int64_t ofi[HFT_OFI_LEVELS];
  int64_t ofi_total;
  double buy_impact;
  double sell_impact;
  double buy_filled_notional;
  double sell_filled_notional;
  double bid_slope;
  double ask_slope;
  int32_t bid_levels;
  int32_t ask_levels;
  int32_t flags;
  int32_t reserved;
} hft_figures;

/* Struct ids for hft_abi_sizeof. */
#define HFT_STRUCT_LEVEL 1
#define HFT_STRUCT_TOP 2
#define HFT_STRUCT_MARKET_EVENT 3
#define HFT_STRUCT_APPLY_RESULT 4
#define HFT_STRUCT_FIGURES_PARAMS 5
#define HFT_STRUCT_FIGURES 6
#define HFT_STRUCT_BOOK_STATS 7

/// ABI version of the library; the C# side refuses to run against a different one.
HFT_API int32_t hft_native_abi_version(void);

/// sizeof the struct with the given HFT_STRUCT_* id, or -1 for an unknown id (layout check for bindings).
HFT_API int32_t hft_abi_sizeof(int32_t struct_id);

/// Does nothing and returns its argument + 1: the P/Invoke transition benchmark's trivial call.
HFT_API int32_t hft_noop(int32_t value);

/// Creates an empty book with capacity reserved for expected_levels_per_side (1..1<<20) on each side, keeping at
/// most HFT_DEFAULT_MAX_LEVELS levels per side.
HFT_API int32_t hft_book_create(int32_t expected_levels_per_side, hft_book** out_book);

/// Same, keeping at most max_levels_per_side (1..HFT_MAX_LEVELS_LIMIT) levels per side: beyond it the farthest
/// levels are dropped and counted (hft_book_get_stats).
HFT_API int32_t hft_book_create_capped(int32_t expected_levels_per_side, int32_t max_levels_per_side,
                                       hft_book** out_book);

/// Writes the book's counters (levels dropped by the cap, the cap itself).
HFT_API int32_t hft_book_get_stats(const hft_book* book, hft_book_stats* out_stats);

/// Destroys a book (null is ignored).
HFT_API void hft_book_destroy(hft_book* book);

/// Removes every level and forgets the order-flow state; keeps the reserved capacity.
HFT_API int32_t hft_book_clear(hft_book* book);

/// Sets the absolute quantity at a price on one side (0 removes the level). A search over the side's blocks of at most
/// 64 levels (one compare when the level is in the touch's block) and at most one block's levels moved, wherever the
/// level lies; allocates only when the side outgrows the blocks reserved at create.
HFT_API int32_t hft_book_set(hft_book* book, int32_t side, int64_t price, int64_t quantity);

/// Replaces the whole book with a snapshot (levels in any order; zero quantities skipped; duplicates: last
/// wins). On a bad level the book is left cleared and the status says why.
HFT_API int32_t hft_book_load_snapshot(hft_book* book, const hft_level* bids, int32_t bid_count, const hft_level* asks,
                                       int32_t ask_count);

/// Applies a batch of market events (one depth message, or a snapshot): BookDelta and SnapshotLevel of the
/// given symbol_id (< 0: any symbol) are applied, a SnapshotStart flag clears the book first; bad levels are
/// skipped and counted; other kinds are ignored and counted. out_result may be null.
HFT_API int32_t hft_book_apply_events(hft_book* book, const hft_market_event* events, int32_t count, int32_t symbol_id,
                                      hft_apply_result* out_result);

/// Writes the best bid/ask to out_top; returns 1 if both sides are present, 0 otherwise (out_top zeroed
/// for a missing side), or a negative status.
HFT_API int32_t hft_book_top(const hft_book* book, hft_top* out_top);

/// 1 when both sides are present and best bid >= best ask, 0 otherwise, negative status on a null book.
HFT_API int32_t hft_book_is_crossed(const hft_book* book);

/// Number of levels on a side, or a negative status.
HFT_API int32_t hft_book_level_count(const hft_book* book, int32_t side);

/// Copies up to capacity levels of a side, best first; returns the count written or a negative status.
HFT_API int32_t hft_book_copy_levels(const hft_book* book, int32_t side, hft_level* destination, int32_t capacity);

/// Computes every figure (see hft_figures) and advances the order-flow state to the current book.
HFT_API int32_t hft_book_figures(hft_book* book, const hft_figures_params* params, hft_figures* out_figures);

#ifdef __cplusplus
}
#endif
