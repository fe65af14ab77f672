using System.Text.Json;
using System.Text.Json.Serialization;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// Source-generated reader of <see cref="RunConfig"/> (<c>--config FILE</c>): keys case-insensitive, comments and
/// trailing commas allowed, an unknown member an error, enums by name (or number) — the options the reflection-based
/// reader had, without reflection (Native AOT).
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, UseStringEnumConverter = true)]
[JsonSerializable(typeof(RunConfig))]
internal sealed partial class RunConfigJsonContext : JsonSerializerContext;
