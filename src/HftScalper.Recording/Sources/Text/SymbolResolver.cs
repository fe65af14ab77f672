using System.Text;
using HftScalper.Binance.Parsing;

namespace HftScalper.Recording.Sources.Text;

/// <summary>Resolves a UTF-8 symbol name to a registry id, registering it when the options allow.</summary>
internal static class SymbolResolver
{
    public static int Resolve(TextSourceOptions options, ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty) return -1;
        if (options.Registry.TryGetId(name, out int id)) return id;
        if (options.AutoRegisterVenue is null || name.Length > 32) return -1;
        foreach (byte b in name)
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_' || b == (byte)'-')) return -1;
        // The parser's one way (KnownSymbols): a known symbol met first in a REST snapshot (cryptofeed's http file is
        // read ahead) keeps its exchange scales; generic 8/8 here had disabled trading for the whole run.
        // A full registry refuses (and counts) the name: the line is skipped, not the run.
        return KnownSymbols.TryRegister(options.Registry, options.AutoRegisterVenue, Encoding.ASCII.GetString(name))?.Id ?? -1;
    }

    /// <summary>The symbol part of a stream name inside a combined-stream line: <c>{"stream":"btcusdt@...</c>.</summary>
    public static ReadOnlySpan<byte> StreamSymbol(ReadOnlySpan<byte> json)
    {
        ReadOnlySpan<byte> prefix = "{\"stream\":\""u8;
        if (!json.StartsWith(prefix)) return default;
        var rest = json[prefix.Length..];
        int at = rest.IndexOfAny((byte)'@', (byte)'"');
        return at > 0 && rest[at] == (byte)'@' ? rest[..at] : default;
    }
}
