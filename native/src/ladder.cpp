#include <algorithm>
#include <cstring>

#include "order_book.hpp"

namespace hft {

namespace {
// How many levels to scan linearly from the touch before switching to a binary search: most updates land
// within a few levels of the best price, where a scan beats the branchy search.
constexpr size_t kTouchScan = 8;
constexpr size_t kMinBuffer = 16;
}  // namespace

void Ladder::reserve(size_t n) {
  flush();
  grow(n);
}

void Ladder::grow(size_t n) const {
  if (n <= buf_.size()) return;
  const size_t count = this->count();
  std::vector<LadderLevel> bigger(std::max(n, kMinBuffer));
  const size_t head = (bigger.size() - count) / 2;
  std::copy(buf_.begin() + static_cast<std::ptrdiff_t>(head_), buf_.begin() + static_cast<std::ptrdiff_t>(tail_),
            bigger.begin() + static_cast<std::ptrdiff_t>(head));
  buf_.swap(bigger);
  head_ = head;
  tail_ = head + count;
}

void Ladder::relayout() const {
  const size_t n = count();
  // Re-centre while at least n/4 free slots remain on each side afterwards (so the next relayout is n/4 inserts
  // away: O(1) amortised); otherwise double. Growth stops by itself: the cap bounds n, so the buffer stays
  // below 3 * max_levels + kMinBuffer.
  if (buf_.size() < n + n / 2 + 2 || buf_.empty()) {
    grow(std::max(buf_.size() * 2, kMinBuffer));
    return;
  }
  const size_t head = (buf_.size() - n) / 2;
  if (n != 0) std::memmove(buf_.data() + head, buf_.data() + head_, n * sizeof(LadderLevel));
  head_ = head;
  tail_ = head + n;
}

size_t Ladder::lower_bound_from_touch(int64_t key) const noexcept {
  const LadderLevel* d = buf_.data();
  size_t i = tail_;
  const size_t stop = tail_ - head_ > kTouchScan ? tail_ - kTouchScan : head_;
  while (i > stop && d[i - 1].key >= key) --i;
  if (i > stop || i == head_) return i;  // found inside the scanned window (or the whole ladder was scanned)
  if (d[i - 1].key < key) return i;
  // Branch-free halving over [head_, i): deep updates land anywhere in a ladder of thousands of levels, so the
  // comparisons of std::lower_bound mispredict about half the time; a conditional move per step does not.
  const LadderLevel* base = d + head_;
  size_t len = i - head_;
  while (len > 1) {
    const size_t half = len / 2;
    base = base[half].key < key ? base + half : base;
    len -= half;
  }
  return static_cast<size_t>(base - d) + (base->key < key ? 1 : 0);
}

void Ladder::insert_at(size_t i, LadderLevel level) const {
  // Move whichever side is shorter: near the touch (the usual case) the few better levels, near the far end
  // the few worse ones. Either way the cost is at most half the ladder, and the cap bounds the ladder.
  if (i - head_ < tail_ - i) {
    if (head_ == 0) {
      const size_t offset = i - head_;
      relayout();
      i = head_ + offset;
    }
    LadderLevel* d = buf_.data();
    std::copy(d + head_, d + i, d + head_ - 1);
    --head_;
    d[i - 1] = level;
  } else {
    if (tail_ == buf_.size()) {
      const size_t offset = i - head_;
      relayout();
      i = head_ + offset;
    }
    LadderLevel* d = buf_.data();
    std::copy_backward(d + i, d + tail_, d + tail_ + 1);
    ++tail_;
    d[i] = level;
  }
}

void Ladder::erase_at(size_t i) const noexcept {
  LadderLevel* d = buf_.data();
  if (i - head_ < tail_ - 1 - i) {
    std::copy_backward(d + head_, d + i, d + i + 1);
    ++head_;
  } else {
    std::copy(d + i + 1, d + tail_, d + i);
    --tail_;
  }
}

void Ladder::set(int64_t price, int64_t quantity) {
  if (pending_.size() == kPendingCapacity) flush();
  // Room for every queued update to insert, with the slack relayout() wants, so neither the one-by-one path nor the
  // merge ever allocates inside a (noexcept) read.
  const size_t bound = count() + pending_.size() + 1;
  const size_t need = bound + bound / 2 + 2;
  if (buf_.size() < need) grow(std::max(need, buf_.size() * 2));
  pending_.push_back(Pending{price * sign_, quantity, static_cast<uint32_t>(pending_.size())});
}

void Ladder::apply_pending() const noexcept {
  if (pending_.size() >= kMergeMin && count() + pending_.size() <= max_levels_) {
    merge_pending();
  } else {
    // Below the merge size, or where the cap could bite (eviction depends on the order): the original path, in order.
    for (const Pending& p : pending_) set_now(p.key, p.quantity);
  }
  pending_.clear();
}

void Ladder::merge_pending() const noexcept {
  Pending* p = pending_.data();
  size_t m = pending_.size();
  // Depth messages list bids best first (descending keys) and asks best first (descending keys too, key = -price):
  // reversed, that is ascending. Then a stable insertion sort by (key, order) is linear on sorted input.
  if (p[0].key > p[m - 1].key) std::reverse(p, p + m);
  for (size_t i = 1; i < m; ++i) {
    const Pending x = p[i];
    size_t j = i;
    while (j > 0 && (p[j - 1].key > x.key || (p[j - 1].key == x.key && p[j - 1].order > x.order))) {
      p[j] = p[j - 1];
      --j;
    }
    p[j] = x;
  }
  // One update per key (the last one wins), each with where its key sits in the ladder now and what it does to the
  // level count (+1 a new level, -1 a removed one, 0 a changed quantity or the removal of an absent level).
  LadderLevel* d = buf_.data();
  Slot* slot = slots_.data();
  size_t u = 0, from = head_;
  int64_t grown = 0;
  for (size_t i = 0; i < m; ++i) {
    if (i + 1 < m && p[i + 1].key == p[i].key) continue;
    const int64_t key = p[i].key;
    const size_t at = static_cast<size_t>(
        std::lower_bound(d + from, d + tail_, key, [](const LadderLevel& l, int64_t k) { return l.key < k; }) - d);
    const bool present = at < tail_ && d[at].key == key;
    const int32_t delta = present ? (p[i].quantity == 0 ? -1 : 0) : (p[i].quantity == 0 ? 0 : 1);
    slot[u++] = Slot{at, p[i].quantity, key, present, delta};
    grown += delta;
    from = at;
  }
  m = u;
  // In place: every kept level moves once, by the net count change of the updates below it, plus a base shift that
  // anchors the ladder. Anchored low (base 0) the levels below the lowest count-changing update stay put; anchored
  // high (base -grown) those above the highest one do: take the end that moves fewer levels, then keep the result
  // inside the buffer (set() left room for every insert, so a base always fits: no growth, no re-centring here).
  size_t first = tail_, last = head_;  // positions of the lowest and highest count-changing updates
  for (size_t k = 0; k < m; ++k) {
    if (slot[k].delta == 0) continue;
    first = std::min(first, slot[k].at);
    last = std::max(last, slot[k].at);
  }
  int64_t base = tail_ - std::min(first, tail_) <= (last > head_ ? last - head_ : 0) ? 0 : -grown;
  const int64_t lowest = -static_cast<int64_t>(head_);
  const int64_t highest = static_cast<int64_t>(buf_.size() - tail_) - grown;
  base = std::max(lowest, std::min(base, highest));
  // The kept levels form segments between the updates: segment k (k = 0..m) runs from the end of update k-1's level
  // to update k's position and shifts by base + the deltas of updates 0..k-1. Destinations never overlap and keep
  // the order, so segments moving down are moved lowest first and those moving up highest first: no level is
  // overwritten before it has moved.
  auto segment = [&](size_t k, size_t& lo, size_t& hi) {
    lo = k == 0 ? head_ : slot[k - 1].at + (slot[k - 1].present ? 1 : 0);
    hi = k == m ? tail_ : slot[k].at;
  };
  int64_t shift = base;
  for (size_t k = 0; k <= m; ++k) {
    size_t lo, hi;
    segment(k, lo, hi);
    if (shift < 0 && hi > lo) std::memmove(d + lo + shift, d + lo, (hi - lo) * sizeof(LadderLevel));
    if (k < m) shift += slot[k].delta;
  }
  for (size_t k = m + 1; k-- > 0;) {
    if (k < m) shift -= slot[k].delta;
    size_t lo, hi;
    segment(k, lo, hi);
    if (shift > 0 && hi > lo) std::memmove(d + lo + shift, d + lo, (hi - lo) * sizeof(LadderLevel));
  }
  // Then each update's level at its final place: its old position shifted like the segment below it.
  shift = base;
  for (size_t k = 0; k < m; ++k) {
    if (slot[k].quantity != 0) d[static_cast<int64_t>(slot[k].at) + shift] = LadderLevel{slot[k].key, slot[k].quantity};
    shift += slot[k].delta;
  }
  head_ = static_cast<size_t>(static_cast<int64_t>(head_) + base);
  tail_ = static_cast<size_t>(static_cast<int64_t>(tail_) + base + grown);
}

void Ladder::set_now(int64_t key, int64_t quantity) const {
  const size_t i = lower_bound_from_touch(key);
  const bool present = i < tail_ && buf_[i].key == key;
  if (quantity == 0) {
    if (present) erase_at(i);
    return;
  }
  if (present) {
    buf_[i].quantity = quantity;
    return;
  }
  if (count() >= max_levels_) {
    ++dropped_;
    if (i == head_) return;  // farther than every kept level: beyond the cap, not kept
    ++head_;                 // keep the nearer level, drop the farthest one (O(1))
  }
  insert_at(i, LadderLevel{key, quantity});
}

int32_t Ladder::copy_best_first(std::span<hft_level> destination) const noexcept {
  flush();
  const size_t n = std::min(destination.size(), count());
  for (size_t j = 0; j < n; ++j) {
    const LadderLevel& l = buf_[tail_ - 1 - j];
    destination[j] = hft_level{l.key * sign_, l.quantity};
  }
  return static_cast<int32_t>(n);
}

void Ladder::assign(const hft_level* levels, int32_t count) {
  const size_t n = static_cast<size_t>(count);
  clear();
  grow(n);
  LadderLevel* d = buf_.data();
  for (size_t j = 0; j < n; ++j) d[j] = LadderLevel{levels[j].price * sign_, levels[j].quantity};
  // Stable sort keeps input order among equal keys so "last occurrence wins" below is well defined.
  std::stable_sort(d, d + n, [](const LadderLevel& a, const LadderLevel& b) { return a.key < b.key; });
  size_t w = 0;
  for (size_t r = 0; r < n; ++r) {
    const bool last_of_key = r + 1 == n || d[r + 1].key != d[r].key;
    if (last_of_key && d[r].quantity != 0) d[w++] = d[r];
  }
  // Keep the best max_levels_ (at the end); the far ones are dropped and counted.
  const size_t first = w > max_levels_ ? w - max_levels_ : 0;
  dropped_ += static_cast<int64_t>(first);
  head_ = first;
  tail_ = w;
  relayout();
}

}  // namespace hft
