// One call per depth message (hft_book_apply_events) against one call per level (hft_book_set), and both against a
// std::map model of the book with its level cap, on the blocked ladder's edges: splits, merges, evictions.
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <random>
#include <vector>

#include "hft/hft_native.h"

namespace {

constexpr int64_t kMid = 1000000;

// The book as the ABI documents it: absolute quantities, 0 removes; beyond the cap a level farther than every kept
// one is not kept and a nearer one evicts the farthest (both counted).
struct ModelSide {
  std::map<int64_t, int64_t> levels;  // by price
  bool bid = true;
  size_t cap = HFT_DEFAULT_MAX_LEVELS;
  int64_t dropped = 0;

  // Farther = lower price for bids, higher for asks.
  bool farther_than_all(int64_t price) const {
    return bid ? price < levels.begin()->first : price > levels.rbegin()->first;
  }
  void set(int64_t price, int64_t qty) {
    auto it = levels.find(price);
    if (qty == 0) {
      if (it != levels.end()) levels.erase(it);
      return;
    }
    if (it != levels.end()) {
      it->second = qty;
      return;
    }
    if (levels.size() >= cap) {
      ++dropped;
      if (farther_than_all(price)) return;
      levels.erase(bid ? levels.begin() : std::prev(levels.end()));
    }
    levels[price] = qty;
  }
  std::vector<hft_level> best_first() const {
    std::vector<hft_level> v;
    for (const auto& [p, q] : levels) v.push_back({p, q});
    if (bid) std::reverse(v.begin(), v.end());
    return v;
  }
};

std::vector<hft_level> levels_of(const hft_book* b, int32_t side) {
  std::vector<hft_level> v(static_cast<size_t>(hft_book_level_count(b, side)));
  EXPECT_EQ(hft_book_copy_levels(b, side, v.data(), static_cast<int32_t>(v.size())), static_cast<int32_t>(v.size()));
  return v;
}

::testing::AssertionResult same(const std::vector<hft_level>& got, const std::vector<hft_level>& want) {
  if (got.size() != want.size()) return ::testing::AssertionFailure() << got.size() << " levels, want " << want.size();
  for (size_t i = 0; i < got.size(); ++i)
    if (got[i].price != want[i].price || got[i].quantity != want[i].quantity)
      return ::testing::AssertionFailure() << "level " << i << ": " << got[i].price << "x" << got[i].quantity << ", want "
                                           << want[i].price << "x" << want[i].quantity;
  return ::testing::AssertionSuccess();
}

hft_market_event level_event(int32_t side, int64_t price, int64_t qty) {
  hft_market_event e{};
  e.price = price;
  e.quantity = qty;
  e.symbol_id = 7;
  e.kind = 1;  // BookDelta
  e.side = static_cast<uint8_t>(side);
  return e;
}

// Random depth messages over a deep book: most levels near the touch, many anywhere in it (as the simulator and a
// busy real book send them), some beyond either end, removals of present and absent levels, repeated prices.
std::vector<hft_market_event> random_message(std::mt19937_64& rng, int64_t reach) {
  std::vector<hft_market_event> m;
  const size_t n = rng() % 4 == 0 ? 1 + rng() % 16 : 17 + rng() % 240;
  for (size_t i = 0; i < n; ++i) {
    const int32_t side = rng() % 2 == 0 ? HFT_SIDE_BID : HFT_SIDE_ASK;
    const uint64_t kind = rng() % 8;
    const int64_t offset = kind < 3   ? static_cast<int64_t>(rng() % 40) - 5
                           : kind < 7 ? static_cast<int64_t>(rng() % static_cast<uint64_t>(reach))
                                      : reach + static_cast<int64_t>(rng() % 300);
    const int64_t price = side == HFT_SIDE_BID ? kMid - offset : kMid + 1 + offset;
    const int64_t qty = rng() % 3 == 0 ? 0 : static_cast<int64_t>(1 + rng() % 1000);
    m.push_back(level_event(side, price, qty));
    if (rng() % 20 == 0) m.push_back(level_event(side, price, rng() % 2 == 0 ? 0 : 5));
  }
  return m;
}

}  // namespace

// Books of 0-6,000 levels per side under caps from 1 to the default, 60 messages each: the book that took each message
// in one hft_book_apply_events call, the book that took each level in its own hft_book_set call (with a read after
// every level), and the map model hold the same levels, best first, and the same count of levels dropped by the cap.
TEST(BatchApply, OneCallPerMessageEqualsOneCallPerLevelAndTheModelUnderEveryCap) {
  std::mt19937_64 rng(1818);
  for (int32_t cap : {1, 2, 7, 63, 64, 65, 500, 4000, HFT_DEFAULT_MAX_LEVELS}) {
    for (int trial = 0; trial < 4; ++trial) {
      hft_book *batched = nullptr, *single = nullptr;
      ASSERT_EQ(hft_book_create_capped(static_cast<int32_t>(1 + rng() % 300), cap, &batched), HFT_OK);
      ASSERT_EQ(hft_book_create_capped(16, cap, &single), HFT_OK);
      ModelSide bids{{}, true, static_cast<size_t>(cap)}, asks{{}, false, static_cast<size_t>(cap)};
      const int64_t depth = static_cast<int64_t>(rng() % 6000);
      std::vector<hft_level> sb, sa;
      for (int64_t i = 0; i < depth; ++i) {
        if (rng() % 3 == 0) continue;
        sb.push_back({kMid - i, static_cast<int64_t>(1 + rng() % 90)});
        sa.push_back({kMid + 1 + i, static_cast<int64_t>(1 + rng() % 90)});
      }
      ASSERT_EQ(hft_book_load_snapshot(batched, sb.data(), static_cast<int32_t>(sb.size()), sa.data(), static_cast<int32_t>(sa.size())), HFT_OK);
      ASSERT_EQ(hft_book_load_snapshot(single, sb.data(), static_cast<int32_t>(sb.size()), sa.data(), static_cast<int32_t>(sa.size())), HFT_OK);
      // The model loads the snapshot as the book does: the best `cap` levels, the rest dropped and counted.
      for (auto* m : {&bids, &asks}) {
        const auto& src = m->bid ? sb : sa;
        const size_t keep = std::min(src.size(), static_cast<size_t>(cap));
        for (size_t i = 0; i < keep; ++i) m->levels[src[i].price] = src[i].quantity;
        m->dropped += static_cast<int64_t>(src.size() - keep);
      }
      for (int message = 0; message < 60; ++message) {
        const auto events = random_message(rng, depth + 50);
        hft_apply_result r{};
        ASSERT_EQ(hft_book_apply_events(batched, events.data(), static_cast<int32_t>(events.size()), 7, &r), HFT_OK);
        ASSERT_EQ(r.applied, static_cast<int32_t>(events.size()));
        for (const auto& e : events) {
          ASSERT_EQ(hft_book_set(single, e.side, e.price, e.quantity), HFT_OK);
          (void)hft_book_level_count(single, e.side);
          (e.side == HFT_SIDE_BID ? bids : asks).set(e.price, e.quantity);
        }
        for (int32_t side : {HFT_SIDE_BID, HFT_SIDE_ASK}) {
          const auto want = (side == HFT_SIDE_BID ? bids : asks).best_first();
          const auto got = levels_of(batched, side);
          ASSERT_TRUE(same(got, want)) << "cap " << cap << " trial " << trial << " message " << message << " side " << side;
          ASSERT_TRUE(same(levels_of(single, side), want)) << "cap " << cap << " trial " << trial << " message " << message;
        }
        hft_book_stats sbat{}, ssin{};
        ASSERT_EQ(hft_book_get_stats(batched, &sbat), HFT_OK);
        ASSERT_EQ(hft_book_get_stats(single, &ssin), HFT_OK);
        ASSERT_EQ(sbat.bid_levels_dropped, bids.dropped) << "cap " << cap;
        ASSERT_EQ(sbat.ask_levels_dropped, asks.dropped) << "cap " << cap;
        ASSERT_EQ(ssin.bid_levels_dropped, bids.dropped) << "cap " << cap;
      }
      hft_book_destroy(batched);
      hft_book_destroy(single);
    }
  }
}

// Levels inserted worst first and best first (every insert at one end of the ladder: splits in a row), then every
// other one removed and the rest removed from the middle out (thin blocks merging): after each phase the ladder is the
// model's, and the figures, which read the i-th level from the touch through the block cursor, match sums computed
// from the copied levels.
TEST(BatchApply, BlockSplitsMergesAndTheTouchCursorKeepTheLadderAndFiguresExact) {
  hft_book* b = nullptr;
  ASSERT_EQ(hft_book_create(8, &b), HFT_OK);
  ModelSide bids{{}, true}, asks{{}, false};
  auto check = [&](const char* phase) {
    const auto gb = levels_of(b, HFT_SIDE_BID), ga = levels_of(b, HFT_SIDE_ASK);
    ASSERT_TRUE(same(gb, bids.best_first())) << phase;
    ASSERT_TRUE(same(ga, asks.best_first())) << phase;
    if (gb.empty() || ga.empty()) return;
    hft_figures_params p{0, 50, 0};
    hft_figures f{};
    ASSERT_EQ(hft_book_figures(b, &p, &f), HFT_OK);
    for (int n : {1, 5, 10, 20}) {
      double qb = 0, qa = 0;
      for (int i = 0; i < n && i < static_cast<int>(gb.size()); ++i) qb += static_cast<double>(gb[static_cast<size_t>(i)].quantity);
      for (int i = 0; i < n && i < static_cast<int>(ga.size()); ++i) qa += static_cast<double>(ga[static_cast<size_t>(i)].quantity);
      const double want = (qb - qa) / (qb + qa);
      const double got = n == 1 ? f.imbalance_1 : n == 5 ? f.imbalance_5 : n == 10 ? f.imbalance_10 : f.imbalance_20;
      ASSERT_DOUBLE_EQ(got, want) << phase << " imbalance_" << n;
    }
    ASSERT_EQ(f.bid_price, gb[0].price) << phase;
    ASSERT_EQ(f.ask_price, ga[0].price) << phase;
  };
  for (int64_t i = 2999; i >= 0; --i) {  // bids best last: each a new touch; asks worst first
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - i, 1 + i % 7), HFT_OK);
    bids.set(kMid - i, 1 + i % 7);
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + 3000 - i, 1 + i % 5), HFT_OK);
    asks.set(kMid + 3000 - i, 1 + i % 5);
  }
  check("built");
  for (int64_t i = 0; i < 3000; i += 2) {
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - i, 0), HFT_OK);
    bids.set(kMid - i, 0);
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + 1 + i, 0), HFT_OK);
    asks.set(kMid + 1 + i, 0);
  }
  check("every other removed");
  for (int64_t d = 0; d < 1500; d += 1) {  // from the middle outwards
    for (int64_t off : {1500 + d, 1500 - d}) {
      ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - off, 0), HFT_OK);
      bids.set(kMid - off, 0);
      ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + off, 0), HFT_OK);
      asks.set(kMid + off, 0);
    }
    if (d % 250 == 0) check("middle out");
  }
  check("emptied");
  ASSERT_EQ(hft_book_level_count(b, HFT_SIDE_BID), 0);
  hft_book_destroy(b);
}
