using HftScalper.Core.Frames;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Replay;

/// <summary>A frame source released at recorded speed (see <see cref="ReplayPacer"/>), paced on local receive time.</summary>
public sealed class PacedFrameSource : IRawFrameSource, IInputDamageSource
{
    private readonly IRawFrameSource _inner;

    /// <summary>Wraps (and owns) <paramref name="inner"/>.</summary>
    public PacedFrameSource(IRawFrameSource inner, double speed)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Pacer = new ReplayPacer(speed);
    }

    /// <summary>The pacer (speed, time waited).</summary>
    public ReplayPacer Pacer { get; }

    /// <inheritdoc />
    public string Description => $"{_inner.Description} at {Pacer.Speed}x recorded speed";

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        if (!_inner.TryRead(out frame)) return false;
        Pacer.Pace(frame.LocalTimeNs);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => total.AddFrom(_inner);
}
