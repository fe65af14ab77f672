using System.CommandLine;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Commands;

/// <summary><c>hft env</c>: what this machine offers the engine (cores, SIMD width, native library).</summary>
internal static class EnvCommand
{
    /// <summary>Creates the verb.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object on stdout" };
        var cmd = new Command("env", "Show the runtime, CPU features and native library the engine will use") { json };
        cmd.SetAction(parse =>
        {
            var o = new JsonObject
            {
                ["dotnet"] = RuntimeInformation.FrameworkDescription,
                ["os"] = RuntimeInformation.OSDescription,
                ["processors"] = Environment.ProcessorCount,
                ["vector128"] = Vector128.IsHardwareAccelerated,
                ["vector256"] = Vector256.IsHardwareAccelerated,
                ["vector512"] = Vector512.IsHardwareAccelerated,
                ["nativeAbiVersion"] = HftScalper.Native.NativeLibraryInfo.AbiVersion(),
            };
            if (parse.GetValue(json)) JsonOut.Write(o);
            else foreach (var kv in o) Console.WriteLine($"{kv.Key,-18} {kv.Value}");
            return 0;
        });
        return cmd;
    }
}
