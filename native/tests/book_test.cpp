#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

#include "hft/hft_native.h"

namespace {

struct Book {
  hft_book* b = nullptr;
  explicit Book(int32_t n = 64) { EXPECT_EQ(hft_book_create(n, &b), HFT_OK); }
  ~Book() { hft_book_destroy(b); }
  std::vector<hft_level> levels(int32_t side) const {
    std::vector<hft_level> v(static_cast<size_t>(hft_book_level_count(b, side)));
    EXPECT_EQ(hft_book_copy_levels(b, side, v.data(), static_cast<int32_t>(v.size())), static_cast<int32_t>(v.size()));
    return v;
  }
};

}  // namespace

TEST(Book, KeepsBidsAndAsksBestFirst) {
  Book book;
  for (int64_t p : {100, 98, 99}) hft_book_set(book.b, HFT_SIDE_BID, p, p);
  for (int64_t p : {103, 101, 102}) hft_book_set(book.b, HFT_SIDE_ASK, p, p);
  auto bids = book.levels(HFT_SIDE_BID);
  auto asks = book.levels(HFT_SIDE_ASK);
  ASSERT_EQ(bids.size(), 3u);
  EXPECT_EQ(bids[0].price, 100);
  EXPECT_EQ(bids[2].price, 98);
  EXPECT_EQ(asks[0].price, 101);
  EXPECT_EQ(asks[2].price, 103);
}

TEST(Book, ZeroQuantityRemovesAndUnknownRemoveIsANoOp) {
  Book book;
  hft_book_set(book.b, HFT_SIDE_BID, 100, 5);
  EXPECT_EQ(hft_book_set(book.b, HFT_SIDE_BID, 101, 0), HFT_OK);
  EXPECT_EQ(hft_book_level_count(book.b, HFT_SIDE_BID), 1);
  hft_book_set(book.b, HFT_SIDE_BID, 100, 0);
  EXPECT_EQ(hft_book_level_count(book.b, HFT_SIDE_BID), 0);
}

TEST(Book, ReportsCrossedOnlyWhenBothSidesPresent) {
  Book book;
  hft_book_set(book.b, HFT_SIDE_BID, 100, 5);
  EXPECT_EQ(hft_book_is_crossed(book.b), 0);
  hft_book_set(book.b, HFT_SIDE_ASK, 100, 5);
  EXPECT_EQ(hft_book_is_crossed(book.b), 1);
  hft_book_set(book.b, HFT_SIDE_ASK, 100, 0);
  hft_book_set(book.b, HFT_SIDE_ASK, 101, 5);
  EXPECT_EQ(hft_book_is_crossed(book.b), 0);
}

TEST(Book, SnapshotSortsDropsZerosAndLastDuplicateWins) {
  Book book;
  hft_book_set(book.b, HFT_SIDE_BID, 1, 1);
  const hft_level bids[] = {{99, 1}, {100, 2}, {98, 0}, {99, 7}};
  const hft_level asks[] = {{105, 1}, {101, 2}};
  ASSERT_EQ(hft_book_load_snapshot(book.b, bids, 4, asks, 2), HFT_OK);
  auto b = book.levels(HFT_SIDE_BID);
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].price, 100);
  EXPECT_EQ(b[1].quantity, 7);
  EXPECT_EQ(book.levels(HFT_SIDE_ASK)[0].price, 101);
}

TEST(Book, BadSnapshotLeavesTheBookCleared) {
  Book book;
  hft_book_set(book.b, HFT_SIDE_BID, 100, 1);
  const hft_level bids[] = {{99, 1}, {-5, 2}};
  EXPECT_EQ(hft_book_load_snapshot(book.b, bids, 2, nullptr, 0), HFT_E_PRICE);
  EXPECT_EQ(hft_book_level_count(book.b, HFT_SIDE_BID), 0);
}

TEST(Book, MatchesAStdMapUnderLongRandomSequences) {
  Book book(16);  // smaller than the ladder grows to: exercises growth past the reservation too
  std::map<int64_t, int64_t> bids, asks;
  std::mt19937_64 rng(42);
  for (int step = 0; step < 20000; ++step) {
    const int32_t side = (rng() & 1) ? HFT_SIDE_BID : HFT_SIDE_ASK;
    const int64_t offset = static_cast<int64_t>(rng() % 200);
    const int64_t price = side == HFT_SIDE_BID ? 10000 - offset : 10001 + offset;
    const int64_t qty = (rng() % 3 == 0) ? 0 : static_cast<int64_t>(rng() % 50 + 1);
    ASSERT_EQ(hft_book_set(book.b, side, price, qty), HFT_OK);
    auto& m = side == HFT_SIDE_BID ? bids : asks;
    if (qty == 0)
      m.erase(price);
    else
      m[price] = qty;
  }
  auto b = book.levels(HFT_SIDE_BID);
  auto a = book.levels(HFT_SIDE_ASK);
  ASSERT_EQ(b.size(), bids.size());
  ASSERT_EQ(a.size(), asks.size());
  size_t i = 0;
  for (auto it = bids.rbegin(); it != bids.rend(); ++it, ++i) {
    EXPECT_EQ(b[i].price, it->first);
    EXPECT_EQ(b[i].quantity, it->second);
  }
  i = 0;
  for (auto& [p, q] : asks) {
    EXPECT_EQ(a[i].price, p);
    EXPECT_EQ(a[i].quantity, q);
    ++i;
  }
}

namespace {
// The reference of a capped side: a std::map where, after each insert, the farthest level beyond the cap goes.
struct CappedModel {
  std::map<int64_t, int64_t> levels;  // key = price for bids, -price for asks: best = largest key
  size_t cap;
  int64_t dropped = 0;
  void set(int64_t key, int64_t qty) {
    if (qty == 0) {
      levels.erase(key);
      return;
    }
    levels[key] = qty;
    if (levels.size() > cap) {
      levels.erase(levels.begin());
      ++dropped;
    }
  }
};
}  // namespace

TEST(Book, MatchesACappedStdMapUnderLongRandomSequences) {
  constexpr int32_t kCap = 50;
  hft_book* b = nullptr;
  ASSERT_EQ(hft_book_create_capped(8, kCap, &b), HFT_OK);
  CappedModel bids{{}, kCap}, asks{{}, kCap};
  std::mt19937_64 rng(7);
  for (int step = 0; step < 100000; ++step) {
    const int32_t side = (rng() & 1) ? HFT_SIDE_BID : HFT_SIDE_ASK;
    // Mostly near the touch, sometimes far: inserts and erases at both ends and in the middle.
    const int64_t offset = (rng() % 4 == 0) ? static_cast<int64_t>(rng() % 400) : static_cast<int64_t>(rng() % 40);
    const int64_t price = side == HFT_SIDE_BID ? 10000 - offset : 10001 + offset;
    const int64_t qty = (rng() % 3 == 0) ? 0 : static_cast<int64_t>(rng() % 50 + 1);
    ASSERT_EQ(hft_book_set(b, side, price, qty), HFT_OK);
    (side == HFT_SIDE_BID ? bids : asks).set(side == HFT_SIDE_BID ? price : -price, qty);
  }
  for (int32_t side : {HFT_SIDE_BID, HFT_SIDE_ASK}) {
    const auto& m = side == HFT_SIDE_BID ? bids : asks;
    std::vector<hft_level> got(kCap + 1);
    const int32_t n = hft_book_copy_levels(b, side, got.data(), static_cast<int32_t>(got.size()));
    ASSERT_EQ(static_cast<size_t>(n), m.levels.size());
    size_t i = 0;
    for (auto it = m.levels.rbegin(); it != m.levels.rend(); ++it, ++i) {
      EXPECT_EQ(got[i].price, side == HFT_SIDE_BID ? it->first : -it->first);
      EXPECT_EQ(got[i].quantity, it->second);
    }
  }
  hft_book_stats stats{};
  ASSERT_EQ(hft_book_get_stats(b, &stats), HFT_OK);
  EXPECT_EQ(stats.max_levels_per_side, kCap);
  EXPECT_EQ(stats.bid_levels_dropped, bids.dropped);
  EXPECT_EQ(stats.ask_levels_dropped, asks.dropped);
  EXPECT_GT(bids.dropped, 0);
  hft_book_destroy(b);
}

// A crafted depth feed of 400k levels, best first as Binance orders them (so each new level is the farthest):
// the uncapped ladder shifted the whole array per level (17.7 s); now the side keeps the default cap, drops and
// counts the rest, and the touch is untouched.
TEST(Book, FourHundredThousandLevelsKeepTheCapAndTheTouch) {
  Book book(64);
  constexpr int64_t kLevels = 400000;
  for (int64_t i = 0; i < kLevels; ++i) {
    ASSERT_EQ(hft_book_set(book.b, HFT_SIDE_BID, 1000000 - i, 1 + i), HFT_OK);
    ASSERT_EQ(hft_book_set(book.b, HFT_SIDE_ASK, 1000001 + i, 1 + i), HFT_OK);
  }
  EXPECT_EQ(hft_book_level_count(book.b, HFT_SIDE_BID), HFT_DEFAULT_MAX_LEVELS);
  EXPECT_EQ(hft_book_level_count(book.b, HFT_SIDE_ASK), HFT_DEFAULT_MAX_LEVELS);
  hft_top top{};
  ASSERT_EQ(hft_book_top(book.b, &top), 1);
  EXPECT_EQ(top.bid_price, 1000000);
  EXPECT_EQ(top.bid_quantity, 1);
  EXPECT_EQ(top.ask_price, 1000001);
  auto bids = book.levels(HFT_SIDE_BID);
  EXPECT_EQ(bids.back().price, 1000000 - HFT_DEFAULT_MAX_LEVELS + 1);
  hft_book_stats stats{};
  ASSERT_EQ(hft_book_get_stats(book.b, &stats), HFT_OK);
  EXPECT_EQ(stats.bid_levels_dropped, kLevels - HFT_DEFAULT_MAX_LEVELS);
  EXPECT_EQ(stats.ask_levels_dropped, kLevels - HFT_DEFAULT_MAX_LEVELS);

  // The same count in random order: every insert moves at most half the capped side.
  std::mt19937_64 rng(3);
  for (int64_t i = 0; i < kLevels; ++i)
    ASSERT_EQ(hft_book_set(book.b, HFT_SIDE_BID, 1 + static_cast<int64_t>(rng() % 2000000), 5), HFT_OK);
  EXPECT_EQ(hft_book_level_count(book.b, HFT_SIDE_BID), HFT_DEFAULT_MAX_LEVELS);
  bids = book.levels(HFT_SIDE_BID);
  for (size_t i = 1; i < bids.size(); ++i) ASSERT_GT(bids[i - 1].price, bids[i].price);
}

TEST(Book, ASnapshotBeyondTheCapKeepsTheBestLevels) {
  hft_book* b = nullptr;
  ASSERT_EQ(hft_book_create_capped(4, 3, &b), HFT_OK);
  const hft_level bids[] = {{95, 1}, {100, 2}, {97, 3}, {99, 4}, {98, 5}};
  const hft_level asks[] = {{101, 1}};
  ASSERT_EQ(hft_book_load_snapshot(b, bids, 5, asks, 1), HFT_OK);
  hft_level got[5]{};
  ASSERT_EQ(hft_book_copy_levels(b, HFT_SIDE_BID, got, 5), 3);
  EXPECT_EQ(got[0].price, 100);
  EXPECT_EQ(got[2].price, 98);
  hft_book_stats stats{};
  ASSERT_EQ(hft_book_get_stats(b, &stats), HFT_OK);
  EXPECT_EQ(stats.bid_levels_dropped, 2);
  EXPECT_EQ(stats.ask_levels_dropped, 0);
  EXPECT_EQ(hft_book_create_capped(4, 0, &b), HFT_E_ARGUMENT);
  hft_book_destroy(b);
}
