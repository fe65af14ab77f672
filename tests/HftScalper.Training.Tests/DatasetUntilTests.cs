using HftScalper.Inference.Contracts;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.Training.Tests;

/// <summary>
/// <c>hft train --until</c>: a dataset that ends at a time is the whole input's dataset cut there, and nothing after the
/// cut reaches it, not even through a label (a label near the cut would otherwise read the mid of the span reported
/// from it on). Settings chosen on a recording's first half and reported on its second depend on it (#17).
/// </summary>
public sealed class DatasetUntilTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(2);

    [Fact]
    public void Samples_and_labels_stop_before_the_end_time_and_the_rows_before_it_are_the_whole_inputs()
    {
        var sim = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(2) };
        var whole = ReplayDataset.Build([], sim, 250_000_000);
        long until = whole.Samples.TimesNs[whole.Samples.Rows / 2];
        var cut = ReplayDataset.Build([], sim, 250_000_000, untilNs: until);

        Assert.True(cut.DecisionsAfterUntil > 1_000, $"{cut.DecisionsAfterUntil} decisions after the end time");
        Assert.Equal(0, whole.DecisionsAfterUntil);
        Assert.Equal(whole.Samples.Rows / 2, cut.Samples.Rows); // exactly the samples before the cut
        for (int i = 0; i < cut.Samples.Rows; i++)
        {
            Assert.Equal(whole.Samples.TimesNs[i], cut.Samples.TimesNs[i]);
            Assert.True(whole.Samples.Row(i).SequenceEqual(cut.Samples.Row(i)), $"row {i} differs");
        }

        var cutLabels = cut.Label([Horizon], MoveThreshold.Parse("0ticks")).At(Horizon);
        var wholeLabels = whole.Label([Horizon], MoveThreshold.Parse("0ticks")).At(Horizon);
        int unlabelledAtEnd = 0;
        for (int i = 0; i < cut.Samples.Rows; i++)
        {
            if (cutLabels.Classes[i] < 0)
            {
                // Only the last horizon before the cut goes unlabelled: its mid at t + h would be read past the cut.
                Assert.True(cut.Samples.TimesNs[i] + Horizon.Ticks * 100 >= until - 1_000_000_000, $"sample {i} unlabelled far from the cut");
                unlabelledAtEnd++;
                continue;
            }
            Assert.True(cutLabels.EndTimesNs[i] < until, $"label {i} ends at or after the cut");
            Assert.Equal(wholeLabels.Classes[i], cutLabels.Classes[i]);
        }
        Assert.True(unlabelledAtEnd > 0, "the samples within a horizon of the cut must lose their labels, not read past it");
    }

    [Fact]
    public void An_end_time_before_every_decision_leaves_no_sample_and_says_why()
    {
        var sim = SimulatorOptions.Default with { Duration = TimeSpan.FromSeconds(30) };
        var data = ReplayDataset.Build([], sim, 250_000_000, untilNs: 1);
        Assert.Equal(0, data.Samples.Rows);
        Assert.Equal(data.FollowedDecisions, data.DecisionsAfterUntil);
        Assert.Contains("at or after the data's end time", data.NoSamplesMessage);
    }
}
