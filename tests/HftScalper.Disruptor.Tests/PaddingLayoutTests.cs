using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Disruptor.Tests;

public sealed class PaddingLayoutTests
{
    [Fact]
    public void Padded_long_is_128_bytes_with_the_value_at_offset_64()
    {
        var padded = default(PaddedLong);

        long offset = Unsafe.ByteOffset(ref Unsafe.As<PaddedLong, byte>(ref padded), ref Unsafe.As<long, byte>(ref padded.Value));

        Assert.Equal(128, Unsafe.SizeOf<PaddedLong>());
        Assert.Equal(64, offset);
        Assert.Equal(64, Marshal.OffsetOf<PaddedLong>(nameof(PaddedLong.Value)).ToInt32());
    }

    [Fact]
    public void Sequence_holds_nothing_but_its_padded_value()
    {
        var fields = typeof(Sequence).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

        var field = Assert.Single(fields);
        Assert.Equal(typeof(PaddedLong), field.FieldType);
    }

    [Fact]
    public void Sequence_starts_at_minus_one_and_supports_atomic_updates()
    {
        var sequence = new Sequence();

        Assert.Equal(-1, sequence.Value);
        Assert.Equal(4, sequence.AddAndGet(5));
        Assert.False(sequence.CompareAndSet(3, 10));
        Assert.True(sequence.CompareAndSet(4, 10));
        Assert.Equal(10, sequence.Value);
    }
}
