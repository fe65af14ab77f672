// extern "C" entry points: validate, call the C++ book, and turn every exception into a status code.
#include <cstddef>
#include <new>
#include <span>

#include "hft/hft_native.h"
#include "order_book.hpp"

struct hft_book {
  hft_book(int32_t expected, int32_t max_levels) : book(expected, max_levels) {}
  hft::OrderBook book;
};

// The C# MarketEvent layout (asserted there by MarketEventLayoutTests) mirrored field by field.
static_assert(sizeof(hft_market_event) == 64);
static_assert(offsetof(hft_market_event, price) == 16);
static_assert(offsetof(hft_market_event, quantity) == 24);
static_assert(offsetof(hft_market_event, update_id) == 48);
static_assert(offsetof(hft_market_event, symbol_id) == 56);
static_assert(offsetof(hft_market_event, kind) == 60);
static_assert(offsetof(hft_market_event, side) == 61);
static_assert(offsetof(hft_market_event, flags) == 62);
static_assert(sizeof(hft_level) == 16 && sizeof(hft_top) == 32 && sizeof(hft_apply_result) == 16);
static_assert(sizeof(hft_figures_params) == 16);
static_assert(sizeof(hft_figures) == 240);
static_assert(sizeof(hft_book_stats) == 24);

namespace {
constexpr uint8_t kKindBookDelta = 1;
constexpr uint8_t kKindSnapshotLevel = 2;
constexpr uint16_t kFlagSnapshotStart = 2;
constexpr int32_t kMaxExpectedLevels = HFT_MAX_LEVELS_LIMIT;

int32_t validate_levels(const hft_level* levels, int32_t count) noexcept {
  if (count < 0) return HFT_E_ARGUMENT;
  if (count > 0 && levels == nullptr) return HFT_E_NULL;
  for (int32_t i = 0; i < count; ++i) {
    if (levels[i].price <= 0) return HFT_E_PRICE;
    if (levels[i].quantity < 0) return HFT_E_QUANTITY;
  }
  return HFT_OK;
}
}  // namespace

extern "C" {

int32_t hft_native_abi_version(void) { return HFT_ABI_VERSION; }

int32_t hft_abi_sizeof(int32_t struct_id) {
  switch (struct_id) {
    case HFT_STRUCT_LEVEL: return sizeof(hft_level);
    case HFT_STRUCT_TOP: return sizeof(hft_top);
    case HFT_STRUCT_MARKET_EVENT: return sizeof(hft_market_event);
    case HFT_STRUCT_APPLY_RESULT: return sizeof(hft_apply_result);
    case HFT_STRUCT_FIGURES_PARAMS: return sizeof(hft_figures_params);
    case HFT_STRUCT_FIGURES: return sizeof(hft_figures);
    case HFT_STRUCT_BOOK_STATS: return sizeof(hft_book_stats);
    default: return -1;
  }
}

int32_t hft_noop(int32_t value) { return value + 1; }

int32_t hft_book_create(int32_t expected_levels_per_side, hft_book** out_book) {
  return hft_book_create_capped(expected_levels_per_side, HFT_DEFAULT_MAX_LEVELS, out_book);
}

int32_t hft_book_create_capped(int32_t expected_levels_per_side, int32_t max_levels_per_side, hft_book** out_book) {
  if (out_book == nullptr) return HFT_E_NULL;
  *out_book = nullptr;
  if (expected_levels_per_side < 1 || expected_levels_per_side > kMaxExpectedLevels) return HFT_E_ARGUMENT;
  if (max_levels_per_side < 1 || max_levels_per_side > HFT_MAX_LEVELS_LIMIT) return HFT_E_ARGUMENT;
  try {
    *out_book = new hft_book(expected_levels_per_side, max_levels_per_side);
    return HFT_OK;
  } catch (const std::bad_alloc&) {
    return HFT_E_NO_MEMORY;
  } catch (...) {
    return HFT_E_INTERNAL;
  }
}

void hft_book_destroy(hft_book* book) { delete book; }

int32_t hft_book_get_stats(const hft_book* book, hft_book_stats* out_stats) {
  if (book == nullptr || out_stats == nullptr) return HFT_E_NULL;
  *out_stats = hft_book_stats{};
  out_stats->bid_levels_dropped = book->book.bids().dropped();
  out_stats->ask_levels_dropped = book->book.asks().dropped();
  out_stats->max_levels_per_side = static_cast<int32_t>(book->book.bids().max_levels());
  return HFT_OK;
}

int32_t hft_book_clear(hft_book* book) {
  if (book == nullptr) return HFT_E_NULL;
  book->book.clear();
  return HFT_OK;
}

int32_t hft_book_set(hft_book* book, int32_t side, int64_t price, int64_t quantity) {
  if (book == nullptr) return HFT_E_NULL;
  const int32_t status = hft::validate_level(side, price, quantity);
  if (status != HFT_OK) return status;
  try {
    book->book.side(side).set(price, quantity);
    return HFT_OK;
  } catch (const std::bad_alloc&) {
    return HFT_E_NO_MEMORY;
  } catch (...) {
    return HFT_E_INTERNAL;
  }
}

int32_t hft_book_load_snapshot(hft_book* book, const hft_level* bids, int32_t bid_count, const hft_level* asks,
                               int32_t ask_count) {
  if (book == nullptr) return HFT_E_NULL;
  book->book.clear();
  int32_t status = validate_levels(bids, bid_count);
  if (status == HFT_OK) status = validate_levels(asks, ask_count);
  if (status != HFT_OK) return status;
  try {
    book->book.side(HFT_SIDE_BID).assign(bids, bid_count);
    book->book.side(HFT_SIDE_ASK).assign(asks, ask_count);
    return HFT_OK;
  } catch (const std::bad_alloc&) {
    book->book.clear();
    return HFT_E_NO_MEMORY;
  } catch (...) {
    book->book.clear();
    return HFT_E_INTERNAL;
  }
}

int32_t hft_book_apply_events(hft_book* book, const hft_market_event* events, int32_t count, int32_t symbol_id,
                              hft_apply_result* out_result) {
  hft_apply_result result{};
  if (out_result != nullptr) *out_result = result;
  if (book == nullptr) return HFT_E_NULL;
  if (count < 0) return HFT_E_ARGUMENT;
  if (count > 0 && events == nullptr) return HFT_E_NULL;
  try {
    for (int32_t i = 0; i < count; ++i) {
      const hft_market_event& e = events[i];
      const bool level_kind = e.kind == kKindBookDelta || e.kind == kKindSnapshotLevel;
      if (!level_kind || (symbol_id >= 0 && e.symbol_id != symbol_id)) {
        ++result.ignored;
        continue;
      }
      if (e.kind == kKindSnapshotLevel && (e.flags & kFlagSnapshotStart) != 0) {
        book->book.clear();
        ++result.snapshots;
      }
      if (hft::validate_level(e.side, e.price, e.quantity) != HFT_OK) {
        ++result.rejected;
        continue;
      }
      book->book.side(e.side).set(e.price, e.quantity);
      ++result.applied;
    }
  } catch (const std::bad_alloc&) {
    if (out_result != nullptr) *out_result = result;
    return HFT_E_NO_MEMORY;
  } catch (...) {
    if (out_result != nullptr) *out_result = result;
    return HFT_E_INTERNAL;
  }
  if (out_result != nullptr) *out_result = result;
  return HFT_OK;
}

int32_t hft_book_top(const hft_book* book, hft_top* out_top) {
  if (book == nullptr || out_top == nullptr) return HFT_E_NULL;
  *out_top = hft_top{};
  const hft::Ladder& bids = book->book.bids();
  const hft::Ladder& asks = book->book.asks();
  if (!bids.empty()) {
    out_top->bid_price = bids.price_at(0);
    out_top->bid_quantity = bids.quantity_at(0);
  }
  if (!asks.empty()) {
    out_top->ask_price = asks.price_at(0);
    out_top->ask_quantity = asks.quantity_at(0);
  }
  return !bids.empty() && !asks.empty() ? 1 : 0;
}

int32_t hft_book_is_crossed(const hft_book* book) {
  if (book == nullptr) return HFT_E_NULL;
  return book->book.crossed() ? 1 : 0;
}

int32_t hft_book_level_count(const hft_book* book, int32_t side) {
  if (book == nullptr) return HFT_E_NULL;
  if (side == HFT_SIDE_BID) return book->book.bids().size();
  if (side == HFT_SIDE_ASK) return book->book.asks().size();
  return HFT_E_SIDE;
}

int32_t hft_book_copy_levels(const hft_book* book, int32_t side, hft_level* destination, int32_t capacity) {
  if (book == nullptr) return HFT_E_NULL;
  if (side != HFT_SIDE_BID && side != HFT_SIDE_ASK) return HFT_E_SIDE;
  if (capacity < 0) return HFT_E_ARGUMENT;
  if (capacity > 0 && destination == nullptr) return HFT_E_NULL;
  const hft::Ladder& ladder = side == HFT_SIDE_BID ? book->book.bids() : book->book.asks();
  return ladder.copy_best_first(std::span<hft_level>(destination, static_cast<size_t>(capacity)));
}

int32_t hft_book_figures(hft_book* book, const hft_figures_params* params, hft_figures* out_figures) {
  if (book == nullptr || params == nullptr || out_figures == nullptr) return HFT_E_NULL;
  book->book.figures(*params, *out_figures);
  return HFT_OK;
}

}  // extern "C"
