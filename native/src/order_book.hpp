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
  explicit Ladder(int64_t sign) : sign_(sign), slots_(kPendingCapacity) { pending_.reserve(kPendingCapacity); }

  void reserve(size_t n);
  void clear() noexcept {
    pending_.clear();
    head_ = tail_ = buf_.size() / 2;
  }
  [[nodiscard]] int32_t size() const noexcept {
    flush();
    return static_cast<int32_t>(tail_ - head_);
  }
  [[nodiscard]] bool empty() const noexcept {
    flush();
    return tail_ == head_;
  }

  void set_max_levels(size_t max_levels) noexcept {
    flush();
    max_levels_ = max_levels < 1 ? 1 : max_levels;
  }
  [[nodiscard]] size_t max_levels() const noexcept { return max_levels_; }
  // Not flushed: stats may be read from another thread; a message's updates are flushed by its own reads.
  [[nodiscard]] int64_t dropped() const noexcept { return dropped_; }

  /// Sets a level (quantity 0 removes it). Deferred: the updates of a depth message queue up and are applied at the
  /// next read, one sorted merge for a large batch instead of one shift per level (see flush()). May throw
  /// std::bad_alloc (growth happens here, never in a read).
  void set(int64_t price, int64_t quantity);

  [[nodiscard]] int64_t price_at(int32_t i) const noexcept {
    flush();
    return buf_[tail_ - 1 - static_cast<size_t>(i)].key * sign_;
  }
  [[nodiscard]] int64_t quantity_at(int32_t i) const noexcept {
    flush();
    return buf_[tail_ - 1 - static_cast<size_t>(i)].quantity;
  }

  int32_t copy_best_first(std::span<hft_level> destination) const noexcept;

  void assign(const hft_level* levels, int32_t count);

  /// Applies the queued updates: a sorted merge in place when there are at least kMergeMin and the cap cannot be
  /// reached (the result is then exactly that of applying them one by one; each kept level moves at most once), else
  /// one by one. Never allocates: set() grew the buffer beforehand.
  void flush() const noexcept {
    if (!pending_.empty()) apply_pending();
  }

  static constexpr size_t kPendingCapacity = 512;
  static constexpr size_t kMergeMin = 16;

 private:
  struct Pending {
    int64_t key;
    int64_t quantity;
    uint32_t order;
  };
  // One distinct key of a merge: its lower-bound position in the ladder before the merge and the change it makes.
  struct Slot {
    size_t at;
    int64_t quantity;
    int64_t key;
    bool present;
    int32_t delta;  // +1 new level, -1 removed level, 0 otherwise
  };

  [[nodiscard]] size_t count() const noexcept { return tail_ - head_; }
  [[nodiscard]] size_t lower_bound_from_touch(int64_t key) const noexcept;
  void set_now(int64_t key, int64_t quantity) const;
  void insert_at(size_t i, LadderLevel level) const;
  void erase_at(size_t i) const noexcept;
  void relayout() const;
  void grow(size_t n) const;
  void apply_pending() const noexcept;
  void merge_pending() const noexcept;

  int64_t sign_;
  // Mutable: reads flush the queued updates first (logically const: the book a read sees is the same either way).
  mutable std::vector<LadderLevel> buf_;
  mutable std::vector<Pending> pending_;
  mutable std::vector<Slot> slots_;  // kPendingCapacity entries: the merge's per-key plan
  mutable size_t head_ = 0;
  mutable size_t tail_ = 0;
  size_t max_levels_ = HFT_DEFAULT_MAX_LEVELS;
  mutable int64_t dropped_ = 0;
};

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
