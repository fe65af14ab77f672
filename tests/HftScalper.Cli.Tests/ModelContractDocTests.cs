using System.Text;
using HftScalper.Features.Engine;
using HftScalper.Features.Schema;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// docs/model-contract.md is the one home of the feature contract a model trained elsewhere must meet: its column
/// table (index, name, unit, meaning) and schema hash must be the engine's, so the page cannot drift from the code.
/// </summary>
public sealed class ModelContractDocTests
{
    private const string Begin = "<!-- contract-table:begin (generated from FeatureEngine.DefaultSchema; ModelContractDocTests checks it) -->";
    private const string End = "<!-- contract-table:end -->";

    internal static string Table(FeatureSchema schema)
    {
        var sb = new StringBuilder();
        sb.Append("Schema version ").Append(schema.Version).Append(", hash `").Append(schema.Hash).Append("`, ").Append(schema.Count).Append(" columns (float32).\n\n");
        sb.Append("| # | name | unit | meaning |\n| ---: | --- | --- | --- |\n");
        for (int i = 0; i < schema.Count; i++)
        {
            var f = schema.Features[i];
            sb.Append("| ").Append(i).Append(" | `").Append(f.Name).Append("` | ").Append(f.Unit).Append(" | ")
              .Append(f.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void The_contract_page_lists_the_engine_s_columns_in_order_with_units_and_the_schema_hash()
    {
        string path = Path.Combine(TestData.RepoRoot, "docs", "model-contract.md");
        string text = File.ReadAllText(path).ReplaceLineEndings("\n");
        int b = text.IndexOf(Begin, StringComparison.Ordinal), e = text.IndexOf(End, StringComparison.Ordinal);
        Assert.True(b >= 0 && e > b, $"{path} lacks the generated table markers");
        string actual = text[(b + Begin.Length)..e].Trim('\n') + "\n";
        string expected = Table(FeatureEngine.DefaultSchema);
        if (actual != expected)
        {
            string fresh = Path.Combine(Path.GetTempPath(), "model-contract-table.md");
            File.WriteAllText(fresh, expected);
            Assert.Fail($"the column table of {path} is not the engine's schema: replace it with {fresh}");
        }
    }
}
