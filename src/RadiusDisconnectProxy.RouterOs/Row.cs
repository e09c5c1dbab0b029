namespace RadiusDisconnectProxy.RouterOs;

/// <summary>One <c>!re</c> row: property name → value as the router printed it.</summary>
public sealed class Row
{
    public Row(IReadOnlyDictionary<string, string> properties)
    {
        Properties = properties;
    }

    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>The item id (<c>.id</c>, e.g. "*1A"); opaque, never parsed.</summary>
    public string? Id => this[".id"];

    public string? this[string name] => Properties.TryGetValue(name, out string? value) ? value : null;
}
