using System.Net;
using RadiusDisconnectProxy.LoadTests.Processes;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>An `rdp-load simulate …` child: simulators in their own process, so their CPU is accounted apart.</summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SimulatorProcess(ChildProcess process, string readyLine)
    {
        _process = process;
        ReadyLine = readyLine;
    }

    /// <summary>"READY kind key=value …" as printed by the simulator.</summary>
    public string ReadyLine { get; }

    public int Pid => _process.Pid;

    public static async Task<SimulatorProcess> StartAsync(string workDirectory, string logName, params string[] arguments)
    {
        (string file, IReadOnlyList<string> prefix) = SelfProcess.Command();
        ChildProcess process = ChildProcess.Start("simulate " + arguments[0], file, [.. prefix, "simulate", .. arguments], Path.Combine(workDirectory, logName));
        try
        {
            string ready = await process.WaitForLogLineAsync("READY", TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            return new SimulatorProcess(process, ready);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The value of key=value in the READY line (or the first endpoint for key "endpoint").</summary>
    public string Value(string key)
    {
        foreach (string part in ReadyLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(key + "=", StringComparison.Ordinal))
            {
                return part[(key.Length + 1)..];
            }
        }

        throw new KeyNotFoundException($"'{key}' missing in '{ReadyLine}'");
    }

    public IPEndPoint EndPoint(string key) => IPEndPoint.Parse(Value(key));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
