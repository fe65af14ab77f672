// Native-only micro benchmarks (optional; the BenchmarkDotNet suites are the reference figures).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "hft/hft_native.h"

namespace {
std::vector<hft_level> make_side(int64_t best, int64_t step, int n) {
  std::vector<hft_level> v;
  for (int i = 0; i < n; ++i) v.push_back({best + step * i, 10 + i % 7});
  return v;
}
}  // namespace

static void BM_TouchUpdates(benchmark::State& state) {
  hft_book* book = nullptr;
  hft_book_create(8192, &book);
  auto bids = make_side(100000, -1, 5000);
  auto asks = make_side(100001, 1, 5000);
  hft_book_load_snapshot(book, bids.data(), 5000, asks.data(), 5000);
  std::mt19937_64 rng(1);
  std::vector<hft_level> ops(4096);
  for (auto& o : ops) o = {static_cast<int64_t>(rng() % 20), static_cast<int64_t>(rng() % 4)};
  size_t i = 0;
  for (auto _ : state) {
    const auto& o = ops[i++ & 4095];
    const int32_t side = (o.price & 1) ? HFT_SIDE_BID : HFT_SIDE_ASK;
    const int64_t price = side == HFT_SIDE_BID ? 100000 - o.price / 2 : 100001 + o.price / 2;
    benchmark::DoNotOptimize(hft_book_set(book, side, price, o.quantity));
  }
  hft_book_destroy(book);
}
BENCHMARK(BM_TouchUpdates);

static void BM_Figures(benchmark::State& state) {
  hft_book* book = nullptr;
  hft_book_create(8192, &book);
  auto bids = make_side(100000, -1, 5000);
  auto asks = make_side(100001, 1, 5000);
  hft_book_load_snapshot(book, bids.data(), 5000, asks.data(), 5000);
  hft_figures_params params{1e7, 10, 0};
  hft_figures f{};
  for (auto _ : state) {
    hft_book_figures(book, &params, &f);
    benchmark::DoNotOptimize(f);
  }
  hft_book_destroy(book);
}
BENCHMARK(BM_Figures);
