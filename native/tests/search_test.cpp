// The ladder's searches (the block index and a level's slot: a binary search in the touch block, a count of the keys
// below it in a deeper one) against a std::map, on every price of a deep ladder: each kept level, each gap between
// two of them (so every block's first and last key and the keys between two blocks), and beyond both ends.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <vector>

#include "hft/hft_native.h"

namespace {

constexpr int64_t kMid = 500000;
constexpr int kDeep = 3000;  // ~60 blocks per side after the snapshot load: most searches are in deep blocks

std::vector<hft_level> levels_of(const hft_book* b, int32_t side) {
  std::vector<hft_level> v(static_cast<size_t>(hft_book_level_count(b, side)));
  hft_book_copy_levels(b, side, v.data(), static_cast<int32_t>(v.size()));
  return v;
}

// Both sides equal the model, best first.
::testing::AssertionResult matches(const hft_book* b, const std::map<int64_t, int64_t>& bids,
                                   const std::map<int64_t, int64_t>& asks) {
  const auto got_bids = levels_of(b, HFT_SIDE_BID);
  const auto got_asks = levels_of(b, HFT_SIDE_ASK);
  if (got_bids.size() != bids.size() || got_asks.size() != asks.size())
    return ::testing::AssertionFailure() << got_bids.size() << "/" << got_asks.size() << " levels, want " << bids.size()
                                         << "/" << asks.size();
  size_t i = 0;
  for (auto it = bids.rbegin(); it != bids.rend(); ++it, ++i)
    if (got_bids[i].price != it->first || got_bids[i].quantity != it->second)
      return ::testing::AssertionFailure() << "bid level " << i;
  i = 0;
  for (const auto& [p, q] : asks)
    if (got_asks[i].price != p || got_asks[i++].quantity != q) return ::testing::AssertionFailure() << "ask level " << i - 1;
  return ::testing::AssertionSuccess();
}

}  // namespace

TEST(LadderSearch, EveryPriceOfADeepLadderLandsWhereAStdMapPutsIt) {
  hft_book* b = nullptr;
  ASSERT_EQ(hft_book_create(2 * kDeep, &b), HFT_OK);
  std::map<int64_t, int64_t> bids, asks;
  std::vector<hft_level> snap_bids, snap_asks;
  for (int i = 0; i < kDeep; ++i) {  // every other price: a gap beside each level
    snap_bids.push_back({kMid - 2 * i, 1 + i % 9});
    snap_asks.push_back({kMid + 2 + 2 * i, 1 + i % 7});
    bids[kMid - 2 * i] = 1 + i % 9;
    asks[kMid + 2 + 2 * i] = 1 + i % 7;
  }
  ASSERT_EQ(hft_book_load_snapshot(b, snap_bids.data(), kDeep, snap_asks.data(), kDeep), HFT_OK);
  ASSERT_TRUE(matches(b, bids, asks));
  // Pass 1: a new quantity at every kept price, deepest first (updates found in place: a wrong slot inserts a copy).
  for (int i = kDeep - 1; i >= 0; --i) {
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - 2 * i, 100 + i), HFT_OK);
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + 2 + 2 * i, 200 + i), HFT_OK);
    bids[kMid - 2 * i] = 100 + i;
    asks[kMid + 2 + 2 * i] = 200 + i;
  }
  ASSERT_TRUE(matches(b, bids, asks));
  // Pass 2: removals of absent prices (the gaps and beyond both ends) change nothing.
  for (int i = -1; i <= kDeep; ++i) {
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - 2 * i + 1, 0), HFT_OK);
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + 2 + 2 * i + 1, 0), HFT_OK);
  }
  ASSERT_TRUE(matches(b, bids, asks));
  // Pass 3: a level in every gap, from the far end in (splits all along the ladder), then every third kept one removed.
  for (int i = kDeep; i >= 0; --i) {
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - 2 * i + 1, 7), HFT_OK);
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + 2 + 2 * i - 1, 8), HFT_OK);
    bids[kMid - 2 * i + 1] = 7;
    asks[kMid + 2 + 2 * i - 1] = 8;
  }
  ASSERT_TRUE(matches(b, bids, asks));
  for (int i = 0; i < 2 * kDeep; i += 3) {
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_BID, kMid - i, 0), HFT_OK);
    ASSERT_EQ(hft_book_set(b, HFT_SIDE_ASK, kMid + 1 + i, 0), HFT_OK);
    bids.erase(kMid - i);
    asks.erase(kMid + 1 + i);
  }
  EXPECT_TRUE(matches(b, bids, asks));
  hft_book_destroy(b);
}

// A deeper block's slot is a count over all of its kBlock key slots: the slots beyond its levels must hold the empty
// key however the block got there (levels removed, merged away, split off, a block back from the free list after a
// clear or a release). Rounds of random deep sets and removals, thinning the ladder until blocks merge and empty,
// then a reload of the book over the freed blocks, each round checked level for level against a std::map.
TEST(LadderSearch, EmptySlotsOfReusedBlocksNeverCountAsLevels) {
  hft_book* b = nullptr;
  ASSERT_EQ(hft_book_create(256, &b), HFT_OK);
  std::map<int64_t, int64_t> bids, asks;
  std::mt19937_64 rng(18);
  for (int round = 0; round < 6; ++round) {
    // Reload: a snapshot over whatever blocks the previous round left (clear() returns them to the free list).
    std::vector<hft_level> snap_bids, snap_asks;
    bids.clear();
    asks.clear();
    const int depth = 600 + round * 250;
    for (int i = 0; i < depth; ++i) {
      snap_bids.push_back({kMid - 3 * i, 1 + i % 5});
      snap_asks.push_back({kMid + 1 + 3 * i, 1 + i % 6});
      bids[kMid - 3 * i] = 1 + i % 5;
      asks[kMid + 1 + 3 * i] = 1 + i % 6;
    }
    ASSERT_EQ(hft_book_load_snapshot(b, snap_bids.data(), depth, snap_asks.data(), depth), HFT_OK);
    for (int step = 0; step < 30000; ++step) {
      // Removals outnumber inserts early in a round (blocks thin, merge and empty), inserts later (blocks split).
      const bool remove = rng() % 10 < (step < 15000 ? 7u : 3u);
      const int32_t side = (rng() & 1) ? HFT_SIDE_BID : HFT_SIDE_ASK;
      const int64_t off = static_cast<int64_t>(rng() % static_cast<uint64_t>(3 * depth));
      const int64_t price = side == HFT_SIDE_BID ? kMid - off : kMid + 1 + off;
      const int64_t qty = remove ? 0 : static_cast<int64_t>(1 + rng() % 40);
      ASSERT_EQ(hft_book_set(b, side, price, qty), HFT_OK);
      auto& m = side == HFT_SIDE_BID ? bids : asks;
      if (qty == 0)
        m.erase(price);
      else
        m[price] = qty;
      if (step % 5000 == 4999) {
        ASSERT_TRUE(matches(b, bids, asks)) << "round " << round << " step " << step;
      }
    }
  }
  hft_book_destroy(b);
}
