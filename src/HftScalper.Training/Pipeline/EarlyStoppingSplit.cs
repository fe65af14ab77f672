namespace HftScalper.Training.Pipeline;

/// <summary>
/// Cuts the end of a time-ordered training window off as the early-stopping set, purging the fitting rows whose
/// label window reaches into it (the same rule as the walk-forward purge, one level down).
/// </summary>
internal static class EarlyStoppingSplit
{
    /// <summary>Returns the fitting rows and the early-stopping rows of <paramref name="rows"/>.</summary>
    public static (int[] Fit, int[] Valid) Split(int[] rows, ReadOnlySpan<long> times, ReadOnlySpan<long> labelEnds, double fraction)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int nValid = (int)(rows.Length * fraction);
        if (nValid < 50 || rows.Length - nValid < 100) return (rows, []);
        int cut = rows.Length - nValid;
        long validFrom = times[rows[cut]];
        var fit = new List<int>(cut);
        for (int i = 0; i < cut; i++)
            if (labelEnds[rows[i]] < validFrom) fit.Add(rows[i]);
        return ([.. fit], rows[cut..]);
    }
}
