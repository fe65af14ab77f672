namespace HftScalper.Recording.Journal;

/// <summary>What the records of a journal segment hold (the <c>kind</c> key of its header).</summary>
public enum JournalKind : byte
{
    /// <summary>One raw exchange frame per record (parsed on replay, so replay runs the live parser).</summary>
    Frames = 0,

    /// <summary>One block of parsed 64-byte <see cref="Core.Events.MarketEvent"/>s per record (see
    /// <see cref="EventJournalFormat"/>): replay copies them without parsing.</summary>
    Events = 1,

    /// <summary>One order request or execution report per record (<see cref="Orders.OrderJournalRecord"/>): the
    /// order journal of a run (<see cref="Orders.OrderJournalWriter"/>).</summary>
    Orders = 2,
}
