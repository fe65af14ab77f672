namespace HftScalper.Cli.Contract;

/// <summary>"Did you mean ...?": the closest known name to a mistyped one (edit distance, or the typed word inside a
/// known name, so <c>--minutes</c> finds <c>--sim-minutes</c>).</summary>
internal static class Suggestions
{
    /// <summary>The best candidate for <paramref name="typed"/>, or null when none is close.</summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        string word = typed.Split('=', ':')[0];
        string bare = word.TrimStart('-').ToLowerInvariant();
        if (bare.Length == 0) return null;
        string? best = null;
        int bestScore = int.MaxValue;
        foreach (var c in candidates.Distinct(StringComparer.Ordinal))
        {
            string cb = c.TrimStart('-').ToLowerInvariant();
            int d = Distance(bare, cb);
            // Containment counts as close: a name from another verb (--minutes vs --sim-minutes) or a prefix (--sim).
            int close = bare.Length <= 3 ? 1 : Math.Max(2, bare.Length / 3);
            int score = d <= close ? d : bare.Length >= 3 && cb.Contains(bare, StringComparison.Ordinal) ? 3 : int.MaxValue;
            if (score < bestScore) (best, bestScore) = (c, score);
        }
        return best;
    }

    /// <summary><c> (did you mean X?)</c>, or empty.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> candidates) =>
        Closest(typed, candidates) is { } s ? $" (did you mean {s}?)" : "";

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
