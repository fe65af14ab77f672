using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Schema;

namespace HftScalper.Features.Engine;

/// <summary>Builds the schema of a <see cref="FeatureEngine"/> from its options (block by block, in row order).</summary>
internal static class FeatureSchemaFactory
{
    /// <summary>First column of the technical block.</summary>
    public const int TechBase = MicroColumns.Count;

    /// <summary>First column of the regime block.</summary>
    public const int RegimeBase = TechBase + TechColumns.Count;

    /// <summary>Width of the built-in blocks (the row width without the opt-in cross-symbol block, which starts here).</summary>
    public const int Width = RegimeBase + RegimeColumns.Count;

    /// <summary>A built-in schema with the cross-symbol block appended (its columns and its versioned tag in the hash).</summary>
    public static FeatureSchema Extend(FeatureSchema builtIn, CrossSymbolOptions cross)
    {
        if (builtIn.Extension is not null) throw new ArgumentException($"schema already extended ({builtIn.Extension})", nameof(builtIn));
        var list = new List<FeatureDefinition>(builtIn.Features);
        CrossSymbolColumns.Describe(list);
        return new FeatureSchema(builtIn.Version, list, CrossSymbolColumns.Tag(cross));
    }

    public static FeatureSchema Build(FeatureEngineOptions o)
    {
        var list = new List<FeatureDefinition>();
        MicroColumns.Describe(list);
        TechColumns.Describe(list, o.Timeframes);
        RegimeColumns.Describe(list, TechColumns.Label(o.Timeframes[0]));
        if (list.Count != Width) throw new InvalidOperationException("schema and row layout disagree");
        var builtIn = new FeatureSchema(o.SchemaVersion, list);
        return o.CrossSymbol is { } cross ? Extend(builtIn, cross) : builtIn;
    }
}
