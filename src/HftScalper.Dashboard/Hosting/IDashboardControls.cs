namespace HftScalper.Dashboard.Hosting;

/// <summary>The operator's controls a live run offers the dashboard (<c>hft run</c>; a replay offers none).</summary>
public interface IDashboardControls
{
    /// <summary>Applies <paramref name="action"/> (halt, flatten or resume); returns what was done, for the log and the page.
    /// Throws <see cref="ArgumentException"/> for an unknown action.</summary>
    string Apply(string action);
}
