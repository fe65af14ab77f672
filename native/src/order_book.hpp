// L2 order book of one symbol: two sorted ladders of (price, quantity).
//
// Layout decision: each side is a sequence of small sorted blocks (at most kBlock = 64 levels, 1 KB each) with the
// BEST level at the END (bids ascending by price, asks descending: key = -price); a block keeps its keys and its
// quantities in two arrays (the search reads the 512 B of keys, eight cache lines, not the whole 1 KB of pairs, and
// the count below is one compare per eight keys), so:
// - an update finds its block with one compare at the touch (most Binance updates land there) or a binary search
//   over the blocks, then its slot with a binary search inside the touch block, or a (vectorised) count of the keys
//   below it in a deeper block (a cold block at an unpredictable place: one read of the block, no dependent probes);
// - inserting or removing a level moves at most the rest of its block (<= 63 levels), wherever it lands: a depth
//   message whose levels are spread over a 2,000-level ladder (what the simulator and busy real books send) costs a
//   few blocks' worth of moves per level, not a shift of the ladder between its deepest and its nearest change (the
//   former contiguous ladder moved ~75 % of the side per such message, which was the features and strategy stages'
//   p99);
// - a full block splits in two, an emptied one goes back to a free list, thin neighbours merge; blocks come from a
//   pool reserved for expected_levels_per_side, so steady-state updates never allocate;
// - each side holds at most max_levels (default HFT_DEFAULT_MAX_LEVELS, twice Binance's 5000-level snapshot):
//   the farthest levels beyond it are dropped and counted, so memory and every search stay bounded;
// - reading best-first (figures, copies) walks the blocks from the last one, with a cursor that makes the i-th
//   level from the touch O(1) amortised for sequential walks.
// A price-indexed ladder would make any update O(1) but needs re-centering when the price drifts and wastes
// memory on empty ticks over a 5000-level snapshot; sorted blocks handle both with one code path.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "hft/hft_native.h"

namespace hft {

struct LadderLevel {
  int64_t key;  // price for bids, -price for asks
  int64_t quantity;
};

/// One side of the book: keys ascending, best (largest key) last, in blocks_ (deepest block first). At most
/// max_levels() levels: a new level farther than all of them is not kept, a nearer one evicts the farthest; both count
/// in dropped(). Each set() is applied at once (no queue): the result of any sequence of sets is the same book the
/// former contiguous ladder built, level for level.
class Ladder {
 public:
  explicit Ladder(int64_t sign) : sign_(sign) {}
  Ladder(const Ladder&) = delete;
  Ladder& operator=(const Ladder&) = delete;

  /// Reserves blocks for n levels (half-full blocks: the worst case splits leave) so updates do not allocate.
  void reserve(size_t n);
  void clear() noexcept;
  [[nodiscard]] int32_t size() const noexcept { return static_cast<int32_t>(count_); }
  [[nodiscard]] bool empty() const noexcept { return count_ == 0; }

  void set_max_levels(size_t max_levels) noexcept { max_levels_ = max_levels < 1 ? 1 : max_levels; }
  [[nodiscard]] size_t max_levels() const noexcept { return max_levels_; }
  [[nodiscard]] int64_t dropped() const noexcept { return dropped_; }

  /// Sets a level (quantity 0 removes it). May throw std::bad_alloc (a new block or a longer block index), before
  /// anything changed: the book is then as before the call.
  void set(int64_t price, int64_t quantity);

  /// Price and quantity of the i-th level from the best (0 <= i < size()).
  [[nodiscard]] int64_t price_at(int32_t i) const noexcept {
    const Slot s = at(i);
    return s.block->key[s.pos] * sign_;
  }
  [[nodiscard]] int64_t quantity_at(int32_t i) const noexcept {
    const Slot s = at(i);
    return s.block->qty[s.pos];
  }
  /// Price and quantity of the i-th level from the best in one lookup (a walk reading both).
  [[nodiscard]] hft_level level_at(int32_t i) const noexcept {
    const Slot s = at(i);
    return hft_level{s.block->key[s.pos] * sign_, s.block->qty[s.pos]};
  }

  int32_t copy_best_first(std::span<hft_level> destination) const noexcept;

  void assign(const hft_level* levels, int32_t count);

  static constexpr uint32_t kBlock = 64;

  /// Up to kBlock levels, keys ascending (public for the search helpers of ladder.cpp; only Ladder holds one): level j
  /// is (key[j], qty[j]); the key array starts on a cache line.
  struct alignas(64) Block {
    Block() noexcept { clear_keys(0, kBlock); }
    /// Marks slots [from, to) empty: an empty slot's key is kEmptyKey, so a count of the keys below any key can read
    /// all kBlock slots (a fixed, fully unrolled loop) and still count only the n levels.
    void clear_keys(uint32_t from, uint32_t to) noexcept {
      for (uint32_t j = from; j < to; ++j) key[j] = kEmptyKey;
    }
    uint32_t n = 0;
    alignas(64) int64_t key[kBlock];
    int64_t qty[kBlock];
  };
  /// The key of every slot at or beyond a block's n (no key is below it).
  static constexpr int64_t kEmptyKey = INT64_MAX;

 private:
  struct Slot {
    const Block* block;
    uint32_t pos;
  };
  [[nodiscard]] Slot at(int32_t i) const noexcept;
  [[nodiscard]] size_t find_block(int64_t key) const noexcept;
  void ensure_spare();
  void allocate_blocks(size_t k);
  void insert(size_t b, uint32_t pos, LadderLevel level) noexcept;
  void erase(size_t b, uint32_t pos) noexcept;
  void release(size_t b) noexcept;

  int64_t sign_;
  std::vector<Block*> blocks_;                // in key order: blocks_.back() holds the best level
  std::vector<int64_t> last_;                 // last_[i] = blocks_[i]'s largest key: the search reads one small array
  std::vector<std::unique_ptr<Block>> owned_;  // every block ever allocated
  std::vector<Block*> free_;                  // capacity >= owned_.size(): returning a block never allocates
  size_t count_ = 0;
  size_t max_levels_ = HFT_DEFAULT_MAX_LEVELS;
  int64_t dropped_ = 0;
  // at()'s cursor: block cur_block_ holds the levels cur_after_ .. cur_after_ + n - 1 counted from the best.
  mutable size_t cur_block_ = 0;
  mutable size_t cur_after_ = 0;
  mutable bool cur_valid_ = false;
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
