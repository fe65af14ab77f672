using HftScalper.Binance.IntegrationTests.Recording;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.IntegrationTests.Models;

/// <summary>
/// <c>hft</c> as a real process given a model that does not fit the role it is loaded for: the bundled return
/// regressor is refused as the direction model by <c>replay</c> and <c>evaluate</c> with exit 2 and one line, and by
/// <c>models validate</c> (exit 3) unless it is checked for the return role.
/// </summary>
public sealed class ModelRoleCliTests
{
    private static string ReturnModel => Path.Combine(TestData.RepoRoot, "models", "default.return.onnx");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [InlineData("replay", "--sim-minutes", "1", "--json")]
    [InlineData("evaluate", "--sim-minutes", "1", "--json")]
    public async Task The_bundled_return_model_is_refused_as_a_direction_model_with_exit_2_and_one_line(string verb, params string[] rest)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), [verb, "--model", ReturnModel, .. rest]);

        Assert.True(exit == 2, $"exit {exit}: {stderr}\n{stdout}");
        // --json: stdout holds only the error object; stderr the one line.
        var error = System.Text.Json.Nodes.JsonNode.Parse(stdout)!["error"]!;
        Assert.Equal(2, error["exitCode"]!.GetValue<int>());
        Assert.Contains("cannot serve as a direction classifier", error["message"]!.GetValue<string>());
        var line = Assert.Single(Lines(stderr));
        Assert.Contains("default.return.onnx", line);
        Assert.Contains("cannot serve as a direction classifier", line);
    }

    [Fact]
    public async Task Models_validate_accepts_the_return_model_only_for_the_return_role()
    {
        var asDirection = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), "models", "validate", ReturnModel, "--canary-seconds", "5", "--json");
        var asReturn = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), "models", "validate", ReturnModel, "--role", "return", "--canary-seconds", "5", "--json");

        Assert.True(asDirection.ExitCode == 3, $"exit {asDirection.ExitCode}: {asDirection.Stderr}");
        Assert.Contains("cannot serve as a direction classifier", CliProcess.LastJson(asDirection.Stdout)["message"]!.GetValue<string>());
        Assert.True(asReturn.ExitCode == 0, $"exit {asReturn.ExitCode}: {asReturn.Stderr}\n{asReturn.Stdout}");
        Assert.True(CliProcess.LastJson(asReturn.Stdout)["passed"]!.GetValue<bool>());
    }
}
