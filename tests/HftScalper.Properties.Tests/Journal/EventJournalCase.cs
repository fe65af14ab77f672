using CsCheck;
using HftScalper.Core.Events;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>Generated market events for an event journal, its block size, how it rolls, and damage.</summary>
internal sealed record EventJournalCase(MarketEvent[] Events, int BlockEvents, bool SmallSegments, SegmentDamage[] Damage)
{
    private static readonly Gen<MarketEvent> Event =
        CsCheck.Gen.Select(CsCheck.Gen.Long, CsCheck.Gen.Long[0, 1_000_000_000], CsCheck.Gen.Long, CsCheck.Gen.Long, CsCheck.Gen.Long,
            CsCheck.Gen.Int[0, 2], CsCheck.Gen.Byte, CsCheck.Gen.Byte,
            (exchange, step, price, qty, first, symbol, kind, side) => new MarketEvent
            {
                ExchangeTimeNs = exchange, LocalTimeNs = step, Price = price, Quantity = qty, FirstUpdateId = first,
                SymbolId = symbol, Kind = (MarketEventKind)(kind & 7), Side = (Side)(side % 3), Flags = (MarketEventFlags)(kind >> 3),
            });

    public static readonly Gen<EventJournalCase> Gen =
        from events in Event.Array[1, 300]
        from block in CsCheck.Gen.Int[1, 40]
        from small in CsCheck.Gen.Bool
        from damage in SegmentDamage.Gen.Array[0, 3]
        select new EventJournalCase(Stamp(events), block, small, damage);

    // Local times increase (a step each) and UpdateId is the event's index, so an event read back names itself.
    private static MarketEvent[] Stamp(MarketEvent[] events)
    {
        long t = 1_723_161_255_000_000_000L;
        for (int i = 0; i < events.Length; i++)
        {
            t += events[i].LocalTimeNs;
            events[i].LocalTimeNs = t;
            events[i].UpdateId = i;
        }
        return events;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Events.Length} events in blocks of {BlockEvents}, small segments: {SmallSegments}, damage: [{string.Join(", ", Damage)}]";
}
