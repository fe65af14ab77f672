using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json.Nodes;
using HftScalper.Cli.Contract;

namespace HftScalper.Cli.Commands;

/// <summary>
/// <c>hft config init|show|validate|schema</c>: the layered configuration (<see cref="ConfigLayers"/>): write a
/// starter <c>hft.json</c> (+ its schema), show what each verb would take from the file and the <c>HFT_*</c>
/// variables, validate a file against the verbs' own rules, print the JSON Schema.
/// </summary>
internal static class ConfigCommand
{
    private const string Starter = """
        {
          "$schema": "./hft.schema.json",
          // Top-level keys apply to every verb with the option; a verb's section overrides them for that verb.
          // HFT_<OPTION> environment variables (HFT_SEED, HFT_SIM_MINUTES, ...) override this file; the command line overrides both.
          "seed": 1,
          "simMinutes": 10,
          "market": "spot",
          "replay": { "topology": "inline" }
        }

        """;

    /// <summary>Creates the verb and its sub-verbs; <paramref name="root"/> is the tree they describe.</summary>
    public static Command Create(Func<RootCommand> root)
    {
        var cmd = new Command("config", "Create, show and validate the layered configuration (hft.json, HFT_* variables, options)");

        var initOut = new Option<string>("--out") { Description = "Configuration file to write (the schema goes beside it)", DefaultValueFactory = _ => ConfigLayers.DefaultFile };
        var force = new Option<bool>("--force") { Description = "Overwrite existing files" };
        var initJson = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var init = new Command("init", "Write a starter hft.json and hft.schema.json") { initOut, force, initJson };
        init.SetAction(parse => Init(parse.GetValue(initOut)!, parse.GetValue(force), parse.GetValue(initJson), root()));
        cmd.Subcommands.Add(init);

        var showJson = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var show = new Command("show", "Show the values each verb takes from the file and the HFT_* variables") { showJson };
        show.SetAction(parse => Show(root(), parse.GetValue(showJson)));
        cmd.Subcommands.Add(show);

        var file = new Argument<string?>("FILE") { Arity = ArgumentArity.ZeroOrOne, Description = "Configuration file (default: HFT_CONFIG, else ./hft.json)" };
        var validateJson = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var validate = new Command("validate", "Check a configuration file against every verb's options (keys, types, choices, ranges)") { file, validateJson };
        validate.SetAction(parse => Validate(root(), parse.GetValue(file), parse.GetValue(validateJson)));
        cmd.Subcommands.Add(validate);

        var schemaJson = new Option<bool>("--json") { Description = "Accepted for uniformity: the schema is JSON either way" };
        var schema = new Command("schema", "Print the JSON Schema of the configuration file") { schemaJson };
        schema.SetAction(_ =>
        {
            JsonOut.Write(ConfigSchema.Build(root()));
            return 0;
        });
        cmd.Subcommands.Add(schema);
        return cmd;
    }

    private static int Init(string path, bool force, bool json, RootCommand root)
    {
        string schemaPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "hft.schema.json");
        foreach (var p in new[] { path, schemaPath })
            if (!force && File.Exists(p)) throw new IOException($"{p} exists: pass --force to overwrite it");
        File.WriteAllText(path, Starter);
        JsonOut.WriteFile(schemaPath, ConfigSchema.Build(root));
        if (json) JsonOut.Write(new JsonObject { ["config"] = Path.GetFullPath(path), ["schema"] = schemaPath });
        else Console.WriteLine($"wrote {Path.GetFullPath(path)} and {schemaPath}");
        return 0;
    }

    // Every leaf verb with the values the layers give it.
    private static int Show(RootCommand root, bool json)
    {
        var layers = ConfigLayers.Load();
        if (layers.UnknownKeys(root) is [var unknown, ..]) throw new InvalidDataException(unknown);
        var verbs = new JsonObject();
        foreach (var (command, path) in Leaves(root))
        {
            var values = layers.For(command, path, _ => false);
            if (values.Count == 0) continue;
            var o = new JsonObject();
            foreach (var v in values)
                o[ConfigLayers.KeyOf(v.Option)] = new JsonObject { ["value"] = string.Join(',', v.Tokens), ["from"] = v.Origin };
            verbs[path] = o;
        }
        var result = new JsonObject { ["file"] = layers.FilePath is null ? null : Path.GetFullPath(layers.FilePath), ["verbs"] = verbs };
        if (json) JsonOut.Write(result);
        else
        {
            Console.WriteLine($"file: {layers.FilePath ?? "(none: HFT_CONFIG unset and no ./hft.json)"}");
            foreach (var (verb, node) in verbs)
                foreach (var (key, v) in node!.AsObject())
                    Console.WriteLine($"{verb,-16} {key,-16} {v!["value"],-24} from {v["from"]}");
        }
        return 0;
    }

    private static int Validate(RootCommand root, string? path, bool json)
    {
        var layers = ConfigLayers.Load(path);
        if (layers.FilePath is null) throw new FileNotFoundException("no configuration file: HFT_CONFIG is unset and there is no ./hft.json");
        var problems = layers.UnknownKeys(root).ToList();
        foreach (var (command, verbPath) in Leaves(root))
        {
            var values = layers.For(command, verbPath, _ => false);
            if (values.Count == 0) continue;
            var parse = root.Parse(ConfigLayers.Inject(verbPath.Split(' '), values));
            if (CliRunner.LayerError(parse, values) is { } bad && !problems.Contains(bad)) problems.Add(bad);
        }
        if (problems.Count > 0) throw new InvalidDataException(string.Join("; ", problems));
        if (json) JsonOut.Write(new JsonObject { ["file"] = Path.GetFullPath(layers.FilePath), ["valid"] = true });
        else Console.WriteLine($"{layers.FilePath}: valid");
        return 0;
    }

    private static IEnumerable<(Command Command, string Path)> Leaves(Command command, string path = "")
    {
        foreach (var sub in command.Subcommands.Where(c => c.Name != "config"))
        {
            string p = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            if (sub.Subcommands.Count == 0) yield return (sub, p);
            foreach (var leaf in Leaves(sub, p)) yield return leaf;
        }
    }
}
