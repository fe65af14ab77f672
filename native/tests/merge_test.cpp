// A depth message's updates (1-400, the blocked ladder splitting and merging blocks under them) against the book
// rebuilt from scratch. (Named for the in-place merge it first tested; the blocked ladder applies each update at once.)
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "hft/hft_native.h"

namespace {

constexpr int64_t kMid = 100000;

std::vector<hft_level> levels_of(const hft_book* b, int32_t side) {
  std::vector<hft_level> v(static_cast<size_t>(hft_book_level_count(b, side)));
  EXPECT_EQ(hft_book_copy_levels(b, side, v.data(), static_cast<int32_t>(v.size())), static_cast<int32_t>(v.size()));
  return v;
}

// Best first, as the book copies them.
std::vector<hft_level> best_first(const std::map<int64_t, int64_t>& side, bool bids) {
  std::vector<hft_level> v;
  for (const auto& [price, qty] : side) v.push_back({price, qty});
  if (bids) std::reverse(v.begin(), v.end());
  return v;
}

void expect_same(const std::vector<hft_level>& got, const std::vector<hft_level>& want, int trial, int message) {
  ASSERT_EQ(got.size(), want.size()) << "trial " << trial << " message " << message;
  for (size_t i = 0; i < got.size(); ++i) {
    ASSERT_EQ(got[i].price, want[i].price) << "trial " << trial << " message " << message << " level " << i;
    ASSERT_EQ(got[i].quantity, want[i].quantity) << "trial " << trial << " message " << message << " level " << i;
  }
}

}  // namespace

// Random ladders (empty to 3,000 levels, buffers reserved small so the merge runs near both ends of its buffer) take
// random depth messages of 1-400 updates: best first as Binance sends them or shuffled, new levels beyond either end
// and inside gaps, removals of present and absent levels, the same price twice in a message. After each message the
// merged book equals the book rebuilt from a std::map of the same updates (a fresh snapshot load) and the book that
// applied each update on its own (a read after every set).
TEST(LadderMerge, InPlaceMergeMatchesTheRebuiltBookOnRandomDepthMessages) {
  std::mt19937_64 rng(18);
  for (int trial = 0; trial < 60; ++trial) {
    hft_book *merged = nullptr, *single = nullptr;
    ASSERT_EQ(hft_book_create(static_cast<int32_t>(8 + rng() % 512), &merged), HFT_OK);
    ASSERT_EQ(hft_book_create(16, &single), HFT_OK);
    std::map<int64_t, int64_t> bids, asks;
    const int depth = static_cast<int>(rng() % 3000);
    std::vector<hft_level> sb, sa;
    for (int i = 0; i < depth; ++i) {
      if (rng() % 4 == 0) continue;  // gaps for inserts to fill
      const int64_t q = static_cast<int64_t>(rng() % 90 + 1);
      sb.push_back({kMid - i, q});
      sa.push_back({kMid + 1 + i, q + 1});
      bids[kMid - i] = q;
      asks[kMid + 1 + i] = q + 1;
    }
    ASSERT_EQ(hft_book_load_snapshot(merged, sb.data(), static_cast<int32_t>(sb.size()), sa.data(),
                                     static_cast<int32_t>(sa.size())),
              HFT_OK);
    ASSERT_EQ(hft_book_load_snapshot(single, sb.data(), static_cast<int32_t>(sb.size()), sa.data(),
                                     static_cast<int32_t>(sa.size())),
              HFT_OK);
    for (int message = 0; message < 40; ++message) {
      for (int32_t side : {HFT_SIDE_BID, HFT_SIDE_ASK}) {
        const bool bid = side == HFT_SIDE_BID;
        auto& model = bid ? bids : asks;
        const size_t n = rng() % 3 == 0 ? rng() % 16 : 16 + rng() % 384;
        // Mostly near the touch, some deep, some beyond the deepest level, some better than the touch.
        const int64_t reach = static_cast<int64_t>(depth) + 200;
        std::vector<hft_level> updates;
        for (size_t i = 0; i < n; ++i) {
          const uint64_t kind = rng() % 8;
          const int64_t offset = kind < 4   ? static_cast<int64_t>(rng() % 40) - 5
                                 : kind < 7 ? static_cast<int64_t>(rng() % static_cast<uint64_t>(reach))
                                            : reach + static_cast<int64_t>(rng() % 100);
          const int64_t price = bid ? kMid - offset : kMid + 1 + offset;
          if (price <= 0) continue;
          const int64_t qty = rng() % 3 == 0 ? 0 : static_cast<int64_t>(rng() % 90 + 1);
          updates.push_back({price, qty});
          if (rng() % 16 == 0)
            updates.push_back({price, static_cast<int64_t>(rng() % 2 == 0 ? 0 : 7)});  // same price again
        }
        if (rng() % 4 != 0) {
          // Best first, as Binance lists them (a repeated price keeps its order: stable).
          std::stable_sort(updates.begin(), updates.end(), [bid](const hft_level& a, const hft_level& b) {
            return bid ? a.price > b.price : a.price < b.price;
          });
        }
        for (const hft_level& l : updates) {
          ASSERT_EQ(hft_book_set(merged, side, l.price, l.quantity), HFT_OK);
          ASSERT_EQ(hft_book_set(single, side, l.price, l.quantity), HFT_OK);
          (void)hft_book_level_count(single, side);  // a read applies the queued update on its own
          if (l.quantity == 0)
            model.erase(l.price);
          else
            model[l.price] = l.quantity;
        }
      }
      // The rebuilt result: a fresh book loaded from the reference maps.
      hft_book* rebuilt = nullptr;
      ASSERT_EQ(hft_book_create(64, &rebuilt), HFT_OK);
      const auto rb = best_first(bids, true);
      const auto ra = best_first(asks, false);
      ASSERT_EQ(hft_book_load_snapshot(rebuilt, rb.data(), static_cast<int32_t>(rb.size()), ra.data(),
                                       static_cast<int32_t>(ra.size())),
                HFT_OK);
      for (int32_t side : {HFT_SIDE_BID, HFT_SIDE_ASK}) {
        const auto got = levels_of(merged, side);
        expect_same(got, levels_of(rebuilt, side), trial, message);
        expect_same(got, levels_of(single, side), trial, message);
        expect_same(got, side == HFT_SIDE_BID ? rb : ra, trial, message);
      }
      hft_book_destroy(rebuilt);
      if (HasFatalFailure()) break;
    }
    hft_book_destroy(merged);
    hft_book_destroy(single);
    if (HasFatalFailure()) return;
  }
}
