#include "order_book.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hft {

namespace {

constexpr int64_t kMissingAsk = std::numeric_limits<int64_t>::max();
// Bounds the impact walk (and the slope) so hft_book_figures stays short enough for SuppressGCTransition.
constexpr int32_t kMaxImpactLevels = HFT_MAX_WALK_LEVELS;

// Top N levels of a side, best first; a missing level is (missing_price, 0) as the OFI formula needs.
void top_levels(const Ladder& side, int64_t missing_price, hft_level (&out)[HFT_OFI_LEVELS]) noexcept {
  const int32_t n = std::min<int32_t>(side.size(), HFT_OFI_LEVELS);
  for (int32_t i = 0; i < n; ++i) out[i] = side.level_at(i);
  for (int32_t i = n; i < HFT_OFI_LEVELS; ++i) out[i] = hft_level{missing_price, 0};
}

// Quantities are non-negative int64s: a sum of up to 2^63 of them fits an __int128, never overflows it.
__extension__ typedef __int128 Wide;

// A wide sum as a double: through int64 when it fits (bit-identical to the former int64 sums), else directly.
double to_double(Wide sum) noexcept {
  constexpr Wide kMax = std::numeric_limits<int64_t>::max();
  constexpr Wide kMin = std::numeric_limits<int64_t>::min();
  return sum <= kMax && sum >= kMin ? static_cast<double>(static_cast<int64_t>(sum)) : static_cast<double>(sum);
}

// A wide value clamped to int64 (order-flow figures are int64 in the ABI: saturate, never wrap).
int64_t saturate(Wide v) noexcept {
  constexpr Wide kMax = std::numeric_limits<int64_t>::max();
  constexpr Wide kMin = std::numeric_limits<int64_t>::min();
  return v > kMax ? std::numeric_limits<int64_t>::max() : v < kMin ? std::numeric_limits<int64_t>::min() : static_cast<int64_t>(v);
}

// Sum of the quantities of the best `levels` levels (fewer if the side is shorter), exact.
double depth(const Ladder& side, int32_t levels) noexcept {
  const int32_t n = std::min(side.size(), levels);
  Wide sum = 0;
  for (int32_t i = 0; i < n; ++i) sum += side.quantity_at(i);
  return to_double(sum);
}

// Cumulative depth of the best 1, 5, 10 and 20 levels in one pass over the first 20 levels.
struct Depths {
  double at[4]{};
};
Depths depths(const Ladder& side) noexcept {
  Depths d;
  const int32_t n = std::min(side.size(), 20);
  Wide sum = 0;
  for (int32_t i = 0; i < 20; ++i) {
    if (i < n) sum += side.quantity_at(i);
    if (i == 0) d.at[0] = to_double(sum);
    if (i == 4) d.at[1] = to_double(sum);
    if (i == 9) d.at[2] = to_double(sum);
  }
  d.at[3] = to_double(sum);
  return d;
}

double imbalance(double b, double a) noexcept { return b + a > 0 ? (b - a) / (b + a) : 0.0; }

// Walks a side best first to fill `notional` (price*qty units). Returns the VWAP's distance from the best
// price in ticks (always >= 0) and writes the notional actually filled.
double impact(const Ladder& side, double notional, double& filled_notional) noexcept {
  filled_notional = 0;
  if (notional <= 0 || side.empty()) return 0;
  double filled_qty = 0;
  const int32_t levels = std::min(side.size(), kMaxImpactLevels);
  for (int32_t i = 0; i < levels && filled_notional < notional; ++i) {
    const hft_level level = side.level_at(i);
    const double price = static_cast<double>(level.price);
    const double level_notional = price * static_cast<double>(level.quantity);
    const double take = std::min(level_notional, notional - filled_notional);
    filled_notional += take;
    filled_qty += take / price;
  }
  if (!(filled_qty > 0)) return 0;  // a notional so small that notional / price underflows
  const double vwap = filled_notional / filled_qty;
  const double best = static_cast<double>(side.price_at(0));
  return vwap > best ? vwap - best : best - vwap;
}

double slope(const Ladder& side, double mid, int32_t levels) noexcept {
  const int32_t k = std::min(side.size(), levels);
  if (k == 0) return 0;
  const double distance = std::abs(static_cast<double>(side.price_at(k - 1)) - mid) + 0.5;
  return depth(side, k) / distance;
}

// CKS 2014 order-flow contribution of one level between the previous (p) and current (c) states, exact
// (four quantities near INT64_MAX would overflow an int64 sum; the caller saturates).
Wide ofi_level(const hft_level& bid_p, const hft_level& bid_c, const hft_level& ask_p,
               const hft_level& ask_c) noexcept {
  Wide e = 0;
  if (bid_c.price >= bid_p.price) e += bid_c.quantity;
  if (bid_c.price <= bid_p.price) e -= bid_p.quantity;
  if (ask_c.price <= ask_p.price) e -= ask_c.quantity;
  if (ask_c.price >= ask_p.price) e += ask_p.quantity;
  return e;
}

}  // namespace

OrderBook::OrderBook(int32_t expected_levels_per_side, int32_t max_levels_per_side) {
  bids_.set_max_levels(static_cast<size_t>(max_levels_per_side));
  asks_.set_max_levels(static_cast<size_t>(max_levels_per_side));
  bids_.reserve(static_cast<size_t>(expected_levels_per_side));
  asks_.reserve(static_cast<size_t>(expected_levels_per_side));
}

void OrderBook::clear() noexcept {
  bids_.clear();
  asks_.clear();
  reset_flow();
}

bool OrderBook::crossed() const noexcept {
  return !bids_.empty() && !asks_.empty() && bids_.price_at(0) >= asks_.price_at(0);
}

void OrderBook::figures(const hft_figures_params& params, hft_figures& out) noexcept {
  out = hft_figures{};
  out.bid_levels = bids_.size();
  out.ask_levels = asks_.size();
  const bool has_bid = !bids_.empty();
  const bool has_ask = !asks_.empty();
  if (has_bid) {
    out.bid_price = bids_.price_at(0);
    out.bid_quantity = bids_.quantity_at(0);
    out.flags |= HFT_FIG_HAS_BID;
  }
  if (has_ask) {
    out.ask_price = asks_.price_at(0);
    out.ask_quantity = asks_.quantity_at(0);
    out.flags |= HFT_FIG_HAS_ASK;
  }
  if (has_bid && has_ask) {
    out.spread = out.ask_price - out.bid_price;
    out.mid = (static_cast<double>(out.bid_price) + static_cast<double>(out.ask_price)) / 2.0;
    const double qb = static_cast<double>(out.bid_quantity);
    const double qa = static_cast<double>(out.ask_quantity);
    out.microprice = (static_cast<double>(out.bid_price) * qa + static_cast<double>(out.ask_price) * qb) / (qb + qa);
    if (out.bid_price >= out.ask_price) out.flags |= HFT_FIG_CROSSED;
    const int32_t k = params.slope_levels > 0 ? std::min(params.slope_levels, HFT_MAX_WALK_LEVELS) : 10;
    out.bid_slope = slope(bids_, out.mid, k);
    out.ask_slope = slope(asks_, out.mid, k);
  }
  const Depths bid_depths = depths(bids_);
  const Depths ask_depths = depths(asks_);
  out.imbalance_1 = imbalance(bid_depths.at[0], ask_depths.at[0]);
  out.imbalance_5 = imbalance(bid_depths.at[1], ask_depths.at[1]);
  out.imbalance_10 = imbalance(bid_depths.at[2], ask_depths.at[2]);
  out.imbalance_20 = imbalance(bid_depths.at[3], ask_depths.at[3]);

  out.buy_impact = impact(asks_, params.impact_notional, out.buy_filled_notional);
  out.sell_impact = impact(bids_, params.impact_notional, out.sell_filled_notional);
  if (params.impact_notional > 0 && out.buy_filled_notional < params.impact_notional)
    out.flags |= HFT_FIG_BUY_IMPACT_PARTIAL;
  if (params.impact_notional > 0 && out.sell_filled_notional < params.impact_notional)
    out.flags |= HFT_FIG_SELL_IMPACT_PARTIAL;

  hft_level bids_now[HFT_OFI_LEVELS];
  hft_level asks_now[HFT_OFI_LEVELS];
  top_levels(bids_, 0, bids_now);
  top_levels(asks_, kMissingAsk, asks_now);
  if (has_previous_) {
    out.flags |= HFT_FIG_OFI_VALID;
    Wide total = 0;
    for (int m = 0; m < HFT_OFI_LEVELS; ++m) {
      out.ofi[m] = saturate(ofi_level(previous_bids_[m], bids_now[m], previous_asks_[m], asks_now[m]));
      total += out.ofi[m];
    }
    out.ofi_total = saturate(total);
  }
  std::copy(std::begin(bids_now), std::end(bids_now), std::begin(previous_bids_));
  std::copy(std::begin(asks_now), std::end(asks_now), std::begin(previous_asks_));
  has_previous_ = true;
}

}  // namespace hft
