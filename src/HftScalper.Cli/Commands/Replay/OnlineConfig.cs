using HftScalper.Core.Settings;
using HftScalper.Inference.Online;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The <c>online</c> section of <c>hft replay --config</c>: the online layer learnt beside the frozen model.
/// <code>
/// { "online": { "enabled": true, "drive": false, "alpha": 0.05, "beta": 1, "l1": 0, "l2": 1, "clip": 5, "useFeatures": true, "learnSpacingMs": 250,
///               "pendingCapacity": 65536, "perSymbol": true, "transferAfter": 2000, "graduationAlpha": 0.05,
///               "graduationMinBlocks": 10, "ab": { "fraction": 0.5, "split": "symbol", "seed": 7 } } }
/// </code>
/// </summary>
internal sealed class OnlineConfig
{
    /// <summary>Learn online (as <c>--online</c>).</summary>
    public bool? Enabled { get; set; }

    /// <summary>The online layer's probabilities drive the decisions routed to it (default false: scored beside, digest unchanged).</summary>
    public bool? Drive { get; set; }

    /// <summary>FTRL learning-rate scale.</summary>
    public double? Alpha { get; set; }

    /// <summary>FTRL learning-rate smoothing.</summary>
    public double? Beta { get; set; }

    /// <summary>FTRL L1 strength.</summary>
    public double? L1 { get; set; }

    /// <summary>FTRL L2 strength.</summary>
    public double? L2 { get; set; }

    /// <summary>Standardised inputs clipped to ± this.</summary>
    public double? Clip { get; set; }

    /// <summary>Read the feature row (default true); false = recalibrate the frozen probabilities only.</summary>
    public bool? UseFeatures { get; set; }

    /// <summary>Per symbol, least exchange time between two labels learnt, ms (default 250).</summary>
    public double? LearnSpacingMs { get; set; }

    /// <summary>Predictions waiting for their label.</summary>
    public int? PendingCapacity { get; set; }

    /// <summary>A layer per symbol, warm-started from the shared one (transfer), serving once it graduates.</summary>
    public bool? PerSymbol { get; set; }

    /// <summary>Shared samples before a symbol's layer is warm-started.</summary>
    public long? TransferAfter { get; set; }

    /// <summary>p-value under which a symbol's layer graduates.</summary>
    public double? GraduationAlpha { get; set; }

    /// <summary>Blocks a graduation needs.</summary>
    public long? GraduationMinBlocks { get; set; }

    /// <summary>A/B split between the frozen model and the online layer (needs <see cref="Drive"/>).</summary>
    public AbConfig? Ab { get; set; }

    /// <summary>The learner's settings; a value out of range is a <see cref="SettingException"/> naming <c>online.KEY</c>.</summary>
    public OnlineLearnerOptions Apply(OnlineLearnerOptions options)
    {
        if (Alpha is { } a) SettingRange.CheckPositive("online.alpha", a, 1e6);
        if (Beta is { } b) SettingRange.Check("online.beta", b, 0, 1e6);
        if (L1 is { } l1) SettingRange.Check("online.l1", l1, 0, 1e6);
        if (L2 is { } l2) SettingRange.Check("online.l2", l2, 0, 1e6);
        if (Clip is { } c) SettingRange.CheckPositive("online.clip", c, 1e6);
        if (LearnSpacingMs is { } ls) SettingRange.Check("online.learnSpacingMs", ls, 0, 3_600_000);
        if (PendingCapacity is { } p) SettingRange.Check("online.pendingCapacity", p, 1, 1 << 24);
        if (TransferAfter is { } t) SettingRange.Check("online.transferAfter", t, 0, long.MaxValue);
        if (GraduationAlpha is { } g && !(g > 0 && g < 1)) throw SettingRange.OutOfRange("online.graduationAlpha", SettingRange.Format(g), "(0, 1)");
        if (GraduationMinBlocks is { } m) SettingRange.Check("online.graduationMinBlocks", m, 2, 1_000_000);
        if (Ab is not null && Drive != true) throw new SettingException("online.ab needs online.drive = true (an arm only matters when the online layer serves decisions)");
        var ftrl = options.Ftrl;
        return options with
        {
            Ftrl = ftrl with { Alpha = Alpha ?? ftrl.Alpha, Beta = Beta ?? ftrl.Beta, L1 = L1 ?? ftrl.L1, L2 = L2 ?? ftrl.L2 },
            Clip = Clip ?? options.Clip,
            UseFeatures = UseFeatures ?? options.UseFeatures,
            LearnSpacingNs = LearnSpacingMs is { } spacing ? (long)(spacing * 1_000_000) : options.LearnSpacingNs,
            PendingCapacity = PendingCapacity ?? options.PendingCapacity,
            PerSymbol = PerSymbol ?? options.PerSymbol,
            TransferAfter = TransferAfter ?? options.TransferAfter,
            GraduationAlpha = GraduationAlpha ?? options.GraduationAlpha,
            GraduationMinBlocks = GraduationMinBlocks ?? options.GraduationMinBlocks,
            Ab = Ab?.Router() ?? options.Ab,
        };
    }
}
