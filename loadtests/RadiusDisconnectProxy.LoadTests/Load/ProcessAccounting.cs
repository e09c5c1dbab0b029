using RadiusDisconnectProxy.LoadTests.Processes;
using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>Samples the server's, the generator's and any helper's CPU and RSS at the start and end of the measured window.</summary>
internal sealed class ProcessAccounting(LoadSettings settings)
{
    private readonly List<(string Name, ProcessSample Before)> _before = [];

    public ProcessUsage? Server { get; private set; }
    public ProcessUsage? Generator { get; private set; }
    public List<ProcessUsage> Others { get; } = [];

    public void Begin()
    {
        _before.Clear();
        _before.Add(("rdp-load", ProcessSample.Self()));
        if (settings.TargetPid is int pid)
        {
            _before.Add(("server", ProcessSample.Read(pid)));
        }

        foreach ((string name, int otherPid) in settings.OtherPids)
        {
            _before.Add((name, ProcessSample.Read(otherPid)));
        }
    }

    public void End(long answered, double seconds)
    {
        foreach ((string name, ProcessSample before) in _before)
        {
            ProcessSample after = before.Pid == Environment.ProcessId ? ProcessSample.Self() : ProcessSample.Read(before.Pid);
            double cpu = (after.Cpu - before.Cpu).TotalSeconds;
            var usage = new ProcessUsage(
                name,
                before.Pid,
                Math.Round(cpu, 2),
                answered == 0 ? 0 : Math.Round(cpu * 1e6 / answered, 2),
                before.RssBytes,
                after.RssBytes)
            {
                Cores = Math.Round(cpu / Math.Max(seconds, 1e-3), 2),
            };
            switch (name)
            {
                case "rdp-load": Generator = usage; break;
                case "server": Server = usage; break;
                default: Others.Add(usage); break;
            }
        }
    }
}
