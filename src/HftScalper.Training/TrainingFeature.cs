using System.Diagnostics.CodeAnalysis;

namespace HftScalper.Training;

/// <summary>
/// Whether this build of <c>hft</c> can train models. Training needs ML.NET (LightGBM) and TorchSharp, which are not
/// Native AOT-safe (they emit and reflect over code at run time), so the Native AOT serving build
/// (<c>scripts/publish.sh --aot</c>) sets the feature switch <see cref="SwitchName"/> to false: the compiler then sees
/// <see cref="IsSupported"/> as the constant false and drops every path behind it (ML.NET and TorchSharp are not
/// compiled in), and <c>hft train</c> and <c>--adapt</c> refuse with <see cref="NotInThisBuild"/>. Every other build
/// trains as before (the switch is unset: true).
/// </summary>
public static class TrainingFeature
{
    /// <summary>The runtime feature switch (runtimeconfig.json / <c>RuntimeHostConfigurationOption</c>).</summary>
    public const string SwitchName = "HftScalper.Training.IsSupported";

    /// <summary>True unless the build turned training off. Guard a training path with
    /// <c>if (!TrainingFeature.IsSupported) throw TrainingFeature.NotInThisBuild(...)</c> inline, so the trimmer sees the
    /// branch (a helper that throws would hide it).</summary>
    [FeatureSwitchDefinition(SwitchName)]
    public static bool IsSupported => !AppContext.TryGetSwitch(SwitchName, out bool on) || on;

    /// <summary>The error of a training path in a build without training (the CLI's exit code 2, "input").</summary>
    /// <param name="what">What was asked, as the user wrote it (e.g. <c>hft train</c>, <c>--adapt</c>).</param>
    public static NotSupportedException NotInThisBuild(string what) =>
        new($"{what} trains models (ML.NET, TorchSharp) and is not in this build (the Native AOT serving build): " +
            "use the JIT build for it (dotnet hft.dll, or scripts/publish.sh without --aot)");
}
