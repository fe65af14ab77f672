using HftScalper.Inference.Calibration;
using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Calibration;

/// <summary>The <c>hft.move_prior</c> metadata key: written, read back, refused when malformed, absent on older models.</summary>
public sealed class MovePriorMetadataTests
{
    private static ModelMetadata Base() => ModelFixtures.Metadata(ModelFixtures.Schema(4), 3) with { OutputNames = ["down", "flat", "up"] };

    [Fact]
    public void Omitted_keys_keep_their_defaults_the_gates_too()
    {
        var o = MovePriorOptions.Parse("""{"halfLifeSamples": 100, "gate": {"halfLifeSamples": 50}}""");

        Assert.Equal(new MovePriorOptions { HalfLifeSamples = 100, Gate = new BaselineGateOptions { HalfLifeSamples = 50 } }, o);
        Assert.Null(MovePriorOptions.Parse("""{"maxOffset": 2}""").Gate);
    }

    [Fact]
    public void Settings_round_trip_through_the_metadata_properties()
    {
        var o = new MovePriorOptions { HalfLifeSamples = 120, PriorSamples = 10, MaxRaise = 1.5 };
        var props = Base() with { MovePrior = o };

        var read = ModelMetadata.Parse(props.ToProperties());

        Assert.Equal(o, read.MovePrior);
        Assert.Null(ModelMetadata.Parse(Base().ToProperties()).MovePrior);
    }

    [Fact]
    public void Gate_settings_round_trip_and_older_settings_keep_their_json()
    {
        var o = new MovePriorOptions { MaxOffset = 0, Gate = new BaselineGateOptions { HalfLifeSamples = 60, Lead = 1 } };

        var read = ModelMetadata.Parse((Base() with { MovePrior = o }).ToProperties()).MovePrior;

        Assert.Equal(o, read);
        Assert.Equal(60, read!.Gate!.HalfLifeSamples);
        Assert.DoesNotContain("gate", new MovePriorOptions().ToJson(), StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => MovePriorOptions.Parse("""{"gate":{"lead":-1}}"""));
    }

    [Fact]
    public void A_malformed_or_out_of_range_value_is_refused_by_name()
    {
        var props = new Dictionary<string, string>(Base().ToProperties()) { ["hft.move_prior"] = """{"halfLifeSamples":0}""" };

        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));
        Assert.Contains("hft.move_prior", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serving_uses_the_models_own_horizon_clock_and_threshold()
    {
        var md = Base() with { MovePrior = new MovePriorOptions() };
        var contract = ModelContract.Resolve(md, null, ModelRole.Direction, out var refusal) ?? throw new InvalidOperationException(refusal);

        var s = MovePriorServing.For(md, contract);

        Assert.NotNull(s);
        Assert.Equal(10_000_000_000, s.HorizonNs);
        Assert.Null(MovePriorServing.For(Base(), contract));
    }
    [Fact]
    public void Judged_at_another_horizon_the_gate_resolves_there_and_the_correction_stays_at_the_models()
    {
        var md = Base() with { MovePrior = new MovePriorOptions { Gate = new BaselineGateOptions() } };
        var contract = ModelContract.Resolve(md, null, ModelRole.Direction, out var refusal) ?? throw new InvalidOperationException(refusal);
        var own = MovePriorServing.For(md, contract)!;
        var bps = new MoveThreshold(0.5, true);

        var asked = own.JudgedAt(TimeSpan.FromSeconds(30), bps);

        Assert.Equal(own.HorizonNs, own.GateHorizonNs);
        Assert.Equal(own.Threshold, own.GateThreshold);
        Assert.Equal(own.HorizonNs, asked.HorizonNs);              // the correction: the model's question
        Assert.Equal(30_000_000_000, asked.GateHorizonNs);         // the gate: the asked one
        Assert.Equal(bps, asked.GateThreshold);
        // A sample resolves one gate horizon later: after 20 s of 1 s samples the model's 10 s gate has resolved some,
        // the 30 s one none.
        var g10 = own.NewGate()!;
        var g30 = asked.NewGate()!;
        Span<float> row = stackalloc float[3];
        for (int s = 0; s <= 20; s++)
        {
            row[0] = 0.2f; row[1] = 0.6f; row[2] = 0.2f;
            g10.OnDecision(s * 1_000_000_000L, 100 + s, row);
            g30.OnDecision(s * 1_000_000_000L, 100 + s, row);
        }
        Assert.True(g10.Resolved > 0, $"{g10.Resolved}");
        Assert.Equal(0, g30.Resolved);
        Assert.Throws<ArgumentOutOfRangeException>(() => own.JudgedAt(TimeSpan.Zero, bps));
    }
}
