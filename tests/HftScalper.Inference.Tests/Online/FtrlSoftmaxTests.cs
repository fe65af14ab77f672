using HftScalper.Inference.Online;

namespace HftScalper.Inference.Tests.Online;

public sealed class FtrlSoftmaxTests
{
    private static readonly FtrlOptions Plain = new() { Alpha = 0.1, Beta = 1, L1 = 0, L2 = 0 };

    [Fact]
    public void With_no_weights_it_predicts_the_softmax_of_the_margin()
    {
        var ftrl = new FtrlSoftmax(3, 2, Plain);
        var p = new double[3];

        ftrl.Predict([1, 2], [Math.Log(0.2), Math.Log(0.3), Math.Log(0.5)], p);

        Assert.Equal(0.2, p[0], 12);
        Assert.Equal(0.3, p[1], 12);
        Assert.Equal(0.5, p[2], 12);
    }

    [Fact]
    public void First_step_matches_the_hand_computed_FTRL_update()
    {
        // From zero state with zero margins p = (1/3, 1/3, 1/3); label up (2), x = (1, 2):
        // g[k,i] = (p[k] - y[k]) x[i]; z = g (w was 0); n = g²; w = -z / ((beta + |g|) / alpha).
        //   class 0 (and 1): g = (1/3, 2/3)  -> w = -(1/3)/((1+1/3)/0.1) = -0.025,  -(2/3)/((1+2/3)/0.1) = -0.04
        //   class 2:         g = (-2/3, -4/3) -> w =  (2/3)/((1+2/3)/0.1) =  0.04,   (4/3)/((1+4/3)/0.1) = 2/35
        var ftrl = new FtrlSoftmax(3, 2, Plain);

        ftrl.Update([1, 2], [0, 0, 0], label: 2);

        Assert.Equal(-0.025, ftrl.Weight(0, 0), 12);
        Assert.Equal(-0.04, ftrl.Weight(0, 1), 12);
        Assert.Equal(-0.025, ftrl.Weight(1, 0), 12);
        Assert.Equal(-0.04, ftrl.Weight(1, 1), 12);
        Assert.Equal(0.04, ftrl.Weight(2, 0), 12);
        Assert.Equal(2.0 / 35, ftrl.Weight(2, 1), 12);
        Assert.Equal(1, ftrl.Updates);
    }

    [Fact]
    public void L1_keeps_small_accumulated_gradients_at_zero_and_shrinks_the_rest()
    {
        // l1 = 0.5: |z| = 1/3 and 2/3 of classes 0/1 and 2/3 of class 2's bias... only |z| > 0.5 gets a weight:
        //   class 0 input 1: z = 2/3 -> w = -(2/3 - 0.5)/((1+2/3)/0.1) = -0.01;  class 2 input 1: z = -4/3 -> w = (4/3 - 0.5)/((1+4/3)/0.1) = 1/28
        var ftrl = new FtrlSoftmax(3, 2, Plain with { L1 = 0.5 });

        ftrl.Update([1, 2], [0, 0, 0], label: 2);

        Assert.Equal(0, ftrl.Weight(0, 0));
        Assert.Equal(-0.01, ftrl.Weight(0, 1), 12);
        Assert.Equal(0.04 * (2.0 / 3 - 0.5) / (2.0 / 3), ftrl.Weight(2, 0), 12);
        Assert.Equal(1.0 / 28, ftrl.Weight(2, 1), 12);
    }

    [Fact]
    public void The_second_step_uses_the_per_coordinate_rate_of_the_first()
    {
        // Step 2 on the same row: p from the weights of step 1; sigma = (sqrt(n + g²) - sqrt(n)) / alpha; z += g - sigma w.
        var ftrl = new FtrlSoftmax(2, 1, Plain);
        ftrl.Update([1], [0, 0], label: 1);       // g = (0.5, -0.5): z = (0.5, -0.5), n = 0.25, w = -z / 15 = (-1/30, 1/30)
        double w1 = 1.0 / 30;
        double p1 = Math.Exp(w1) / (Math.Exp(w1) + Math.Exp(-w1));
        double g = p1 - 1;                        // class 1's gradient at step 2
        double sigma = (Math.Sqrt(0.25 + g * g) - 0.5) / 0.1;
        double z = -0.5 + g - sigma * w1;
        double expected = -z / ((1 + Math.Sqrt(0.25 + g * g)) / 0.1);

        ftrl.Update([1], [0, 0], label: 1);

        Assert.Equal(expected, ftrl.Weight(1, 0), 12);
        Assert.Equal(-expected, ftrl.Weight(0, 0), 12);
    }

    [Fact]
    public void A_warm_start_copies_the_learnt_state()
    {
        var a = new FtrlSoftmax(3, 2, Plain);
        a.Update([1, 2], [0, 0, 0], 2);
        var b = new FtrlSoftmax(3, 2, Plain);

        b.CopyFrom(a);

        Assert.Equal(a.Weight(2, 1), b.Weight(2, 1));
        Assert.Equal(1, b.Updates);
        Assert.Throws<ArgumentException>(() => new FtrlSoftmax(3, 3, Plain).CopyFrom(a));
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FtrlSoftmax(3, 2, Plain with { Alpha = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FtrlSoftmax(3, 2, Plain with { L2 = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FtrlSoftmax(3, 2, Plain with { Beta = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FtrlSoftmax(3, 2, Plain).Update([1, 1], [0, 0, 0], 3));
    }
}
