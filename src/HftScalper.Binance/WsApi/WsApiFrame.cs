using System.Text;
using System.Text.Json;
using HftScalper.Binance.UserData;

namespace HftScalper.Binance.WsApi;

/// <summary>What one text frame of the WebSocket API connection is: a response to a request (has <c>id</c> and
/// <c>status</c>) or a user data event (<c>{"subscriptionId":..,"event":{..}}</c>). One reader pass, no reflection.</summary>
internal ref struct WsApiFrame
{
    public bool IsResponse;
    public bool HasId;
    public long Id;
    public int Status;
    public int ErrorCode;
    public JsonSlice ErrorMessage;
    public JsonSlice Result;
    public JsonSlice RateLimits;
    public bool IsEvent;

    /// <summary>Classifies <paramref name="json"/>; null on success, else why it is malformed. Never throws.</summary>
    public static string? TryRead(ReadOnlySpan<byte> json, out WsApiFrame frame)
    {
        frame = default;
        try
        {
            return Read(json, ref frame);
        }
        catch (JsonException)
        {
            return "invalid JSON";
        }
    }

    private static string? Read(ReadOnlySpan<byte> json, ref WsApiFrame f)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "not a JSON object";
        bool hasStatus = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            bool isId = name.SequenceEqual("id"u8), isStatus = name.SequenceEqual("status"u8);
            bool isError = name.SequenceEqual("error"u8), isResult = name.SequenceEqual("result"u8);
            bool isLimits = name.SequenceEqual("rateLimits"u8), isEvent = name.SequenceEqual("event"u8);
            if (!reader.Read()) return "truncated";
            if (isError && reader.TokenType == JsonTokenType.StartObject)
            {
                string? why = ReadError(ref reader, json, ref f);
                if (why is not null) return why;
                continue;
            }
            var value = JsonSlice.Read(ref reader);
            if (isId)
            {
                f.IsResponse = true;
                if (value.Type != JsonTokenType.Null)
                {
                    f.HasId = value.TryLong(json, out f.Id);
                    if (!f.HasId) return "response id is not one of ours (not a number)";
                }
            }
            else if (isStatus)
            {
                if (!value.TryLong(json, out long status)) return "status is not a number";
                f.Status = (int)status;
                hasStatus = true;
            }
            else if (isResult) f.Result = value;
            else if (isLimits) f.RateLimits = value;
            else if (isEvent) f.IsEvent = value.Type == JsonTokenType.StartObject;
        }
        if (reader.TokenType != JsonTokenType.EndObject) return "not a JSON object";
        if (f.IsResponse && !hasStatus) return "response without status";
        if (!f.IsResponse && !f.IsEvent) return "neither a response nor an event";
        return null;
    }

    private static string? ReadError(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ref WsApiFrame f)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isCode = reader.ValueTextEquals("code"u8), isMsg = reader.ValueTextEquals("msg"u8);
            reader.Read();
            var value = JsonSlice.Read(ref reader);
            if (isCode)
            {
                if (!value.TryLong(json, out long code)) return "error code is not a number";
                f.ErrorCode = (int)code;
            }
            else if (isMsg) f.ErrorMessage = value;
        }
        return reader.TokenType == JsonTokenType.EndObject ? null : "error is not an object";
    }

    public readonly string? Message(ReadOnlySpan<byte> json) =>
        ErrorMessage.Type == JsonTokenType.String ? Encoding.UTF8.GetString(ErrorMessage.Of(json)) : null;

    public static byte[]? Copy(ReadOnlySpan<byte> json, JsonSlice slice) =>
        slice.Type is JsonTokenType.StartObject or JsonTokenType.StartArray ? slice.Of(json).ToArray() : null;
}
