using Microsoft.Extensions.Configuration;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>Adds a radius.conf file to a configuration builder (see <see cref="RadiusConfConfigurationProvider"/>).</summary>
public sealed class RadiusConfConfigurationSource : IConfigurationSource
{
    /// <param name="path">The file; messages name it as given here.</param>
    public RadiusConfConfigurationSource(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new RadiusConfConfigurationProvider(this);
}
