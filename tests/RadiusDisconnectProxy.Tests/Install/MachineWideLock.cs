namespace RadiusDisconnectProxy.Tests.Install;

/// <summary>
/// An exclusive lock across every process on the machine (an advisory lock on a file under /run/lock, which .NET takes
/// for <see cref="FileShare.None"/>): several checkouts' test suites may run on one machine at once, and only one of them
/// may install and purge the system-wide package at a time.
/// </summary>
internal sealed class MachineWideLock : IDisposable
{
    private readonly FileStream _file;

    private MachineWideLock(FileStream file) => _file = file;

    public static async Task<MachineWideLock> AcquireAsync(string name, TimeSpan timeout)
    {
        string directory = Directory.Exists("/run/lock") ? "/run/lock" : Path.GetTempPath();
        string path = Path.Combine(directory, name + ".lock");
        DateTime deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new MachineWideLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
