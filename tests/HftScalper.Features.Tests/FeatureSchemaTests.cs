using HftScalper.Features.Schema;

namespace HftScalper.Features.Tests;

public sealed class FeatureSchemaTests
{
    private static FeatureSchema Schema(int version, params (string Name, string Unit)[] f) =>
        new(version, f.Select(x => new FeatureDefinition(x.Name, x.Unit)));

    [Fact]
    public void Hash_is_stable_and_ignores_descriptions()
    {
        var a = Schema(1, ("spread", "ticks"), ("imbalance_l1", "ratio"));
        var b = new FeatureSchema(1, [new("spread", "ticks", "quoted spread"), new("imbalance_l1", "ratio", "top level")]);
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(64, a.Hash.Length);
    }

    [Fact]
    public void Hash_changes_with_order_unit_name_or_version()
    {
        var baseHash = Schema(1, ("spread", "ticks"), ("imbalance_l1", "ratio")).Hash;
        Assert.NotEqual(baseHash, Schema(1, ("imbalance_l1", "ratio"), ("spread", "ticks")).Hash);
        Assert.NotEqual(baseHash, Schema(1, ("spread", "bps"), ("imbalance_l1", "ratio")).Hash);
        Assert.NotEqual(baseHash, Schema(1, ("spread", "ticks"), ("imbalance_l5", "ratio")).Hash);
        Assert.NotEqual(baseHash, Schema(2, ("spread", "ticks"), ("imbalance_l1", "ratio")).Hash);
    }

    [Fact]
    public void Describes_how_a_model_feature_list_differs()
    {
        var s = Schema(1, ("a", "x"), ("b", "x"), ("c", "x"));
        Assert.Null(s.DescribeDifference(["a", "b", "c"]));
        Assert.Equal("model lacks [c]; model has unknown [d]", s.DescribeDifference(["a", "b", "d"]));
        Assert.Equal("order differs at 1: engine 'b', model 'c'", s.DescribeDifference(["a", "c", "b"]));
    }

    [Fact]
    public void Refuses_duplicate_or_empty_names()
    {
        Assert.Throws<ArgumentException>(() => Schema(1, ("a", "x"), ("a", "y")));
        Assert.Throws<ArgumentException>(() => Schema(1, (" ", "x")));
        Assert.Throws<ArgumentException>(() => new FeatureSchema(1, []));
    }
}
