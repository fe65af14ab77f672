using HftScalper.Inference.Metadata;
using HftScalper.Reporting;
using HftScalper.Tests.Shared;

namespace HftScalper.Reporting.Tests;

public sealed class FeatureDriftMonitorTests
{
    private const int Columns = 40;
    private const long Second = 1_000_000_000;
    private static readonly string[] Names = [.. Enumerable.Range(0, Columns).Select(i => "f" + i)];
    private static readonly string[] Classes = ["down", "flat", "up"];

    // Rows of 40 columns of four shapes (normal, log-normal, a mass point at 0 with 60 % of the rows, uniform), each
    // column an AR(1) of the given autocorrelation per row (0 = independent rows), optionally with column 7 shifted by
    // `shift` standard deviations from row `shiftAt` on.
    private sealed class Rows(int seed, double rho, int shiftAt = int.MaxValue, double shift = 0)
    {
        private readonly Random _r = new(seed);
        private readonly double[] _state = new double[Columns];
        private int _row;

        public void Next(Span<float> row)
        {
            double a = Math.Sqrt(1 - rho * rho);
            for (int c = 0; c < Columns; c++)
            {
                _state[c] = rho * _state[c] + a * Normal(_r);
                double z = _state[c] + (c == 7 && _row >= shiftAt ? shift : 0);
                row[c] = (c % 4) switch
                {
                    0 => (float)z,
                    1 => (float)Math.Exp(0.5 * z),
                    2 => z < 0.253 ? 0f : (float)(z - 0.253), // P(z < 0.253) = 0.6
                    _ => (float)(0.5 * (1 + Erf(z / Math.Sqrt(2)))),
                };
            }
            _row++;
        }

        private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

        // Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7): enough to shape a uniform column.
        private static double Erf(double x)
        {
            double t = 1 / (1 + 0.3275911 * Math.Abs(x));
            double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
            return x >= 0 ? y : -y;
        }
    }

    private static ModelReference Reference(int rows = 20_000, int seed = 100)
    {
        var source = new Rows(seed, 0);
        var values = new float[rows * Columns];
        var predictions = new float[rows * 3];
        var r = new Random(seed + 1);
        for (int i = 0; i < rows; i++)
        {
            source.Next(values.AsSpan(i * Columns, Columns));
            Probabilities(r, 0, predictions.AsSpan(i * 3, 3));
        }
        return ModelReference.Build(values, Columns, predictions, Classes, "synthetic");
    }

    // Class probabilities around (1/3, 1/3, 1/3), tilted towards "up" by `tilt`.
    private static void Probabilities(Random r, double tilt, Span<float> into)
    {
        double d = Math.Exp(r.NextDouble() - 0.5), f = Math.Exp(r.NextDouble() - 0.5), u = Math.Exp(r.NextDouble() - 0.5 + tilt), s = d + f + u;
        into[0] = (float)(d / s);
        into[1] = (float)(f / s);
        into[2] = (float)(u / s);
    }

    // Feeds `rows` decision rows one second apart (one sampled row each) with probabilities tilted from `tiltAt` on.
    private static FeatureDriftMonitor Run(ModelReference reference, Rows source, int rows, int seed, int tiltAt = int.MaxValue, int window = 1_200)
    {
        var monitor = new FeatureDriftMonitor(reference, Names, new FeatureDriftOptions { Window = window });
        var row = new float[Columns];
        var scores = new float[3];
        var r = new Random(seed);
        for (int i = 0; i < rows; i++)
        {
            source.Next(row);
            Probabilities(r, i >= tiltAt ? 1.0 : 0, scores);
            monitor.Observe(i * Second, row, scores, scored: true);
        }
        monitor.Flush();
        return monitor;
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 0.9)]
    [InlineData(4, 0.9)]
    public void Stationary_rows_raise_no_alarm_in_a_thousand_evaluations(int seed, double rho)
    {
        var reference = Reference();
        // 1,200 rows fill the window, then one evaluation every 30 rows: 1,000 evaluations of 43 columns.
        var monitor = Run(reference, new Rows(seed, rho), 30 * 1039 + 1, seed);
        Assert.Equal(1000, monitor.Evaluations);
        Assert.Equal(0, monitor.Alarms);
        Assert.Equal(0, monitor.PredictionAlarms);
        Assert.Empty(monitor.Events);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void A_shifted_feature_alarms_within_a_window_and_is_named(double rho)
    {
        const int shiftAt = 3_000;
        var monitor = Run(Reference(), new Rows(5, rho, shiftAt, shift: 2.0), 6_000, 5);
        Assert.True(monitor.Alarms >= 1, $"no alarm; PSI of f7 {monitor.PsiMax(7):F3}");
        var first = monitor.Events[0];
        Assert.True(first.Column == "f7", $"{first}");
        Assert.InRange(first.Seconds, shiftAt, shiftAt + 1_200); // within one window
        Assert.Equal(monitor.Alarms, monitor.ColumnAlarms(7)); // no other column alarmed
        Assert.Equal(0, monitor.PredictionAlarms);
    }

    [Fact]
    public void A_short_window_of_autocorrelated_stationary_rows_alarms_on_noise()
    {
        // Why the default window is 1,200 rows: PSI is biased upward in a small window, and autocorrelation shrinks it
        // further (0.9 per row: about 300 / 19 independent rows), more than the significance allowance corrects.
        var monitor = Run(Reference(), new Rows(3, 0.9), 30 * 1009 + 1, 3, window: 300);
        Assert.True(monitor.Alarms > 0);
    }

    [Fact]
    public void A_shift_of_the_predictions_raises_a_prediction_alarm()
    {
        var monitor = Run(Reference(), new Rows(6, 0), 6_000, 6, tiltAt: 3_000);
        Assert.Equal(0, monitor.Alarms);
        Assert.True(monitor.PredictionAlarms >= 1);
        Assert.StartsWith("p_", monitor.Events[0].Column, StringComparison.Ordinal);
        Assert.True(monitor.ColumnAlarms(Columns + 2) >= 1); // p_up
        Assert.True(monitor.PredictionMean(2) > monitor.Reference.PredictionMeans[2] + 0.1);
    }

    [Fact]
    public void A_column_alarms_once_while_it_stays_shifted()
    {
        var monitor = Run(Reference(), new Rows(8, 0, 1_000, shift: 3.0), 10_000, 8);
        Assert.Equal(1, monitor.ColumnAlarms(7));
    }

    [Fact]
    public void Sampling_rows_and_evaluating_blocks_allocates_nothing()
    {
        var monitor = new FeatureDriftMonitor(Reference(), Names);
        var source = new Rows(9, 0);
        var row = new float[Columns];
        float[] scores = [0.3f, 0.4f, 0.3f];
        long t = 0;
        for (int i = 0; i < 8_000; i++, t += Second / 4) // warm-up: fills the window, evaluates
        {
            source.Next(row);
            monitor.Observe(t, row, scores, true);
        }
        long evaluations = 0, sampled = 0; // at the start of the last pass
        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            evaluations = monitor.Evaluations;
            sampled = monitor.Sampled;
            for (int i = 0; i < 40_000; i++, t += Second / 4)
            {
                row[i % Columns] += 1e-3f; // rows differ, without the generator's cost inside the measurement
                monitor.Observe(t, row, scores, true);
            }
        });
        Assert.True(monitor.Evaluations - evaluations >= 100);
        Assert.True(monitor.Sampled - sampled >= 9_000);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_counted_and_ignored()
    {
        var monitor = new FeatureDriftMonitor(Reference(2_000), Names);
        monitor.Observe(0, new float[Columns - 1], [0.3f, 0.4f, 0.3f], true);
        Assert.Equal(1, monitor.Invalid);
        Assert.Equal(0, monitor.Sampled);
    }
}
