using System.Globalization;
using System.Text.Json;
using HftScalper.Inference.Metadata;

namespace HftScalper.Inference.Contracts;

/// <summary>
/// What a model promises to the code that serves it, resolved once from its metadata and output shapes: where the
/// direction probabilities are (<see cref="Direction"/>, classes found by name), where an expected return is
/// (<see cref="Return"/>), the horizon it predicts and the labelling threshold it was trained with. One graph may
/// resolve both roles (a model with several outputs). The one home of these facts: loading for serving, hot
/// reload, the shadow scorer, <c>hft models validate</c>, <c>hft replay</c> and <c>hft evaluate</c> read them here,
/// and <see cref="Resolve"/> is the one rule that refuses a model which does not fit the role it is loaded for.
/// </summary>
public sealed class ModelContract
{
    private ModelContract(DirectionContract? direction, ReturnContract? @return, TimeSpan horizon, MoveThreshold? threshold, long? sampleIntervalNs)
    {
        Direction = direction;
        Return = @return;
        Horizon = horizon;
        Threshold = threshold;
        SampleIntervalNs = sampleIntervalNs;
    }

    /// <summary>The direction classifier head, or null when the model has none that fits.</summary>
    public DirectionContract? Direction { get; }

    /// <summary>The return regressor head, or null when the model has none that fits.</summary>
    public ReturnContract? Return { get; }

    /// <summary>How far ahead the model predicts (<c>hft.horizon_ms</c>).</summary>
    public TimeSpan Horizon { get; }

    /// <summary>
    /// The move threshold of the training labels (<c>labelling.threshold</c> of the validation metrics, e.g.
    /// <c>0ticks</c>, <c>0.1bps</c>), or null when the model does not say.
    /// </summary>
    public MoveThreshold? Threshold { get; }

    /// <summary>The sampling clock of the training data (<c>labelling.sampleIntervalMs</c>) in ns, or null.</summary>
    public long? SampleIntervalNs { get; }

    /// <summary>True when the model can be served in <paramref name="role"/>.</summary>
    public bool Supports(ModelRole role) => role switch
    {
        ModelRole.Direction => Direction is not null,
        ModelRole.Return => Return is not null,
        _ => true,
    };

    /// <summary>One line for logs: the heads, the horizon and the threshold.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Direction is { } d) parts.Add($"direction {d.Tensor}[down {d.DownColumn}, flat {d.FlatColumn}, up {d.UpColumn}]");
        if (Return is { } r) parts.Add($"return {r.Tensor}[{r.Column}] ({r.Target})");
        if (parts.Count == 0) parts.Add("no direction or return output");
        parts.Add(FormattableString.Invariant($"horizon {Horizon.TotalSeconds:0.###} s"));
        parts.Add($"threshold {(Threshold is { } t ? t.ToString() : "not stated")}");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Resolves the contract of a model from its <paramref name="metadata"/> and, when known, the graph's
    /// <paramref name="outputs"/> (null: names only, e.g. before a session exists). Returns null with
    /// <paramref name="refusal"/> = one sentence saying why when the model cannot serve as <paramref name="role"/>:
    /// a regressor loaded as a direction model, a classifier whose classes are not exactly down, flat and up (any
    /// order), several candidate heads, an output whose shape is not the declared one, no horizon, or an unreadable
    /// labelling threshold. <see cref="ModelRole.Outputs"/> requires nothing and never refuses.
    /// </summary>
    public static ModelContract? Resolve(ModelMetadata metadata, IReadOnlyList<OutputShape>? outputs, ModelRole role, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        string? directionWhy = null, returnWhy = null, labellingWhy = null;
        var direction = ResolveDirection(metadata, outputs, ref directionWhy);
        var ret = ResolveReturn(metadata, outputs, ref returnWhy);
        var (threshold, interval) = Labelling(metadata, ref labellingWhy);
        string? why = role switch
        {
            ModelRole.Direction => directionWhy ?? labellingWhy,
            ModelRole.Return => returnWhy ?? labellingWhy,
            _ => null,
        };
        if (why is null && role != ModelRole.Outputs && metadata.Horizon <= TimeSpan.Zero)
            why = "it states no horizon (hft.horizon_ms is 0)";
        if (why is not null)
        {
            refusal = $"it cannot serve as a {(role == ModelRole.Direction ? "direction classifier" : "return regressor")}: {why}";
            return null;
        }
        refusal = null;
        return new ModelContract(direction, ret, metadata.Horizon, threshold, interval);
    }

    private static DirectionContract? ResolveDirection(ModelMetadata md, IReadOnlyList<OutputShape>? outputs, ref string? why)
    {
        var heads = md.Outputs.Where(h => h.Kind == ModelOutputKind.Classification).ToList();
        if (heads.Count != 1)
        {
            why = heads.Count == 0
                ? $"it has no classifier output ({Describe(md.Outputs)}); the direction role needs class probabilities for down, flat, up"
                : $"it has {heads.Count} classifier outputs ({Describe(heads)}); the direction role needs exactly one";
            return null;
        }
        var h = heads[0];
        if (h.Names.Count != DirectionContract.Count)
        {
            why = $"its classifier '{h.Tensor}' has {h.Names.Count} classes [{string.Join(", ", h.Names)}]; the direction role needs exactly 3: down, flat, up (any order)";
            return null;
        }
        Span<int> columns = stackalloc int[DirectionContract.Count];
        for (int c = 0; c < DirectionContract.Count; c++)
        {
            string name = DirectionContract.Names[c];
            int found = -1, seen = 0;
            for (int i = 0; i < h.Names.Count; i++)
                if (string.Equals(h.Names[i]?.Trim(), name, StringComparison.OrdinalIgnoreCase)) { found = i; seen++; }
            if (seen != 1)
            {
                why = $"its classes [{string.Join(", ", h.Names)}] are not down, flat, up ({(seen == 0 ? $"no class '{name}'" : $"class '{name}' {seen} times")})";
                return null;
            }
            columns[c] = found;
        }
        if (!ShapeFits(h, outputs, ref why)) return null;
        return new DirectionContract(h.Tensor, h.Names.Count, columns[DirectionContract.Down], columns[DirectionContract.Flat], columns[DirectionContract.Up]);
    }

    private static ReturnContract? ResolveReturn(ModelMetadata md, IReadOnlyList<OutputShape>? outputs, ref string? why)
    {
        var heads = md.Outputs.Where(h => h.Kind == ModelOutputKind.Regression).ToList();
        if (heads.Count != 1)
        {
            why = heads.Count == 0
                ? $"it has no regression output ({Describe(md.Outputs)}); the return role needs one expected-return value"
                : $"it has {heads.Count} regression outputs ({Describe(heads)}); the return role needs exactly one";
            return null;
        }
        var h = heads[0];
        if (h.Names.Count != 1)
        {
            why = $"its regression output '{h.Tensor}' has {h.Names.Count} targets [{string.Join(", ", h.Names)}]; the return role reads exactly one";
            return null;
        }
        if (!ShapeFits(h, outputs, ref why)) return null;
        return new ReturnContract(h.Tensor, 1, 0, h.Names[0]);
    }

    // The graph must have the declared tensor as float [batch, names]: otherwise columns would be read from nowhere.
    private static bool ShapeFits(ModelOutputHead h, IReadOnlyList<OutputShape>? outputs, ref string? why)
    {
        if (outputs is null) return true;
        OutputShape? o = null;
        foreach (var s in outputs)
            if (s.Name == h.Tensor) o = s;
        if (o is null)
        {
            why = $"its metadata names output '{h.Tensor}', the graph has [{string.Join(", ", outputs.Select(s => s.Name))}]";
            return false;
        }
        if (!o.IsFloat || o.TrailingDims.Count != 1 || o.TrailingDims[0] != h.Names.Count)
        {
            why = $"output '{h.Tensor}' is {(o.IsFloat ? "float" : "not float")} [batch,{string.Join(',', o.TrailingDims)}], " +
                $"its metadata declares float [batch,{h.Names.Count}] ({string.Join(", ", h.Names)})";
            return false;
        }
        return true;
    }

    private static (MoveThreshold? Threshold, long? IntervalNs) Labelling(ModelMetadata md, ref string? why)
    {
        try
        {
            using var doc = JsonDocument.Parse(md.ValidationMetricsJson);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("labelling", out var l) || l.ValueKind != JsonValueKind.Object)
                return (null, null);
            MoveThreshold? threshold = null;
            long? interval = null;
            if (l.TryGetProperty("threshold", out var t))
                threshold = MoveThreshold.Parse(t.ValueKind == JsonValueKind.String ? t.GetString()! : t.GetRawText());
            if (l.TryGetProperty("sampleIntervalMs", out var s))
                interval = checked(s.GetInt64() * 1_000_000);
            return (threshold, interval);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            why = $"its labelling (validation metrics 'labelling') is unreadable: {e.Message}";
            return (null, null);
        }
    }

    private static string Describe(IEnumerable<ModelOutputHead> heads) =>
        string.Join("; ", heads.Select(h => string.Create(CultureInfo.InvariantCulture,
            $"{(h.Kind == ModelOutputKind.Regression ? "regression" : "classification")} '{h.Tensor}' [{string.Join(", ", h.Names)}]")));
}
