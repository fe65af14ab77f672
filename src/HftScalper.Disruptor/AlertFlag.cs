namespace HftScalper.Disruptor;

/// <summary>
/// A one-bit "stop waiting" signal checked by wait strategies inside their wait loops. Raised by halt/stop so that
/// blocked consumers and producers return promptly instead of sleeping forever.
/// </summary>
public sealed class AlertFlag
{
    private volatile bool _alerted;

    /// <summary>True once <see cref="Raise"/> was called and until <see cref="Clear"/>.</summary>
    public bool IsRaised => _alerted;

    /// <summary>Raises the flag. The owner must then call <see cref="IWaitStrategy.SignalAllWhenBlocking"/> to wake sleepers.</summary>
    public void Raise() => _alerted = true;

    /// <summary>Lowers the flag (before a restart).</summary>
    public void Clear() => _alerted = false;
}
