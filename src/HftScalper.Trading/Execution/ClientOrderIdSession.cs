using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HftScalper.Trading.Execution;

/// <summary>
/// The session part of our client order ids, so ids are unique across restarts: the order tracker numbers its orders
/// from 1 in every process (<see cref="ClientOrderId"/>, a 64-bit value), and the id a venue sees
/// (Binance <c>newClientOrderId</c>) is <c>{Prefix}-{hex value}</c>. Two sessions with different prefixes never
/// produce the same text, whatever their values: the hex part holds no <c>-</c>, and the prefix none either.
/// </summary>
/// <remarks>
/// The prefix is 1 to <see cref="MaxPrefixLength"/> characters of <c>[A-Za-z0-9_]</c>, so the whole id (at most
/// 19 + 1 + 16 = 36 characters) fits Binance's rule <c>^[\.A-Z\:/a-z0-9_-]{1,36}$</c>. Replay uses a fixed prefix
/// (<see cref="Replay"/>: the ids, like the decisions, are the same every run); a live run takes
/// <see cref="NewLive"/> (start time plus random characters). Immutable; thread-safe.
/// </remarks>
public sealed class ClientOrderIdSession
{
    /// <summary>Longest id Binance accepts as <c>newClientOrderId</c>.</summary>
    public const int MaxIdLength = 36;

    /// <summary>Longest prefix: what is left of <see cref="MaxIdLength"/> after the separator and 16 hex digits.</summary>
    public const int MaxPrefixLength = MaxIdLength - 1 - 16;

    private const char Separator = '-';
    private readonly byte[] _utf8;

    /// <summary>A session with this prefix; throws <see cref="ArgumentException"/> unless it is 1 to
    /// <see cref="MaxPrefixLength"/> characters of <c>[A-Za-z0-9_]</c>.</summary>
    public ClientOrderIdSession(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!IsValidPrefix(prefix))
            throw new ArgumentException($"a client order id prefix is 1 to {MaxPrefixLength} characters of A-Z, a-z, 0-9 and _: '{prefix}'", nameof(prefix));
        Prefix = prefix;
        _utf8 = Encoding.ASCII.GetBytes(prefix + Separator);
    }

    /// <summary>The deterministic session of replays and backtests (prefix <c>replay</c>).</summary>
    public static ClientOrderIdSession Replay { get; } = new("replay");

    /// <summary>The prefix.</summary>
    public string Prefix { get; }

    /// <summary>True when <paramref name="prefix"/> is a usable prefix.</summary>
    public static bool IsValidPrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength) return false;
        foreach (char c in prefix)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    /// <summary>
    /// A session for a live run started at <paramref name="startedAt"/>: the start second in base 36 (6 characters
    /// until December 2038, 7 after) then 6 random base-36 characters, so two processes started in the same second still
    /// differ (1 in 2.2 billion to collide).
    /// </summary>
    public static ClientOrderIdSession NewLive(DateTimeOffset startedAt)
    {
        var text = new StringBuilder(MaxPrefixLength);
        AppendBase36(text, Math.Max(0, startedAt.ToUnixTimeSeconds()));
        for (int i = 0; i < 6; i++) text.Append(Base36[RandomNumberGenerator.GetInt32(36)]);
        return new ClientOrderIdSession(text.ToString());
    }

    /// <summary>The text a venue sees for <paramref name="id"/> (allocates: off the hot path).</summary>
    public string Format(ClientOrderId id) => Prefix + Separator + id.ToString();

    /// <summary>Writes the id as ASCII/UTF-8 into <paramref name="destination"/> without allocating (order entry
    /// builds requests in place). False when it does not fit (36 bytes always do).</summary>
    public bool TryFormat(ClientOrderId id, Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < _utf8.Length) return false;
        _utf8.CopyTo(destination);
        if (!Utf8Formatter.TryFormat((ulong)id.Value, destination[_utf8.Length..], out int digits, new System.Buffers.StandardFormat('x')))
            return false;
        written = _utf8.Length + digits;
        return true;
    }

    /// <summary>Reads back an id of this session (an execution report or an open-order query); false for another
    /// session's id (a previous run's order: reconciliation decides), or text that is not an id.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out ClientOrderId id)
    {
        id = ClientOrderId.None;
        if (text.Length <= Prefix.Length + 1 || !text.StartsWith(Prefix, StringComparison.Ordinal) || text[Prefix.Length] != Separator)
            return false;
        var hex = text[(Prefix.Length + 1)..];
        if (hex.Length > 16 || hex[0] == '+' || hex[0] == '-'
            || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long value) || value == 0)
            return false;
        id = new ClientOrderId(value);
        return id.ToString().AsSpan().SequenceEqual(hex); // the one spelling Format writes (lower case, no leading zeros)
    }

    /// <inheritdoc />
    public override string ToString() => Prefix;

    private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

    private static void AppendBase36(StringBuilder text, long value)
    {
        int start = text.Length;
        do
        {
            text.Insert(start, Base36[(int)(value % 36)]);
            value /= 36;
        }
        while (value > 0);
    }
}
