namespace RadiusDisconnectProxy.RouterOs.Protocol;

/// <summary>
/// One word of a command kept as parts (lead + name [+ '=' + value]) so it is encoded without string joining:
/// <c>=name=value</c> (attribute), <c>?name=value</c> (query), <c>?-name</c>, <c>?#|</c> (query stack), <c>.tag=x</c>.
/// </summary>
public readonly record struct Word(string Lead, string Name, string? Value)
{
    public void WriteTo(SentenceWriter writer)
    {
        if (Value is null)
        {
            writer.AppendWord(Lead, Name);
        }
        else
        {
            writer.AppendWord(Lead, Name, "=", Value);
        }
    }

    public override string ToString() => Value is null ? Lead + Name : Lead + Name + "=" + Value;
}
