using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Replay;

/// <summary>Bridge to the raw-line and cryptofeed readers in <c>Sources/Text</c> (owned by the parser work).</summary>
internal static class TextFrameSources
{
    public static IRawFrameSource Open(string path, ReplayFormat format, SymbolRegistry symbols, Action<string>? log)
    {
        _ = symbols;
        _ = log;
        throw new NotSupportedException($"{path}: {format} reader is not available in this build yet");
    }
}
