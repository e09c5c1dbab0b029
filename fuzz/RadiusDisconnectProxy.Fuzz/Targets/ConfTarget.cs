using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;

namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>
/// A radius.conf: <see cref="ProxyOptionsLoader.Load"/> (the FreeRADIUS-flavoured parser, the configuration provider
/// and every section's validation) may refuse it only with <see cref="ConfigurationException"/>, which names
/// file:line and makes the daemon exit 78.
/// </summary>
internal sealed class ConfTarget : IFuzzTarget, IDisposable
{
    private static readonly Dictionary<string, string> s_noEnvironment = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("rdp-fuzz-conf-").FullName;

    public string Name => "conf";

    public void Run(ReadOnlySpan<byte> data)
    {
        string path = Path.Combine(_directory, "radius.conf");
        File.WriteAllBytes(path, data.ToArray());
        try
        {
            ProxyOptions options = ProxyOptionsLoader.Load(path, NasTypes.Builtin.All, [], s_noEnvironment);
            _ = options.ToString();
        }
        catch (ConfigurationException e)
        {
            if (string.IsNullOrEmpty(e.Message))
            {
                throw new InvalidOperationException("a configuration error without a message", e);
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
