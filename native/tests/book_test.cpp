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
