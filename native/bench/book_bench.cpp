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
  ~SnapshotBook() { hft_book_destroy(book); }
};
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
  auto depth = [&rng]() -> int64_t {
    const uint64_t u = rng() % 100;
    if (u < 10) return static_cast<int64_t>(rng() % 3);
    if (u < 25) return static_cast<int64_t>(3 + rng() % 22);
    if (u < 50) return static_cast<int64_t>(25 + rng() % 305);
    if (u < 75) return static_cast<int64_t>(330 + rng() % 870);
    return static_cast<int64_t>(1200 + rng() % 3700);
  };
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
