using HftScalper.Features.Schema;

namespace HftScalper.Features.Engine;

/// <summary>Builds the schema of a <see cref="FeatureEngine"/> from its options (block by block, in row order).</summary>
internal static class FeatureSchemaFactory
{
    /// <summary>First column of the technical block.</summary>
    public const int TechBase = MicroColumns.Count;

    /// <summary>First column of the regime block.</summary>
    public const int RegimeBase = TechBase + TechColumns.Count;

    /// <summary>Row width.</summary>
    public const int Width = RegimeBase + RegimeColumns.Count;

    public static FeatureSchema Build(FeatureEngineOptions o)
    {
        var list = new List<FeatureDefinition>();
        MicroColumns.Describe(list);
        TechColumns.Describe(list, o.Timeframes);
        RegimeColumns.Describe(list, TechColumns.Label(o.Timeframes[0]));
        if (list.Count != Width) throw new InvalidOperationException("schema and row layout disagree");
        return new FeatureSchema(o.SchemaVersion, list);
    }
}
