using HftScalper.Core.Frames;

namespace HftScalper.Recording.Sources.Text;

/// <summary>Opens text recordings, choosing the format from the file names.</summary>
internal static class TextRecording
{
    /// <summary>
    /// Opens <paramref name="paths"/>: cryptofeed when a name contains <c>.http.</c> or <c>.ws.</c> (both kinds
    /// merged in time order), else the hftbacktest <c>&lt;ts_ns&gt; &lt;json&gt;</c> format (files in the given order).
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="ArgumentException">No file, or the two formats mixed.</exception>
    public static IRawFrameSource Open(IReadOnlyList<string> paths, TextSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        if (paths.Count == 0) throw new ArgumentException("no recording file given", nameof(paths));
        var http = paths.Where(p => Path.GetFileName(p).Contains(".http.", StringComparison.Ordinal)).ToArray();
        var ws = paths.Where(p => Path.GetFileName(p).Contains(".ws.", StringComparison.Ordinal)).ToArray();
        if (http.Length + ws.Length == 0) return new HftBacktestTextSource(paths, options);
        if (http.Length + ws.Length != paths.Count)
            throw new ArgumentException("cannot mix cryptofeed (*.http.*, *.ws.*) and hftbacktest recordings in one replay");
        return new CryptofeedTextSource(http, ws, options);
    }
}
