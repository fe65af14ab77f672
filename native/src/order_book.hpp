// L2 order book of one symbol: two sorted ladders of (price, quantity).
//
// Layout decision: each side is a contiguous array sorted so the BEST level is at the END (bids ascending by
// price, asks descending). Almost every Binance depth update touches the first few levels, so:
// - finding a touch level is a short linear scan from the end (then a binary search for deep levels);
// - inserting or removing near the touch moves only the few elements behind it (O(1) amortised);
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

/// One side of the book: keys ascending, best (largest key) last. Capacity is reserved up front.
class Ladder {
 public:
  explicit Ladder(int64_t sign) : sign_(sign) {}

  void reserve(size_t n) { levels_.reserve(n); }
  void clear() noexcept { levels_.clear(); }
  [[nodiscard]] int32_t size() const noexcept { return static_cast<int32_t>(levels_.size()); }
  [[nodiscard]] bool empty() const noexcept { return levels_.empty(); }

  /// Sets the absolute quantity at price (0 removes). May allocate only when growing past the capacity.
  void set(int64_t price, int64_t quantity);

  /// Price and quantity of the i-th best level (0 = best); i must be < size().
  [[nodiscard]] int64_t price_at(int32_t i) const noexcept { return levels_[levels_.size() - 1 - i].key * sign_; }
  [[nodiscard]] int64_t quantity_at(int32_t i) const noexcept { return levels_[levels_.size() - 1 - i].quantity; }

  /// Copies up to destination.size() levels best first; returns the count written.
  int32_t copy_best_first(std::span<hft_level> destination) const noexcept;

  /// Replaces the content with the given levels (any order, zero quantities dropped, duplicate prices: last
  /// occurrence wins). Levels must already be validated.
  void assign(const hft_level* levels, int32_t count);

 private:
  // Index of the first element with key >= k (lower bound), scanning from the touch first.
  [[nodiscard]] size_t lower_bound_from_touch(int64_t key) const noexcept;

  int64_t sign_;
  std::vector<LadderLevel> levels_;
};

/// Both sides plus the order-flow memory used by the multi-level OFI.
class OrderBook {
 public:
  explicit OrderBook(int32_t expected_levels_per_side);

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
