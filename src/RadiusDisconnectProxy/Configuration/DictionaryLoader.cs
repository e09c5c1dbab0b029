using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// Loads the dictionary the configuration names (or the set shipped next to the executable). A dictionary error is a
/// configuration error: it names the dictionary file and line, and exits 78.
/// </summary>
public static class DictionaryLoader
{
    /// <summary>The directory actually used: the configured one, else <c>dictionaries/</c> next to the executable.</summary>
    public static string DirectoryFor(ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DictionaryDirectory ?? Path.Combine(AppContext.BaseDirectory, "dictionaries");
    }

    /// <exception cref="ConfigurationException">The dictionary is missing or malformed.</exception>
    public static RadiusDictionary Load(ProxyOptions options)
    {
        try
        {
            return RadiusDictionary.Load(DirectoryFor(options));
        }
        catch (DictionaryParseException e)
        {
            throw new ConfigurationException(e.File, e.Line, $"dictionary: {StripLocation(e)}");
        }
    }

    private static string StripLocation(DictionaryParseException e)
    {
        string prefix = $"{e.File}:{e.Line}: ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }
}
