#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "hft/hft_native.h"

namespace {
struct Fixture : ::testing::Test {
  hft_book* b = nullptr;
  hft_figures_params params{0, 10, 0};
  hft_figures f{};
  void SetUp() override { ASSERT_EQ(hft_book_create(64, &b), HFT_OK); }
  void TearDown() override { hft_book_destroy(b); }
  void compute() { ASSERT_EQ(hft_book_figures(b, &params, &f), HFT_OK); }
};
}  // namespace

using Figures = Fixture;

TEST_F(Figures, TouchMidMicropriceAndSpread) {
  hft_book_set(b, HFT_SIDE_BID, 100, 30);
  hft_book_set(b, HFT_SIDE_ASK, 102, 10);
  compute();
  EXPECT_EQ(f.spread, 2);
  EXPECT_DOUBLE_EQ(f.mid, 101.0);
  // (100*10 + 102*30) / 40 = 101.5: the heavy bid pulls the microprice towards the ask.
  EXPECT_DOUBLE_EQ(f.microprice, 101.5);
  EXPECT_DOUBLE_EQ(f.imbalance_1, 0.5);
  EXPECT_EQ(f.flags & (HFT_FIG_HAS_BID | HFT_FIG_HAS_ASK | HFT_FIG_CROSSED), HFT_FIG_HAS_BID | HFT_FIG_HAS_ASK);
}

TEST_F(Figures, EmptySideGivesZerosAndFlags) {
  hft_book_set(b, HFT_SIDE_BID, 100, 30);
  compute();
  EXPECT_EQ(f.flags & HFT_FIG_HAS_ASK, 0);
  EXPECT_EQ(f.mid, 0.0);
  EXPECT_DOUBLE_EQ(f.imbalance_20, 1.0);
}

TEST_F(Figures, ImpactWalksLevelsAndFlagsPartialFills) {
  hft_book_set(b, HFT_SIDE_ASK, 100, 1);  // 100 notional
  hft_book_set(b, HFT_SIDE_ASK, 200, 1);  // 200 notional
  hft_book_set(b, HFT_SIDE_BID, 50, 10);  // 500 notional
  params.impact_notional = 200;           // buy: 100 at 100 (1 lot) + 100 at 200 (0.5 lot) -> VWAP 133.33
  compute();
  EXPECT_NEAR(f.buy_impact, 200.0 / 1.5 - 100.0, 1e-9);
  EXPECT_DOUBLE_EQ(f.sell_impact, 0.0);
  EXPECT_EQ(f.flags & (HFT_FIG_BUY_IMPACT_PARTIAL | HFT_FIG_SELL_IMPACT_PARTIAL), 0);
  params.impact_notional = 1000;
  compute();
  EXPECT_NE(f.flags & HFT_FIG_BUY_IMPACT_PARTIAL, 0);
  EXPECT_DOUBLE_EQ(f.buy_filled_notional, 300.0);
}

TEST_F(Figures, OrderFlowImbalanceFollowsContKukanovStoikov) {
  hft_book_set(b, HFT_SIDE_BID, 100, 10);
  hft_book_set(b, HFT_SIDE_ASK, 101, 10);
  compute();
  EXPECT_EQ(f.flags & HFT_FIG_OFI_VALID, 0);
  hft_book_set(b, HFT_SIDE_BID, 100, 15);  // +5 on the bid
  hft_book_set(b, HFT_SIDE_ASK, 101, 4);   // -6 on the ask: +6
  compute();
  EXPECT_NE(f.flags & HFT_FIG_OFI_VALID, 0);
  EXPECT_EQ(f.ofi[0], 11);
  hft_book_set(b, HFT_SIDE_BID, 100, 0);  // best bid gone: level 1 is now missing (price 0)
  compute();
  EXPECT_EQ(f.ofi[0], -15);
  hft_book_set(b, HFT_SIDE_ASK, 100, 3);  // ask improves to 100: -3 at level 1, old 101 becomes level 2
  compute();
  EXPECT_EQ(f.ofi[0], -3);
  EXPECT_EQ(f.ofi[1], -4);  // level 2 appears at 101 with 4 lots (missing ask = +inf before)
  EXPECT_EQ(f.ofi_total, -7);
}

TEST_F(Figures, SlopeIsDepthOverDistanceFromMid) {
  hft_book_set(b, HFT_SIDE_BID, 100, 10);
  hft_book_set(b, HFT_SIDE_BID, 99, 20);
  hft_book_set(b, HFT_SIDE_ASK, 102, 5);
  params.slope_levels = 2;
  compute();
  EXPECT_DOUBLE_EQ(f.bid_slope, 30.0 / (101.0 - 99.0 + 0.5));
  EXPECT_DOUBLE_EQ(f.ask_slope, 5.0 / (102.0 - 101.0 + 0.5));
}

TEST_F(Figures, ClearForgetsTheOrderFlowState) {
  hft_book_set(b, HFT_SIDE_BID, 100, 10);
  compute();
  hft_book_clear(b);
  compute();
  EXPECT_EQ(f.flags & HFT_FIG_OFI_VALID, 0);
}

TEST_F(Figures, ImpactWalkStopsAtTheLevelCapAndReportsPartial) {
  for (int64_t i = 0; i < HFT_MAX_WALK_LEVELS + 500; ++i) hft_book_set(b, HFT_SIDE_ASK, 1000 + i, 1);
  params.impact_notional = 1e12;
  compute();
  EXPECT_NE(f.flags & HFT_FIG_BUY_IMPACT_PARTIAL, 0);
  // Levels 1000..1999, one lot each: the capped walk fills sum(1000..1999) of notional.
  EXPECT_DOUBLE_EQ(f.buy_filled_notional, (1000.0 + 1999.0) * HFT_MAX_WALK_LEVELS / 2.0);
}

// Quantities near INT64_MAX (a crafted feed) wrapped the int64 depth sums (imbalance_20 stuck at -1 on a book
// heavier on the bid) and the order-flow sums (ofi_total -6e19 on a flow all to the bid): exact sums now.
TEST_F(Figures, HugeQuantitiesGiveFiniteFiguresOfTheRightSign) {
  constexpr int64_t kHuge = INT64_MAX - 7;
  for (int64_t i = 0; i < 20; ++i) hft_book_set(b, HFT_SIDE_BID, 1000 - i, kHuge);
  for (int64_t i = 0; i < 20; ++i) hft_book_set(b, HFT_SIDE_ASK, 1001 + i, 1);
  compute();
  EXPECT_GT(f.imbalance_5, 0.99);
  EXPECT_GT(f.imbalance_20, 0.99);
  EXPECT_LE(f.imbalance_20, 1.0);
  EXPECT_GT(f.bid_slope, 0.0);
  EXPECT_TRUE(std::isfinite(f.bid_slope));

  // Every bid level moves up one tick with the same huge size (e_m gains +qb_m) and the asks move away one
  // level (e_m gains +qa'_m = 1) at each of the 10 levels.
  for (int64_t i = 0; i < 20; ++i) hft_book_set(b, HFT_SIDE_BID, 1000 - i, 0);
  for (int64_t i = 0; i < 20; ++i) hft_book_set(b, HFT_SIDE_BID, 1000 - i + 1, kHuge);
  hft_book_set(b, HFT_SIDE_ASK, 1001, 0);  // keep the book uncrossed
  compute();
  ASSERT_NE(f.flags & HFT_FIG_OFI_VALID, 0);
  for (int m = 0; m < HFT_OFI_LEVELS; ++m) EXPECT_EQ(f.ofi[m], kHuge + 1) << m;
  EXPECT_EQ(f.ofi_total, INT64_MAX);  // 10 * (kHuge + 1), saturated rather than wrapped negative

  // And the opposite flow saturates at the other end.
  for (int64_t i = 0; i < 20; ++i) hft_book_set(b, HFT_SIDE_BID, 1000 - i + 1, 0);
  compute();
  EXPECT_LT(f.ofi_total, 0);
  EXPECT_EQ(f.ofi_total, INT64_MIN);
  EXPECT_LT(f.imbalance_20, 0.0);
}
