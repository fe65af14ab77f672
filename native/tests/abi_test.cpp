#include <gtest/gtest.h>

#include "hft/hft_native.h"

TEST(Abi, ReportsItsVersion) { EXPECT_EQ(hft_native_abi_version(), HFT_ABI_VERSION); }

TEST(Abi, ReportsStructSizesForBindingChecks) {
  EXPECT_EQ(hft_abi_sizeof(HFT_STRUCT_MARKET_EVENT), 64);
  EXPECT_EQ(hft_abi_sizeof(HFT_STRUCT_FIGURES), static_cast<int32_t>(sizeof(hft_figures)));
  EXPECT_EQ(hft_abi_sizeof(HFT_STRUCT_BOOK_STATS), 24);
  EXPECT_EQ(hft_abi_sizeof(999), -1);
}

TEST(Abi, RejectsNullAndBadArgumentsWithStatusCodes) {
  hft_book* book = nullptr;
  EXPECT_EQ(hft_book_create(0, &book), HFT_E_ARGUMENT);
  EXPECT_EQ(hft_book_create(16, nullptr), HFT_E_NULL);
  ASSERT_EQ(hft_book_create(16, &book), HFT_OK);
  EXPECT_EQ(hft_book_set(nullptr, HFT_SIDE_BID, 1, 1), HFT_E_NULL);
  EXPECT_EQ(hft_book_set(book, 0, 1, 1), HFT_E_SIDE);
  EXPECT_EQ(hft_book_set(book, HFT_SIDE_ASK, 0, 1), HFT_E_PRICE);
  EXPECT_EQ(hft_book_set(book, HFT_SIDE_ASK, 5, -1), HFT_E_QUANTITY);
  EXPECT_EQ(hft_book_level_count(book, 3), HFT_E_SIDE);
  EXPECT_EQ(hft_book_copy_levels(book, HFT_SIDE_BID, nullptr, 4), HFT_E_NULL);
  EXPECT_EQ(hft_book_apply_events(book, nullptr, 3, -1, nullptr), HFT_E_NULL);
  EXPECT_EQ(hft_book_level_count(book, HFT_SIDE_ASK), 0);
  hft_book_destroy(book);
  hft_book_destroy(nullptr);
}

TEST(Abi, AppliesABatchOfEventsAndCountsWhatItSkipped) {
  hft_book* book = nullptr;
  ASSERT_EQ(hft_book_create(16, &book), HFT_OK);
  hft_market_event ev[5]{};
  ev[0] = {0, 0, 100, 5, 0, 0, 1, 7, 2, HFT_SIDE_BID, 2};  // snapshot start
  ev[1] = {0, 0, 101, 3, 0, 0, 1, 7, 2, HFT_SIDE_ASK, 0};
  ev[2] = {0, 0, 99, -1, 0, 0, 1, 7, 1, HFT_SIDE_BID, 0};  // bad quantity
  ev[3] = {0, 0, 50, 1, 0, 0, 1, 8, 1, HFT_SIDE_BID, 0};   // other symbol
  ev[4] = {0, 0, 100, 1, 0, 0, 1, 7, 4, HFT_SIDE_BID, 1};  // trade
  hft_apply_result r{};
  ASSERT_EQ(hft_book_apply_events(book, ev, 5, 7, &r), HFT_OK);
  EXPECT_EQ(r.applied, 2);
  EXPECT_EQ(r.rejected, 1);
  EXPECT_EQ(r.ignored, 2);
  EXPECT_EQ(r.snapshots, 1);
  hft_top top{};
  EXPECT_EQ(hft_book_top(book, &top), 1);
  EXPECT_EQ(top.bid_price, 100);
  EXPECT_EQ(top.ask_quantity, 3);
  hft_book_destroy(book);
}
