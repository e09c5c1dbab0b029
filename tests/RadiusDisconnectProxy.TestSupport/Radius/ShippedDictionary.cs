using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.TestSupport.Radius;

/// <summary>The project's own <c>dictionaries/</c>, copied next to the test binaries, loaded once.</summary>
public static class ShippedDictionary
{
    private static readonly Lazy<RadiusDictionary> s_shipped =
        new(() => RadiusDictionary.Load(Path.Combine(AppContext.BaseDirectory, "dictionaries")));

    public static RadiusDictionary Instance => s_shipped.Value;
}
