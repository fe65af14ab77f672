// L2 order book of one symbol: two sorted ladders of (price, quantity).
//
// Layout decision: each side is a contiguous array sorted so the BEST level is at the END (bids ascending by
// price, asks descending), with free slots before and after it. Almost every Binance depth update touches the
// first few levels, so:
// - finding a touch level is a short linear scan from the end (then a binary search for deep levels);
// - inserting or removing near the touch moves only the few elements behind it (O(1) amortised);
// - a level at the far end is inserted or dropped by moving the few elements before it (a crafted feed of
//   400k levels, worst first, no longer shifts the whole array per level);
// - each side holds at most max_levels (default HFT_DEFAULT_MAX_LEVELS, twice Binance's 5000-level snapshot):
//   the farthest levels beyond it are dropped and counted, so memory and every shift stay bounded;
// - iterating best-first for figures walks memory backwards, contiguous and prefetch-friendly.
// A price-indexed ladder would make any update O(1) but needs re-centering when the price drifts and wastes
// memory on empty ticks over a 5000-level snapshot; sorted arrays handle both with one code path.
// Asks are stored with the key = -price so both sides share the ascending "best at end" code.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "hft/hft_native.h"

namespace hft {

struct LadderLevel {
  int64_t key;  // price for bids, -price for asks
  int64_t quantity;
};

/// One side of the book: keys ascending, best (largest key) last, in buf_[head_, tail_) with free slots on both
/// sides (an insert or erase moves the shorter side; the far end drops in O(1)). At most max_levels() levels:
/// a new level farther than all of them is not kept, a nearer one evicts the farthest; both count in dropped().
class Ladder {
 public:
  explicit Ladder(int64_t sign) : sign_(sign) {}

  /// Makes room for n levels without allocating again (the buffer only grows).
  void reserve(size_t n);
  void clear() noexcept { head_ = tail_ = buf_.size() / 2; }
  [[nodiscard]] int32_t size() const noexcept { return static_cast<int32_t>(tail_ - head_); }
  [[nodiscard]] bool empty() const noexcept { return tail_ == head_; }

  /// Most levels kept (>= 1); the farthest beyond it are dropped.
  void set_max_levels(size_t max_levels) noexcept { max_levels_ = max_levels < 1 ? 1 : max_levels; }
  [[nodiscard]] size_t max_levels() const noexcept { return max_levels_; }
  /// Levels dropped (or not kept) because the side held max_levels() nearer ones; cumulative, clear() keeps it.
  [[nodiscard]] int64_t dropped() const noexcept { return dropped_; }

  /// Sets the absolute quantity at price (0 removes). Allocates only when the buffer must grow (bounded by the cap).
  void set(int64_t price, int64_t quantity);

  /// Price and quantity of the i-th best level (0 = best); i must be < size().
  [[nodiscard]] int64_t price_at(int32_t i) const noexcept { return buf_[tail_ - 1 - static_cast<size_t>(i)].key * sign_; }
  [[nodiscard]] int64_t quantity_at(int32_t i) const noexcept { return buf_[tail_ - 1 - static_cast<size_t>(i)].quantity; }

  /// Copies up to destination.size() levels best first; returns the count written.
  int32_t copy_best_first(std::span<hft_level> destination) const noexcept;

  /// Replaces the content with the given levels (any order, zero quantities dropped, duplicate prices: last
  /// occurrence wins; beyond max_levels() the farthest are dropped and counted). Levels must already be validated.
  void assign(const hft_level* levels, int32_t count);

 private:
  [[nodiscard]] size_t count() const noexcept { return tail_ - head_; }
  // Index (absolute, in [head_, tail_]) of the first element with key >= k, scanning from the touch first.
  [[nodiscard]] size_t lower_bound_from_touch(int64_t key) const noexcept;
  void insert_at(size_t i, LadderLevel level);
  void erase_at(size_t i) noexcept;
  // Re-centres the levels in the buffer, or grows it when too little room would be left.
  void relayout();

  int64_t sign_;
  std::vector<LadderLevel> buf_;
  size_t head_ = 0;
  size_t tail_ = 0;
  size_t max_levels_ = HFT_DEFAULT_MAX_LEVELS;
  int64_t dropped_ = 0;
};

/// Both sides plus the order-flow memory used by the multi-level OFI.
class OrderBook {
 public:
  OrderBook(int32_t expected_levels_per_side, int32_t max_levels_per_side);

  Ladder& side(int32_t s) noexcept { return s == HFT_SIDE_BID ? bids_ : asks_; }
  [[nodiscard]] const Ladder& bids() const noexcept { return bids_; }
  [[nodiscard]] const Ladder& asks() const noexcept { return asks_; }

  void clear() noexcept;
  [[nodiscard]] bool crossed() const noexcept;

  /// Computes all figures and remembers the current top levels for the next OFI window.
  void figures(const hft_figures_params& params, hft_figures& out) noexcept;

  /// Forgets the OFI reference state (after a clear or a snapshot the old state is not comparable).
  void reset_flow() noexcept { has_previous_ = false; }

 private:
  Ladder bids_{1};
  Ladder asks_{-1};
  bool has_previous_ = false;
  hft_level previous_bids_[HFT_OFI_LEVELS]{};
  hft_level previous_asks_[HFT_OFI_LEVELS]{};
};

/// Validates one level: returns HFT_OK or the status that rejects it.
[[nodiscard]] inline int32_t validate_level(int32_t side, int64_t price, int64_t quantity) noexcept {
  if (side != HFT_SIDE_BID && side != HFT_SIDE_ASK) return HFT_E_SIDE;
  if (price <= 0) return HFT_E_PRICE;
  if (quantity < 0) return HFT_E_QUANTITY;
  return HFT_OK;
}

}  // namespace hft
