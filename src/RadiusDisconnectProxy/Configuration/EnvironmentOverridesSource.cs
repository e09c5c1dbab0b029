using System.Collections;
using Microsoft.Extensions.Configuration;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// <c>RDP__SECTION__KEY</c> environment variables as configuration keys (<c>section:key</c>), the same mapping as
/// <c>AddEnvironmentVariables("RDP__")</c>, but remembering each variable's real name for error messages and taking
/// the variables as a parameter so tests need not change the process environment.
/// </summary>
public sealed class EnvironmentOverridesSource : IConfigurationSource
{
    public const string DefaultPrefix = "RDP__";

    /// <param name="variables">The variables to read; null = the process environment.</param>
    public EnvironmentOverridesSource(IReadOnlyDictionary<string, string>? variables = null, string prefix = DefaultPrefix)
    {
        Variables = variables;
        Prefix = prefix;
    }

    public IReadOnlyDictionary<string, string>? Variables { get; }

    public string Prefix { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EnvironmentOverridesProvider(this);

    internal IEnumerable<KeyValuePair<string, string>> ReadVariables()
    {
        if (Variables is not null)
        {
            return Variables;
        }

        var all = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            all.Add(new((string)entry.Key, (string?)entry.Value ?? ""));
        }

        return all;
    }
}
