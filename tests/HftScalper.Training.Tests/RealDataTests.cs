using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Tests.Shared;
using HftScalper.Training.Data;
using HftScalper.Training.Labels;
using HftScalper.Training.Models;
using HftScalper.Training.Pipeline;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Tests;

/// <summary>Datasets from the real recordings in ../shared/data (skipped when absent).</summary>
public sealed class RealDataTests
{
    [RequiresDataFact]
    public void Binance_btcusdt_replays_into_a_labelled_dataset_and_trains_walk_forward()
    {
        var data = ReplayDataset.Build(TestData.BinanceSpotBtcusdt, SimulatorOptions.Default, 250_000_000);
        var b = data.Builder;
        Assert.Equal("BTCUSDT", data.Symbol);
        Assert.True(b.Samples.Rows > 2000, $"{b.Samples.Rows} samples");
        Assert.Equal(0, b.NonFiniteRows);
        var labelled = new LabeledDataset(b.Samples, b.Decisions, [TimeSpan.FromSeconds(10)], MoveThreshold.Parse("0.1bps"));
        var classes = labelled.Horizons[0].Classes.Where(c => c >= 0).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, classes.Count);

        var options = new TrainingOptions
        {
            FixedParameters = new GbmParameters(15, 0.1, 20, 40, 1, 0.9, 10),
            WalkForward = new WalkForwardOptions { Folds = 2 },
            TrainReturnModel = false,
        };
        var result = new ModelTrainer(options).Train(labelled, data.Schema.IndexOf("regime_label"));

        Assert.Equal(2, result.Folds.Count);
        Assert.InRange(result.OutOfSample.Accuracy, 0.0, 1.0);
        Assert.True(result.OutOfSample.Samples > 500);
    }

    [RequiresDataFact]
    public void Lean_ibm_quotes_make_a_dataset_without_a_depth_book()
    {
        var d = TestData.Path("equity", "lean-ibm");
        var data = ReplayDataset.Build([Path.Combine(d, "20131009_quote.zip"), Path.Combine(d, "20131009_trade.zip")], SimulatorOptions.Default, 1_000_000_000);
        Assert.Equal("IBM", data.Symbol);
        Assert.True(data.Builder.Samples.Rows > 10_000, $"{data.Builder.Samples.Rows} samples");
        Assert.True(data.Builder.Decisions.Count > data.Builder.Samples.Rows);
    }
}
