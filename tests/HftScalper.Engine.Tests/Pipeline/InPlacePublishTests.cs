using System.Runtime.InteropServices;
using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Disruptor;
using HftScalper.Engine.Pipeline;
using HftScalper.Simulator;
using HftScalper.Simulator.Model;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The producer's in-place path: a frame feed parses each message straight into the ring's free slots
/// (<see cref="RingBuffer{T}.FreeWindow"/>) and <see cref="ReplayFeeder"/> publishes them there, uncopied. What the
/// stages see must be exactly what the copy path hands them: every byte of every event, in order, each stamped with its
/// message's ingress time, whether the message was written in place or (longer than the room) copied.
/// <code>
///  simulator frames --> BinanceEventFeed --(in place | copy)--> ring (slots pre-filled with garbage) --> collecting stage
///  simulator frames --> BinanceEventFeed --TryReadMessage--> the reference events
/// </code>
/// </summary>
public sealed class InPlacePublishTests
{
    [Theory]
    [InlineData(1024)] // room 512: nearly every message in place
    [InlineData(16)]   // room 8: depth messages of more levels are copied, in pieces of 8
    public void The_stages_see_byte_for_byte_the_events_of_the_copy_path(int ringSize)
    {
        var reference = new List<MarketEvent>();
        long messages = 0;
        using (var source = Simulator(out var registry))
        {
            var feed = new BinanceEventFeed(source, registry, "binance-spot");
            while (feed.TryReadMessage(out var message))
            {
                reference.AddRange(message);
                if (message.Length > 0) messages++;
            }
        }

        var ring = new RingBuffer<MarketEvent>(ringSize, ProducerType.Single, new BusySpinWaitStrategy());
        // Every slot holds garbage first: a field the parser skipped in place would keep it.
        for (long q = 0; q < ringSize; q++) MemoryMarshal.AsBytes(new Span<MarketEvent>(ref ring[q])).Fill(0xA5);
        var side = new EventSideBuffer(ringSize);
        var seen = new Collected();
        var consumer = new InlineConsumer<MarketEvent, CollectingHandler>(ring, new CollectingHandler(seen, side));
        ring.AddGatingSequences(consumer.Sequence);
        var feeder = new ReplayFeeder(ring, side);
        using (var source = Simulator(out var registry))
            feeder.Run(new BinanceEventFeed(source, registry, "binance-spot"), () => consumer.ProcessAvailable());

        Assert.Equal(reference.Count, seen.Events.Count);
        Assert.True(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(reference)).SequenceEqual(MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(seen.Events))));
        Assert.Equal(0, seen.Unstamped);
        Assert.True(feeder.InPlaceMessages > messages / 2, $"{feeder.InPlaceMessages} of {messages} messages in place");
        if (ringSize == 16) Assert.True(feeder.InPlaceMessages < messages, "no message took the copy path");
    }

    private static MarketSimulatorSource Simulator(out SymbolRegistry registry)
    {
        registry = new SymbolRegistry();
        return new MarketSimulatorSource(SimulatorOptions.Default with { Duration = TimeSpan.FromSeconds(30), Symbols = [SymbolProfile.Btcusdt] }, registry);
    }

    private sealed class Collected
    {
        public readonly List<MarketEvent> Events = [];
        public long Unstamped;
    }

    private readonly struct CollectingHandler(Collected into, EventSideBuffer side) : IEventHandler<MarketEvent>
    {
        public void OnBatchStart(long firstSequence, long count) { }

        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch)
        {
            into.Events.Add(e);
            if (side.IngressTicks(sequence) == 0) into.Unstamped++;
        }
    }
}
