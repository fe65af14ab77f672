// Native-only micro benchmarks (optional; the BenchmarkDotNet suites are the reference figures).
#include <benchmark/benchmark.h>

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
