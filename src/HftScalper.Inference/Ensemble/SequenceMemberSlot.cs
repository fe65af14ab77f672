namespace HftScalper.Inference.Ensemble;

/// <summary>
/// The contract of an ensemble graph with a sequence member (<c>hft train --stacked --family lstm|transformer</c>):
/// besides <c>features [B,F]</c> the graph reads the member's canonical P(down, flat, up) in <see cref="ScoresInput"/>
/// <c>[B,3]</c> and <see cref="ReadyInput"/> <c>[B,1]</c> (1 = the member answered for the row, 0 = it is warming or
/// absent: the graph then serves the other members' combination and ignores the scores). The member's own ONNX file,
/// metadata included, travels inside the ensemble's metadata under <see cref="MetadataKey"/> (base64), so the
/// ensemble is one file: validated, hot-swapped, shadowed and rolled back as one. One home for these names.
/// </summary>
public static class SequenceMemberSlot
{
    /// <summary>The member's scores input, canonical order (down, flat, up).</summary>
    public const string ScoresInput = "member_scores";

    /// <summary>The member's readiness input: 1 when its scores are a prediction, else 0.</summary>
    public const string ReadyInput = "member_ready";

    /// <summary>Metadata key holding the member's ONNX file, base64.</summary>
    public const string MetadataKey = "hft.sequence_member";

    /// <summary>Columns of <see cref="ScoresInput"/> per member.</summary>
    public const int Classes = 3;

    /// <summary>Most sequence members one ensemble may have (it holds a meta-learner per subset of them).</summary>
    public const int MaxMembers = 3;

    /// <summary>Metadata key of member <paramref name="m"/>: <see cref="MetadataKey"/> for the first, then <c>.1</c>, <c>.2</c>.</summary>
    public static string KeyOf(int m) => m == 0 ? MetadataKey : MetadataKey + "." + m.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every member's ONNX bytes embedded in <paramref name="metadataProps"/>, in order (stops at the first missing key).</summary>
    /// <exception cref="InvalidDataException">An entry is not base64.</exception>
    public static IReadOnlyList<byte[]> EmbeddedAll(IReadOnlyCollection<KeyValuePair<string, string>> metadataProps)
    {
        ArgumentNullException.ThrowIfNull(metadataProps);
        var all = new List<byte[]>();
        for (int m = 0; m <= MaxMembers; m++)
        {
            string key = KeyOf(m), text = "";
            bool found = false;
            foreach (var (k, v) in metadataProps)
                if (k == key) { text = v; found = true; }
            if (!found) break;
            try { all.Add(Convert.FromBase64String(text)); }
            catch (FormatException e) { throw new InvalidDataException($"{key} is not base64: {e.Message}", e); }
        }
        return all;
    }

    /// <summary>The member's ONNX bytes embedded in <paramref name="metadataProps"/>, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The entry is not base64.</exception>
    public static byte[]? Embedded(IEnumerable<KeyValuePair<string, string>> metadataProps)
    {
        ArgumentNullException.ThrowIfNull(metadataProps);
        string? text = null;
        foreach (var (k, v) in metadataProps)
            if (k == MetadataKey) text = v;
        if (text is null) return null;
        try { return Convert.FromBase64String(text); }
        catch (FormatException e) { throw new InvalidDataException($"{MetadataKey} is not base64: {e.Message}", e); }
    }
}
