using System.Text;

namespace HftScalper.Binance.IntegrationTests.Transport;

/// <summary>Encodes RFC 6455 server-to-client frames (unmasked) so a client WebSocket can read a scripted byte stream.</summary>
internal static class ServerFrames
{
    public const byte Text = 0x1;
    public const byte Continuation = 0x0;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;

    public static void Write(Stream s, byte opcode, ReadOnlySpan<byte> payload, bool fin = true)
    {
        s.WriteByte((byte)((fin ? 0x80 : 0) | opcode));
        if (payload.Length < 126) s.WriteByte((byte)payload.Length);
        else if (payload.Length <= ushort.MaxValue)
        {
            s.WriteByte(126);
            s.WriteByte((byte)(payload.Length >> 8));
            s.WriteByte((byte)payload.Length);
        }
        else
        {
            s.WriteByte(127);
            for (int i = 7; i >= 0; i--) s.WriteByte((byte)((long)payload.Length >> (8 * i)));
        }
        s.Write(payload);
    }

    public static void WriteText(Stream s, string text) => Write(s, Text, Encoding.UTF8.GetBytes(text));

    public static void WriteClose(Stream s) => Write(s, Close, [0x03, 0xE8]); // 1000 normal closure
}
