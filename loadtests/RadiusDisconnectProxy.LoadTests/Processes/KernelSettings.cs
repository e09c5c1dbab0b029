namespace RadiusDisconnectProxy.LoadTests.Processes;

/// <summary>Kernel limits that decide whether a burst of answers fits into a socket buffer.</summary>
internal static class KernelSettings
{
    public static long? RmemMax => ReadLong("/proc/sys/net/core/rmem_max");

    public static long? RmemDefault => ReadLong("/proc/sys/net/core/rmem_default");

    private static long? ReadLong(string path)
    {
        try
        {
            return long.Parse(File.ReadAllText(path).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
