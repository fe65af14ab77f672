using HftScalper.Core.Settings;
using HftScalper.Inference.Online;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>The <c>online.ab</c> section: which share of symbols or decisions the online layer serves (deterministic hash).</summary>
internal sealed class AbConfig
{
    /// <summary>Share routed to the candidate, [0, 1] (default 0.5).</summary>
    public double? Fraction { get; set; }

    /// <summary><c>symbol</c> (default: a symbol stays in one arm) or <c>decision</c>.</summary>
    public string? Split { get; set; }

    /// <summary>Hash seed (default 0).</summary>
    public ulong? Seed { get; set; }

    /// <summary>The router; a value out of range is a <see cref="SettingException"/> naming <c>online.ab.KEY</c>.</summary>
    public AbRouter Router()
    {
        double fraction = Fraction ?? 0.5;
        SettingRange.Check("online.ab.fraction", fraction, 0, 1);
        string split = (Split ?? "symbol").ToLowerInvariant();
        SettingRange.CheckOneOf("online.ab.split", split, "symbol", "decision");
        return new AbRouter(fraction, split == "symbol" ? AbSplit.Symbol : AbSplit.Decision, Seed ?? 0);
    }
}
