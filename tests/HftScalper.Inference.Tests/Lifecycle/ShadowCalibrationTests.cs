using HftScalper.Inference.Lifecycle;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class ShadowCalibrationTests : IClassFixture<LifecycleModels>
{
    private readonly LifecycleModels _m;

    public ShadowCalibrationTests(LifecycleModels m) => _m = m;

    [Fact]
    public void Brier_and_calibration_error_follow_their_definitions_on_resolved_decisions()
    {
        using var shadow = new ShadowScorer(_m.Logger);
        Assert.True(double.IsNaN(shadow.Calibration.LiveBrier));
        shadow.SetCandidate(_m.Served("calibration-cand.onnx", 3));
        const int Rows = 8;
        var rows = LifecycleModels.Rows(Rows, seed: 9);
        // Live: always 0.7 on class 0; right on half the rows.
        var live = new float[Rows * 3];
        for (int i = 0; i < Rows; i++) { live[i * 3] = 0.7f; live[i * 3 + 1] = 0.2f; live[i * 3 + 2] = 0.1f; }
        int[] realised = [0, 1, 0, 2, 0, 1, 0, 2];

        Assert.Equal(Rows, shadow.Observe(rows, Rows, live, firstDecisionId: 0));
        for (int i = 0; i < Rows; i++) Assert.True(shadow.RecordOutcome(i, realised[i], i));

        var c = shadow.Calibration;
        // Live Brier: hits (0.3^2+0.2^2+0.1^2 = 0.14), misses (0.7^2 + 0.8^2 or 0.9^2 + 0.2^2/0.1^2).
        double expectedBrier = (4 * 0.14 + 2 * (0.49 + 0.64 + 0.01) + 2 * (0.49 + 0.04 + 0.81)) / Rows;
        Assert.Equal(expectedBrier, c.LiveBrier, 5);
        // One bin (confidence 0.7) holding 8 rows with accuracy 0.5: ECE = |0.7 - 0.5|.
        Assert.Equal(0.2, c.LiveExpectedCalibrationError, 5);
        Assert.InRange(c.CandidateBrier, 0, 2);
        Assert.InRange(c.CandidateExpectedCalibrationError, 0, 1);
        shadow.Reset();
        Assert.True(double.IsNaN(shadow.Calibration.CandidateExpectedCalibrationError));
    }
}
