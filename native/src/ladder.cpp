#include <algorithm>

#include "order_book.hpp"

namespace hft {

namespace {
// How many levels to scan linearly from the touch before switching to a binary search: most updates land
// within a few levels of the best price, where a scan beats the branchy search.
constexpr size_t kTouchScan = 8;
}  // namespace

size_t Ladder::lower_bound_from_touch(int64_t key) const noexcept {
  const size_t n = levels_.size();
  size_t i = n;
  const size_t stop = n > kTouchScan ? n - kTouchScan : 0;
  while (i > stop && levels_[i - 1].key >= key) --i;
  if (i > stop || i == 0) return i;  // found inside the scanned window (or the whole ladder was scanned)
  if (levels_[i - 1].key < key) return i;
  // Branch-free halving over [0, i): deep updates land anywhere in a ladder of thousands of levels, so the
  // comparisons of std::lower_bound mispredict about half the time; a conditional move per step does not.
  const LadderLevel* base = levels_.data();
  size_t len = i;
  while (len > 1) {
    const size_t half = len / 2;
    base = base[half].key < key ? base + half : base;
    len -= half;
  }
  return static_cast<size_t>(base - levels_.data()) + (base->key < key ? 1 : 0);
}

void Ladder::set(int64_t price, int64_t quantity) {
  const int64_t key = price * sign_;
  const size_t i = lower_bound_from_touch(key);
  const bool present = i < levels_.size() && levels_[i].key == key;
  if (quantity == 0) {
    if (present) levels_.erase(levels_.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
  if (present) {
    levels_[i].quantity = quantity;
    return;
  }
  levels_.insert(levels_.begin() + static_cast<std::ptrdiff_t>(i), LadderLevel{key, quantity});
}

int32_t Ladder::copy_best_first(std::span<hft_level> destination) const noexcept {
  const size_t n = std::min(destination.size(), levels_.size());
  for (size_t j = 0; j < n; ++j) {
    const LadderLevel& l = levels_[levels_.size() - 1 - j];
    destination[j] = hft_level{l.key * sign_, l.quantity};
  }
  return static_cast<int32_t>(n);
}

void Ladder::assign(const hft_level* levels, int32_t count) {
  levels_.clear();
  for (int32_t j = 0; j < count; ++j) levels_.push_back(LadderLevel{levels[j].price * sign_, levels[j].quantity});
  // Stable sort keeps input order among equal keys so "last occurrence wins" below is well defined.
  std::stable_sort(levels_.begin(), levels_.end(),
                   [](const LadderLevel& a, const LadderLevel& b) { return a.key < b.key; });
  size_t w = 0;
  for (size_t r = 0; r < levels_.size(); ++r) {
    const bool last_of_key = r + 1 == levels_.size() || levels_[r + 1].key != levels_[r].key;
    if (last_of_key && levels_[r].quantity != 0) levels_[w++] = levels_[r];
  }
  levels_.resize(w);
}

}  // namespace hft
