using HftScalper.Features.Schema;
using HftScalper.Trading.Signals;

namespace HftScalper.Trading.Tests.Signals;

public sealed class FallbackSignalTests
{
    // The fallback's features deliberately not in the first columns: indices must come from the names.
    internal static readonly FeatureSchema Schema = new(1,
    [
        new("spread_bps", "bps"), new("imbalance_1", "ratio"), new("realized_vol_fast", "bps"),
        new("microprice_minus_mid_bps", "bps"), new("regime_label", "class"), new("ofi_norm_fast", "depth"),
    ]);

    internal static float[] Row(float ofi, float micro, float imbalance) => [1f, imbalance, 3f, micro, 0f, ofi];

    private readonly FallbackSignal _fallback = new(Schema, new DirectionHysteresis(2, 0), new FallbackSignalOptions
    {
        OfiWeight = 0.5f, MicropriceWeight = 0.25f, ImbalanceWeight = 0.25f, OfiScaleDepth = 100f, MicropriceScaleBps = 0.5f,
        Thresholds = new(0.5f, 0.2f), MaxConfidence = 0.6f, MoveTicks = 1f,
    });

    [Fact]
    public void Score_combines_the_three_features_read_by_name()
    {
        float score = _fallback.Score(Row(ofi: 100f, micro: 0.25f, imbalance: -0.2f));
        Assert.Equal(0.5f * MathF.Tanh(1f) + 0.25f * 0.5f + 0.25f * -0.2f, score, 5);
    }

    [Fact]
    public void Strong_buying_pressure_goes_long_with_bounded_confidence()
    {
        Assert.True(_fallback.Evaluate(1, Row(1e6f, 1f, 1f), new DecisionStamp(5, 6, 7), out var s));

        Assert.Equal((SignalDirection.Long, SignalSource.Fallback, 1), (s.Direction, s.Source, s.SymbolId));
        float score = 0.5f * MathF.Tanh(1e4f) + 0.25f + 0.25f;
        Assert.Equal(0.5f + 0.1f * score, s.Confidence, 5);
        Assert.Equal(2 * s.Confidence - 1, s.ExpectedEdgeTicks, 5);
    }

    [Fact]
    public void Selling_pressure_goes_short_and_holds_inside_the_band()
    {
        Assert.True(_fallback.Evaluate(0, Row(-1e6f, -1f, -1f), default, out var s));
        Assert.Equal(SignalDirection.Short, s.Direction);
        Assert.True(_fallback.Evaluate(0, Row(0f, -0.5f, -0.4f), default, out s)); // score -0.35: held
        Assert.Equal(SignalDirection.Short, s.Direction);
        Assert.True(_fallback.Evaluate(0, Row(0f, 0f, -0.4f), default, out s));    // score -0.1: exit
        Assert.Equal(SignalDirection.Flat, s.Direction);
    }

    [Fact]
    public void A_non_finite_feature_is_refused_and_counted()
    {
        Assert.False(_fallback.Evaluate(0, Row(float.NaN, 0, 0), default, out var s));
        Assert.Equal(SignalSource.None, s.Source);
        Assert.Equal(1, _fallback.InvalidInputs);
    }

    [Fact]
    public void A_schema_without_a_needed_feature_is_refused_at_construction()
    {
        var schema = new FeatureSchema(1, [new("imbalance_1", "ratio"), new("ofi_norm_fast", "depth")]);
        var e = Assert.Throws<ArgumentException>(() => new FallbackSignal(schema, new DirectionHysteresis(1, 0)));
        Assert.Contains("microprice_minus_mid_bps", e.Message);
    }
}
