using HftScalper.Core.Frames;

namespace HftScalper.Recording.Journal;

/// <summary>Copies every frame of a source into a journal (<c>hft convert --to journal</c>).</summary>
public static class JournalConverter
{
    /// <summary>Writes all frames of <paramref name="source"/> with a writer made from <paramref name="options"/>;
    /// returns the writer's counters. Frames are copied unchanged (time, origin, symbol, stream, payload bytes).</summary>
    public static JournalStats Convert(IRawFrameSource source, JournalWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        using var writer = new JournalWriter(options with { FlushMode = JournalFlushMode.WhenFull });
        while (source.TryRead(out var frame)) writer.Append(in frame);
        writer.Flush();
        return writer.Stats;
    }
}
