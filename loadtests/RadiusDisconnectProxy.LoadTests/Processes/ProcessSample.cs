using System.Globalization;

namespace RadiusDisconnectProxy.LoadTests.Processes;

/// <summary>CPU time (utime + stime) and resident memory of one process, read from /proc.</summary>
internal readonly record struct ProcessSample(int Pid, TimeSpan Cpu, long RssBytes, bool Exists)
{
    /// <summary>USER_HZ: the unit of /proc/PID/stat times on Linux.</summary>
    private const double ClockTicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may contain spaces and parentheses: fields resume after the last ')'.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
            long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rssPages = long.Parse(fields[21], CultureInfo.InvariantCulture);
            return new ProcessSample(pid, TimeSpan.FromSeconds((utime + stime) / ClockTicksPerSecond), rssPages * Environment.SystemPageSize, true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return new ProcessSample(pid, TimeSpan.Zero, 0, false);
        }
    }

    /// <summary>The current process (the generator itself).</summary>
    public static ProcessSample Self() => Read(Environment.ProcessId);
}
