namespace HftScalper.Cli.Feedback;

/// <summary>How a long verb shows its progress on stderr (<c>HFT_PROGRESS</c>: auto, bars, lines or off).</summary>
internal enum ProgressMode
{
    /// <summary>Nothing (<c>--quiet</c>, or <c>HFT_PROGRESS=off</c>).</summary>
    Off,

    /// <summary>One heartbeat line every few seconds (<c>HFT_PROGRESS_SECONDS</c>, default 5): for logs, CI, pipes.</summary>
    Lines,

    /// <summary>Live bars with percent and ETA, redrawn in place: when stdout and stderr are both a terminal.</summary>
    Bars,
}
