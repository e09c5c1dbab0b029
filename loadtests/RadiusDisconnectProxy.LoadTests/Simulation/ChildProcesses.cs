using System.Globalization;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>Finds a child process of ours by name (mosquitto, mariadbd), to report its pid for CPU accounting.</summary>
internal static class ChildProcesses
{
    public static int? Find(string command)
    {
        foreach (string task in Directory.EnumerateDirectories($"/proc/{Environment.ProcessId}/task"))
        {
            string children;
            try
            {
                children = File.ReadAllText(Path.Combine(task, "children"));
            }
            catch (IOException)
            {
                continue;
            }

            foreach (string pid in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    if (File.ReadAllText($"/proc/{pid}/comm").Trim().StartsWith(command, StringComparison.Ordinal))
                    {
                        return int.Parse(pid, CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException)
                {
                    // Exited meanwhile.
                }
            }
        }

        return null;
    }
}
