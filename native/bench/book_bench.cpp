// Native-only micro benchmarks (optional; the BenchmarkDotNet suites are the reference figures).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>
#include <vector>

#include "hft/hft_native.h"

namespace {
constexpr int kLevels = 5000;
constexpr int64_t kMid = 100000;

// A book holding a 5000-level-per-side snapshot around kMid, destroyed with the scope.
struct SnapshotBook {
  hft_book* book = nullptr;
  SnapshotBook() {
    hft_book_create(8192, &book);
    std::vector<hft_level> bids, asks;
    for (int i = 0; i < kLevels; ++i) {
      bids.push_back({kMid - i, 10 + i % 7});
      asks.push_back({kMid + 1 + i, 10 + i % 5});
    }
    hft_book_load_snapshot(book, bids.data(), kLevels, asks.data(), kLevels);
  }
  SnapshotBook(const SnapshotBook&) = delete;
  SnapshotBook& operator=(const SnapshotBook&) = delete;
  ~SnapshotBook() { hft_book_destroy(book); }
};

// Distance from the mid, in ticks, of a level a depth message changes: spread over the whole ladder, as on a real
// book (a tenth at the touch, a quarter beyond 1200 ticks).
int64_t spread_depth(std::mt19937_64& rng) {
  const uint64_t u = rng() % 100;
  if (u < 10) return static_cast<int64_t>(rng() % 3);
  if (u < 25) return static_cast<int64_t>(3 + rng() % 22);
  if (u < 50) return static_cast<int64_t>(25 + rng() % 305);
  if (u < 75) return static_cast<int64_t>(330 + rng() % 870);
  return static_cast<int64_t>(1200 + rng() % 3700);
}
}  // namespace

static void BM_TouchUpdates(benchmark::State& state) {
  SnapshotBook s;
  std::mt19937_64 rng(1);
  std::vector<hft_level> ops(4096);
  for (auto& o : ops) o = {static_cast<int64_t>(rng() % 24), static_cast<int64_t>(rng() % 4)};
  size_t i = 0;
  for (auto _ : state) {
    const auto& o = ops[i++ & 4095];
    const int32_t side = (o.price & 1) ? HFT_SIDE_BID : HFT_SIDE_ASK;
    const int64_t price = side == HFT_SIDE_BID ? kMid - o.price / 2 : kMid + 1 + o.price / 2;
    benchmark::DoNotOptimize(hft_book_set(s.book, side, price, o.quantity));
  }
}
BENCHMARK(BM_TouchUpdates);

static void BM_Figures(benchmark::State& state) {
  SnapshotBook s;
  hft_figures_params params{1e7, 10, 0};
  hft_figures f{};
  for (auto _ : state) {
    hft_book_figures(s.book, &params, &f);
    benchmark::DoNotOptimize(f);
  }
}
BENCHMARK(BM_Figures);

// A depth message as the simulator sends them (issue #18's tail): 44 levels, half per side, best first, spread over
// the whole 5000-level ladder (a tenth at the touch, the median 330 levels deep, a quarter beyond 1,200), a third of
// them removals, the rest new levels or new quantities; then the read that applies it (hft_book_is_crossed, as the
// synchronizer's completion check). Removals and re-inserts balance, so the ladder keeps its depth.
static void BM_SpreadDepthMessage(benchmark::State& state) {
  SnapshotBook s;
  std::mt19937_64 rng(18);
  constexpr int kPerSide = 22;
  auto depth = [&rng]() { return spread_depth(rng); };
  std::vector<std::vector<hft_level>> messages(256);
  for (auto& m : messages) {
    std::vector<int64_t> bid, ask;
    for (int i = 0; i < kPerSide; ++i) bid.push_back(depth()), ask.push_back(depth());
    std::sort(bid.begin(), bid.end());
    std::sort(ask.begin(), ask.end());
    for (int64_t d : bid) m.push_back({kMid - d, rng() % 3 == 0 ? 0 : static_cast<int64_t>(1 + rng() % 50)});
    for (int64_t d : ask) m.push_back({-(kMid + 1 + d), rng() % 3 == 0 ? 0 : static_cast<int64_t>(1 + rng() % 50)});
  }
  size_t k = 0;
  for (auto _ : state) {
    for (const hft_level& l : messages[k++ & 255]) {
      if (l.price > 0)
        hft_book_set(s.book, HFT_SIDE_BID, l.price, l.quantity);
      else
        hft_book_set(s.book, HFT_SIDE_ASK, -l.price, l.quantity);
    }
    benchmark::DoNotOptimize(hft_book_is_crossed(s.book));
  }
}
BENCHMARK(BM_SpreadDepthMessage);

// The same kind of spread depth messages applied to one of kColdBooks books in turn (each with a 5000-level side, 16
// of them ~3.5 MB: far more than a core's L2, as the process's two books per symbol, models and rings are together),
// so each level's block is cold: one hft_book_set per level, and one hft_book_apply_events per message (what the
// synchronizer calls). Issue #18's before/after: this file built against the library before and after the ladder's
// search change, the two binaries interleaved (bench/README, "The ladder's search").
namespace {
constexpr int kColdBooks = 16;

std::vector<std::vector<hft_market_event>> spread_messages(int per_side) {
  std::mt19937_64 rng(18);
  auto depth = [&rng]() { return spread_depth(rng); };
  auto event = [](int32_t side, int64_t price, int64_t qty) {
    hft_market_event e{};
    e.price = price;
    e.quantity = qty;
    e.kind = 1;  // BookDelta
    e.side = static_cast<uint8_t>(side);
    return e;
  };
  std::vector<std::vector<hft_market_event>> messages(256);
  for (auto& m : messages) {
    std::vector<int64_t> bid, ask;
    for (int i = 0; i < per_side; ++i) bid.push_back(depth()), ask.push_back(depth());
    std::sort(bid.begin(), bid.end());
    std::sort(ask.begin(), ask.end());
    for (int64_t d : bid) m.push_back(event(HFT_SIDE_BID, kMid - d, rng() % 3 == 0 ? 0 : static_cast<int64_t>(1 + rng() % 50)));
    for (int64_t d : ask) m.push_back(event(HFT_SIDE_ASK, kMid + 1 + d, rng() % 3 == 0 ? 0 : static_cast<int64_t>(1 + rng() % 50)));
  }
  return messages;
}
}  // namespace

static void BM_ColdMessage_PerLevelSet(benchmark::State& state) {
  std::vector<SnapshotBook> books(kColdBooks);
  const auto messages = spread_messages(static_cast<int>(state.range(0)));
  size_t k = 0;
  for (auto _ : state) {
    hft_book* book = books[k % kColdBooks].book;
    for (const hft_market_event& e : messages[k++ & 255]) hft_book_set(book, e.side, e.price, e.quantity);
    benchmark::DoNotOptimize(hft_book_is_crossed(book));
  }
}
BENCHMARK(BM_ColdMessage_PerLevelSet)->Arg(22)->Arg(64);

static void BM_ColdMessage_ApplyEvents(benchmark::State& state) {
  std::vector<SnapshotBook> books(kColdBooks);
  const auto messages = spread_messages(static_cast<int>(state.range(0)));
  size_t k = 0;
  hft_apply_result result{};
  for (auto _ : state) {
    hft_book* book = books[k % kColdBooks].book;
    const auto& m = messages[k++ & 255];
    hft_book_apply_events(book, m.data(), static_cast<int32_t>(m.size()), -1, &result);
    benchmark::DoNotOptimize(hft_book_is_crossed(book));
  }
}
BENCHMARK(BM_ColdMessage_ApplyEvents)->Arg(22)->Arg(64);
