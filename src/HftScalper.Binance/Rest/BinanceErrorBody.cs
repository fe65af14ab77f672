using System.Text.Json;

namespace HftScalper.Binance.Rest;

/// <summary>Reads Binance's error body <c>{"code":-1121,"msg":"Invalid symbol."}</c> with a <see cref="Utf8JsonReader"/>.</summary>
internal static class BinanceErrorBody
{
    /// <summary>Binance's codes whose execution status is unknown: -1006 UNEXPECTED_RESP, -1007 TIMEOUT.</summary>
    public static bool IsUnknownStatus(int code) => code is -1006 or -1007;

    /// <summary>-1021 INVALID_TIMESTAMP: outside recvWindow or ahead of the server.</summary>
    public const int InvalidTimestamp = -1021;

    /// <summary>The top-level <c>code</c> and <c>msg</c>, or (0, null) when the body is not such an object.</summary>
    public static (int Code, string? Message) Read(ReadOnlySpan<byte> body)
    {
        int code = 0;
        string? msg = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return (0, null);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isCode = reader.ValueTextEquals("code"u8);
                bool isMsg = !isCode && reader.ValueTextEquals("msg"u8);
                if (!reader.Read()) break;
                if (isCode && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int c)) code = c;
                else if (isMsg && reader.TokenType == JsonTokenType.String) msg = reader.GetString();
                else reader.Skip();
            }
        }
        catch (JsonException)
        {
            // a truncated or non-JSON error body: keep what was read
        }
        return (code, msg);
    }
}
