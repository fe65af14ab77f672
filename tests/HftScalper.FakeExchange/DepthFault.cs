namespace HftScalper.FakeExchange;

/// <summary>A fault applied to the next depth message of a symbol.</summary>
public enum DepthFault
{
    /// <summary>Send as usual.</summary>
    None = 0,

    /// <summary>Apply to the book but never send (a gap).</summary>
    Drop,

    /// <summary>Send twice.</summary>
    Duplicate,

    /// <summary>Hold it back and send it after the next one.</summary>
    Reorder,
}
