namespace HftScalper.Engine.Composition;

/// <summary>An operator's action on a running desk (the dashboard's controls).</summary>
public enum OperatorAction
{
    /// <summary>Nothing pending.</summary>
    None = 0,

    /// <summary>Halt as the kill switch does: risk refuses every signal, and the desk closes what stays open (reduce-only).</summary>
    Halt = 1,

    /// <summary>Cancel open entry orders and close every position with reduce-only market orders.</summary>
    Flatten = 2,

    /// <summary>Clear a halt (the drawdown kill switch trips again at once while the drawdown is over its limit).</summary>
    Resume = 3,
}

/// <summary>
/// Hands an operator's action from any thread (the dashboard's request thread) to the strategy thread, which applies
/// it before its next decision: the desk is single-threaded, so nothing else may touch it. The strategy thread pays
/// one volatile read per decision while nothing is pending (and nothing at all when no mailbox is attached). One
/// action waits at a time; a later one replaces an earlier one not yet applied.
/// </summary>
public sealed class OperatorMailbox
{
    private int _pending;
    private long _applied;

    /// <summary>True when an action waits (the strategy thread's check).</summary>
    public bool HasPending => Volatile.Read(ref _pending) != 0;

    /// <summary>Actions applied so far.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Asks the strategy thread to apply <paramref name="action"/> before its next decision.</summary>
    public void Post(OperatorAction action)
    {
        if (action is < OperatorAction.Halt or > OperatorAction.Resume) throw new ArgumentOutOfRangeException(nameof(action), action, "halt, flatten or resume");
        Volatile.Write(ref _pending, (int)action);
    }

    /// <summary>Takes the waiting action (strategy thread), or <see cref="OperatorAction.None"/>.</summary>
    internal OperatorAction Take() => (OperatorAction)Interlocked.Exchange(ref _pending, 0);

    internal void MarkApplied() => Interlocked.Increment(ref _applied);
}
