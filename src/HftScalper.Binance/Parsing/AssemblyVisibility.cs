using System.Runtime.CompilerServices;

// The decimal fast path is checked digit for digit against FixedPoint by the parser's tests.
[assembly: InternalsVisibleTo("HftScalper.Binance.Tests")]
