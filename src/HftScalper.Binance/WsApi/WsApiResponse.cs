using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace HftScalper.Binance.WsApi;

/// <summary>
/// The completion of one WebSocket API request: the exchange's answer (<c>{"id":..,"status":200,"result":..}</c> or
/// <c>{"id":..,"status":400,"error":{"code":-2010,"msg":".."}}</c>), or an explicit <see cref="WsApiOutcome.Unknown"/>
/// / <see cref="WsApiOutcome.NotSent"/> made by the client.
/// </summary>
public sealed class WsApiResponse
{
    internal WsApiResponse(long id, string method, WsApiOutcome outcome)
    {
        Id = id;
        Method = method;
        Outcome = outcome;
    }

    /// <summary>The request id (unique per client for its whole life, across reconnects).</summary>
    public long Id { get; }

    /// <summary>The request's method, e.g. <c>order.place</c>.</summary>
    public string Method { get; }

    /// <summary>What is known.</summary>
    public WsApiOutcome Outcome { get; internal set; }

    /// <summary>Why the outcome is Unknown or NotSent (None otherwise).</summary>
    public WsApiUnknownReason UnknownReason { get; internal init; }

    /// <summary>HTTP-like status from the exchange (200, 400, 403, 409, 418, 429, 5XX); 0 when none arrived.</summary>
    public int Status { get; internal init; }

    /// <summary>Binance error code (e.g. -2010, -1021, -1007); 0 when none.</summary>
    public int ErrorCode { get; internal init; }

    /// <summary>Binance error message; null when none.</summary>
    public string? ErrorMessage { get; internal init; }

    /// <summary>The raw JSON of <c>result</c> (object or array), or null.</summary>
    public byte[]? ResultJson { get; internal init; }

    /// <summary>The raw JSON of <c>rateLimits</c>, or null.</summary>
    public byte[]? RateLimitsJson { get; internal init; }

    /// <summary>When the request's last byte was handed to the socket (<see cref="Transport.LocalClock"/> ns; 0 if never).</summary>
    public long WrittenAtNs { get; internal set; }

    /// <summary>When the response frame was received (ns; 0 when the client made the outcome).</summary>
    public long ReceivedAtNs { get; internal init; }

    /// <summary>Whether the exchange did it.</summary>
    public bool IsOk => Outcome == WsApiOutcome.Ok;

    /// <summary>A top-level number (or numeric string) of an object <see cref="ResultJson"/>, e.g. <c>orderId</c>.</summary>
    public bool TryGetResultLong(string name, out long value)
    {
        value = 0;
        if (!TryFindResultValue(name, out var text, out var type)) return false;
        return type is JsonTokenType.Number or JsonTokenType.String
            && Utf8Parser.TryParse(text, out value, out int used) && used == text.Length;
    }

    /// <summary>A top-level string of an object <see cref="ResultJson"/>, e.g. <c>status</c>, <c>clientOrderId</c>.</summary>
    public bool TryGetResultString(string name, out string? value)
    {
        value = null;
        if (!TryFindResultValue(name, out var text, out var type) || type != JsonTokenType.String) return false;
        value = Encoding.UTF8.GetString(text);
        return true;
    }

    private bool TryFindResultValue(string name, out ReadOnlySpan<byte> text, out JsonTokenType type)
    {
        text = default;
        type = JsonTokenType.None;
        if (ResultJson is null) return false;
        try
        {
            var reader = new Utf8JsonReader(ResultJson);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool match = reader.ValueTextEquals(name);
                reader.Read();
                if (match)
                {
                    type = reader.TokenType;
                    text = reader.ValueSpan;
                    return true;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Checked when the frame arrived; only a hand-made response could get here.
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        WsApiOutcome.Ok => $"{Method}#{Id}: ok",
        WsApiOutcome.Rejected => $"{Method}#{Id}: rejected {Status} {ErrorCode} {ErrorMessage}",
        _ => $"{Method}#{Id}: {Outcome} ({UnknownReason}{(Status != 0 ? $", {Status} {ErrorCode} {ErrorMessage}" : "")})",
    };
}
