using System.CommandLine;
using System.Text.Json.Nodes;
using HftScalper.Recording.Integrity;

namespace HftScalper.Cli;

/// <summary>
/// How every verb that reads recordings reports damaged input: the <c>inputDamage</c> object in <c>--json</c> (always
/// present, zeros when clean), one warning line straight to stderr when any counter is non-zero (not through the
/// logger, so <c>--quiet</c> cannot hide it), and exit 3 under <c>--strict</c>.
/// </summary>
internal static class InputDamageReport
{
    /// <summary>Exit code of a run whose input was damaged, under <c>--strict</c> (and always for <c>book-check</c>).</summary>
    public const int DamagedInput = 3;

    /// <summary>The <c>--strict</c> option of a verb that reads recordings.</summary>
    public static Option<bool> StrictOption() =>
        new("--strict") { Description = "Exit 3 when the input was damaged (any inputDamage counter non-zero); without it the run finishes and reports the counters" };

    /// <summary>The counters as a JSON object (camelCase keys, plus <c>firstProblem</c> when there is one).</summary>
    public static JsonObject Json(InputDamage damage)
    {
        ArgumentNullException.ThrowIfNull(damage);
        var o = new JsonObject();
        foreach (var (key, value) in damage.Counters) o[key] = value;
        if (damage.FirstProblem is not null) o["firstProblem"] = damage.FirstProblem;
        return o;
    }

    /// <summary>Adds <c>inputDamage</c> to <paramref name="result"/> and warns on stderr when anything was damaged.</summary>
    public static void Report(string verb, InputDamage damage, JsonObject result)
    {
        ArgumentNullException.ThrowIfNull(damage);
        ArgumentNullException.ThrowIfNull(result);
        result["inputDamage"] = Json(damage);
        Warn(verb, damage);
    }

    /// <summary>Writes the warning line to stderr when anything was damaged.</summary>
    public static void Warn(string verb, InputDamage damage)
    {
        ArgumentNullException.ThrowIfNull(damage);
        if (!damage.Any) return;
        Console.Error.WriteLine($"hft {verb}: warning: input damaged: {damage}");
        Console.Error.Flush();
    }

    /// <summary>
    /// Writes one line to stderr when messages were dropped as duplicates of an id already seen (a duplicated line in a
    /// recording, a reconnect's overlap live): how many, and the first. Not damage (nothing is lost, the run's figures
    /// are those without the copies), so no exit code; before, only <c>duplicatesDropped</c> said it, and only in
    /// <c>replay --json</c>.
    /// </summary>
    public static void NoteDuplicates(string verb, long duplicates, string? first)
    {
        if (duplicates <= 0) return;
        Console.Error.WriteLine($"hft {verb}: note: {duplicates} duplicate message(s) dropped (id already seen)" + (first is null ? "" : $"; first: {first}"));
        Console.Error.Flush();
    }

    /// <summary><paramref name="exitCode"/>, or <see cref="DamagedInput"/> when it is 0, the input was damaged and
    /// <paramref name="strict"/> is set.</summary>
    public static int ExitCode(int exitCode, InputDamage damage, bool strict)
    {
        ArgumentNullException.ThrowIfNull(damage);
        return exitCode == 0 && strict && damage.Any ? DamagedInput : exitCode;
    }
}
