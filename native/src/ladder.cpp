#include <algorithm>

#include "order_book.hpp"

namespace hft {

namespace {
// A block filled by a snapshot load keeps a quarter free, so the first updates after it do not split at once.
constexpr uint32_t kLoadFill = Ladder::kBlock * 3 / 4;
// An emptied-out block merges into a neighbour when both together fit in half a block: blocks stay reasonably full
// (bounded count, short searches) and a merge is never undone by the next insert.
constexpr uint32_t kThin = Ladder::kBlock / 4;

// The slot of key in block b (the first level whose key is >= key). In the last block (the touch, where most
// updates of a real book land, at predictable places) a binary search; in any other block (a level deep in the ladder,
// one of a depth message's spread levels, a cold block at an unpredictable place) a count of the keys below it, which
// the compiler vectorises: the block's key array (512 B, eight cache lines; the quantities are a separate array) is read
// at once instead of a chain of dependent probes, and nothing branches on the data.
uint32_t slot_of(const Ladder::Block& b, bool last_block, int64_t key) noexcept {
  if (last_block) return static_cast<uint32_t>(std::lower_bound(b.key, b.key + b.n, key) - b.key);
  // Every slot: the empty ones hold kEmptyKey, below no key; a fixed trip count, no branch on n.
  uint32_t below = 0;
  for (uint32_t j = 0; j < Ladder::kBlock; ++j) below += b.key[j] < key ? 1u : 0u;
  return below;
}
}  // namespace

void Ladder::allocate_blocks(size_t k) {
  for (size_t j = 0; j < k; ++j) {
    owned_.push_back(std::make_unique<Block>());
    free_.reserve(owned_.size());
    free_.push_back(owned_.back().get());
  }
}

void Ladder::reserve(size_t n) {
  const size_t want = n / (kBlock / 2) + 2;
  if (owned_.size() < want) allocate_blocks(want - owned_.size());
  blocks_.reserve(want);
  last_.reserve(want);
}

// Room for one split: a free block and a free slot in the block index. Everything that can throw happens here,
// before set() changes anything.
void Ladder::ensure_spare() {
  if (blocks_.size() == blocks_.capacity()) blocks_.reserve(std::max<size_t>(16, blocks_.capacity() * 2));
  if (last_.size() == last_.capacity()) last_.reserve(blocks_.capacity());
  if (free_.empty()) allocate_blocks(std::max<size_t>(1, owned_.size() / 4));
}

void Ladder::clear() noexcept {
  for (Block* b : blocks_) {
    b->clear_keys(0, b->n);
    b->n = 0;
    free_.push_back(b);  // capacity >= owned_.size(): no allocation
  }
  blocks_.clear();
  last_.clear();
  count_ = 0;
  cur_valid_ = false;
}

size_t Ladder::find_block(int64_t key) const noexcept {
  const size_t last = blocks_.size() - 1;
  // Most updates land near the touch: in the last block.
  if (blocks_[last]->key[0] <= key) return last;
  // The first block whose last key is >= key (a key between two blocks goes to the front of the upper one), by a
  // branch-free halving: a deep level's block is at an unpredictable place, so a branching search mispredicts about
  // every other step; here each step is a conditional move on a small, cache-resident array.
  if (last == 0) return 0;
  const int64_t* base = last_.data();
  size_t n = last;
  while (n > 1) {
    const size_t half = n / 2;
    base = base[half] < key ? base + half : base;
    n -= half;
  }
  return static_cast<size_t>(base - last_.data()) + (*base < key ? 1u : 0u);
}

void Ladder::set(int64_t price, int64_t quantity) {
  const int64_t key = price * sign_;
  if (blocks_.empty()) {
    if (quantity == 0) return;
    ensure_spare();
    Block* b = free_.back();
    free_.pop_back();
    b->n = 1;
    b->key[0] = key;
    b->qty[0] = quantity;
    blocks_.push_back(b);  // capacity reserved
    last_.push_back(key);
    count_ = 1;
    cur_valid_ = false;
    return;
  }
  size_t bi = find_block(key);
  Block* b = blocks_[bi];
  uint32_t pos = slot_of(*b, bi + 1 == blocks_.size(), key);
  const bool present = pos < b->n && b->key[pos] == key;
  if (quantity == 0) {
    if (present) erase(bi, pos);
    return;
  }
  if (present) {
    b->qty[pos] = quantity;
    return;
  }
  ensure_spare();  // may throw: nothing changed yet
  if (count_ >= max_levels_) {
    ++dropped_;
    if (bi == 0 && pos == 0) return;  // farther than every kept level: beyond the cap, not kept
    // Keep the nearer level, drop the farthest one; the drop may empty block 0, so find the place again.
    erase(0, 0);
    if (blocks_.empty()) {
      set(price, quantity);  // a cap of one level: the new level is the book (spare ensured: cannot throw)
      return;
    }
    bi = find_block(key);
    b = blocks_[bi];
    pos = slot_of(*b, bi + 1 == blocks_.size(), key);
  }
  insert(bi, pos, LadderLevel{key, quantity});
}

void Ladder::insert(size_t bi, uint32_t pos, LadderLevel level) noexcept {
  Block* b = blocks_[bi];
  if (b->n == kBlock) {
    // Split: the upper half goes to a spare block right after this one (ensure_spare() provided both).
    constexpr uint32_t half = kBlock / 2;
    Block* upper = free_.back();
    free_.pop_back();
    std::copy(b->key + half, b->key + kBlock, upper->key);
    std::copy(b->qty + half, b->qty + kBlock, upper->qty);
    upper->n = kBlock - half;
    b->n = half;
    b->clear_keys(half, kBlock);
    blocks_.insert(blocks_.begin() + static_cast<std::ptrdiff_t>(bi) + 1, upper);
    last_.insert(last_.begin() + static_cast<std::ptrdiff_t>(bi), b->key[half - 1]);
    if (pos > half) {
      b = upper;
      pos -= half;
      ++bi;
    }
  }
  std::copy_backward(b->key + pos, b->key + b->n, b->key + b->n + 1);
  std::copy_backward(b->qty + pos, b->qty + b->n, b->qty + b->n + 1);
  b->key[pos] = level.key;
  b->qty[pos] = level.quantity;
  if (pos == b->n) last_[bi] = level.key;
  ++b->n;
  ++count_;
  cur_valid_ = false;
}

void Ladder::erase(size_t bi, uint32_t pos) noexcept {
  Block* b = blocks_[bi];
  std::copy(b->key + pos + 1, b->key + b->n, b->key + pos);
  std::copy(b->qty + pos + 1, b->qty + b->n, b->qty + pos);
  --b->n;
  b->key[b->n] = kEmptyKey;
  --count_;
  cur_valid_ = false;
  if (b->n == 0) {
    release(bi);
    return;
  }
  last_[bi] = b->key[b->n - 1];
  if (b->n >= kThin) return;
  // A thin block merges into its upper or lower neighbour when both fit in half a block.
  if (bi + 1 < blocks_.size() && b->n + blocks_[bi + 1]->n <= kBlock / 2) {
    Block* up = blocks_[bi + 1];
    std::copy(up->key, up->key + up->n, b->key + b->n);
    std::copy(up->qty, up->qty + up->n, b->qty + b->n);
    b->n += up->n;
    up->clear_keys(0, up->n);
    up->n = 0;
    last_[bi] = b->key[b->n - 1];
    release(bi + 1);
  } else if (bi > 0 && b->n + blocks_[bi - 1]->n <= kBlock / 2) {
    Block* down = blocks_[bi - 1];
    std::copy(b->key, b->key + b->n, down->key + down->n);
    std::copy(b->qty, b->qty + b->n, down->qty + down->n);
    down->n += b->n;
    b->clear_keys(0, b->n);
    b->n = 0;
    last_[bi - 1] = down->key[down->n - 1];
    release(bi);
  }
}

void Ladder::release(size_t bi) noexcept {
  free_.push_back(blocks_[bi]);  // capacity >= owned_.size(): no allocation
  blocks_.erase(blocks_.begin() + static_cast<std::ptrdiff_t>(bi));
  last_.erase(last_.begin() + static_cast<std::ptrdiff_t>(bi));
}

Ladder::Slot Ladder::at(int32_t i) const noexcept {
  const size_t idx = static_cast<size_t>(i);
  if (!cur_valid_ || idx < cur_after_) {
    cur_block_ = blocks_.size() - 1;
    cur_after_ = 0;
    cur_valid_ = true;
  }
  while (idx >= cur_after_ + blocks_[cur_block_]->n) {
    cur_after_ += blocks_[cur_block_]->n;
    --cur_block_;
  }
  const Block* b = blocks_[cur_block_];
  return Slot{b, static_cast<uint32_t>(b->n - 1 - (idx - cur_after_))};
}

int32_t Ladder::copy_best_first(std::span<hft_level> destination) const noexcept {
  const size_t n = std::min(destination.size(), count_);
  size_t j = 0;
  for (size_t bi = blocks_.size(); bi-- > 0 && j < n;) {
    const Block& b = *blocks_[bi];
    for (uint32_t k = b.n; k-- > 0 && j < n;) destination[j++] = hft_level{b.key[k] * sign_, b.qty[k]};
  }
  return static_cast<int32_t>(n);
}

void Ladder::assign(const hft_level* levels, int32_t count) {
  const size_t n = static_cast<size_t>(count);
  clear();
  std::vector<LadderLevel> sorted(n);
  for (size_t j = 0; j < n; ++j) sorted[j] = LadderLevel{levels[j].price * sign_, levels[j].quantity};
  // Stable sort keeps input order among equal keys so "last occurrence wins" below is well defined.
  std::stable_sort(sorted.begin(), sorted.end(), [](const LadderLevel& a, const LadderLevel& b) { return a.key < b.key; });
  size_t w = 0;
  for (size_t r = 0; r < n; ++r) {
    const bool last_of_key = r + 1 == n || sorted[r + 1].key != sorted[r].key;
    if (last_of_key && sorted[r].quantity != 0) sorted[w++] = sorted[r];
  }
  // Keep the best max_levels_ (at the end); the far ones are dropped and counted.
  const size_t first = w > max_levels_ ? w - max_levels_ : 0;
  const size_t kept = w - first;
  const size_t need = (kept + kLoadFill - 1) / kLoadFill;
  if (blocks_.capacity() < need) blocks_.reserve(need);
  if (last_.capacity() < need) last_.reserve(need);
  if (free_.size() < need) allocate_blocks(need - free_.size());
  dropped_ += static_cast<int64_t>(first);
  for (size_t from = first; from < w;) {
    Block* b = free_.back();
    free_.pop_back();
    const size_t take = std::min<size_t>(kLoadFill, w - from);
    for (size_t j = 0; j < take; ++j) {
      b->key[j] = sorted[from + j].key;
      b->qty[j] = sorted[from + j].quantity;
    }
    b->n = static_cast<uint32_t>(take);
    blocks_.push_back(b);
    last_.push_back(b->key[take - 1]);
    from += take;
  }
  count_ = kept;
  cur_valid_ = false;
}

}  // namespace hft
