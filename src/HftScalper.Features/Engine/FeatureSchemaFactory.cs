using HftScalper.Features.Schema;

namespace HftScalper.Features.Engine;

/// <summary>Builds the schema of a <see cref="FeatureEngine"/> from its options (block by block, in row order).</summary>
internal static class FeatureSchemaFactory
{
    public static FeatureSchema Build(FeatureEngineOptions o)
    {
        var list = new List<FeatureDefinition>();
        MicroColumns.Describe(list);
        return new FeatureSchema(o.SchemaVersion, list);
    }
}
