namespace RadiusDisconnectProxy.LoadTests.Processes;

/// <summary>How to start another rdp-load process (for `simulate`): the apphost, or dotnet with our assembly.</summary>
internal static class SelfProcess
{
    public static (string File, IReadOnlyList<string> Prefix) Command()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(SelfProcess).Assembly.Location])
            : (process, []);
    }
}
