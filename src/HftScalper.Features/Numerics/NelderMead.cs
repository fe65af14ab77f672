namespace HftScalper.Features.Numerics;

/// <summary>
/// Derivative-free minimiser (Nelder-Mead simplex, standard coefficients 1, 2, 0.5, 0.5) for the small offline fits
/// of the feature engine (GARCH parameters, seasonality). Not for the hot path: it allocates its simplex.
/// </summary>
internal static class NelderMead
{
    /// <summary>Minimises <paramref name="f"/> from <paramref name="start"/>; returns the best point and value.</summary>
    /// <param name="f">Objective; may return +infinity or NaN for infeasible points (treated as +infinity).</param>
    /// <param name="start">Initial point.</param>
    /// <param name="step">Initial simplex edge along each axis.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <param name="tolerance">Stops when the spread of simplex values falls below it.</param>
    public static (double[] Point, double Value, int Iterations) Minimize(
        Func<double[], double> f, double[] start, double step = 0.5, int maxIterations = 2000, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        int n = start.Length;
        double Eval(double[] x) { double v = f(x); return double.IsNaN(v) ? double.PositiveInfinity : v; }
        var pts = new double[n + 1][];
        var vals = new double[n + 1];
        for (int i = 0; i <= n; i++)
        {
            pts[i] = (double[])start.Clone();
            if (i > 0) pts[i][i - 1] += step;
            vals[i] = Eval(pts[i]);
        }
        var order = new int[n + 1];
        int it = 0;
        for (; it < maxIterations; it++)
        {
            for (int i = 0; i <= n; i++) order[i] = i;
            Array.Sort(order, (a, b) => vals[a].CompareTo(vals[b]));
            int best = order[0], worst = order[n], second = order[n - 1];
            if (Math.Abs(vals[worst] - vals[best]) <= tolerance * (Math.Abs(vals[best]) + 1e-30) && double.IsFinite(vals[worst])) break;
            var centroid = new double[n];
            for (int i = 0; i < n; i++) for (int d = 0; d < n; d++) centroid[d] += pts[order[i]][d] / n;
            double[] Along(double t) { var p = new double[n]; for (int d = 0; d < n; d++) p[d] = centroid[d] + t * (pts[worst][d] - centroid[d]); return p; }
            var xr = Along(-1); double fr = Eval(xr);
            if (fr < vals[best])
            {
                var xe = Along(-2); double fe = Eval(xe);
                (pts[worst], vals[worst]) = fe < fr ? (xe, fe) : (xr, fr);
            }
            else if (fr < vals[second])
            {
                (pts[worst], vals[worst]) = (xr, fr);
            }
            else
            {
                var xc = fr < vals[worst] ? Along(-0.5) : Along(0.5);
                double fc = Eval(xc);
                if (fc < Math.Min(fr, vals[worst])) (pts[worst], vals[worst]) = (xc, fc);
                else
                {
                    for (int i = 1; i <= n; i++)
                    {
                        var p = pts[order[i]];
                        for (int d = 0; d < n; d++) p[d] = pts[best][d] + 0.5 * (p[d] - pts[best][d]);
                        vals[order[i]] = Eval(p);
                    }
                }
            }
        }
        int arg = 0;
        for (int i = 1; i <= n; i++) if (vals[i] < vals[arg]) arg = i;
        return (pts[arg], vals[arg], it);
    }
}
