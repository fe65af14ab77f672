using System.Runtime.CompilerServices;

// The decimal fast path is checked digit for digit against FixedPoint by the parser's tests; the reader path is
// the tests' reference and the benchmark's "previous implementation" row.
[assembly: InternalsVisibleTo("HftScalper.Binance.Tests")]
[assembly: InternalsVisibleTo("HftScalper.Benchmarks")]
[assembly: InternalsVisibleTo("HftScalper.Properties.Tests")]
