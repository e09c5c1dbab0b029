namespace RadiusDisconnectProxy.RouterOs;

/// <summary>The rows (<c>!re</c>) of a finished command and the attributes of its <c>!done</c> (e.g. <c>=ret=</c>).</summary>
public sealed class Response
{
    public Response(IReadOnlyList<Row> rows, IReadOnlyDictionary<string, string> done)
    {
        Rows = rows;
        Done = done;
    }

    public IReadOnlyList<Row> Rows { get; }

    public IReadOnlyDictionary<string, string> Done { get; }

    public string? Ret => Done.TryGetValue("ret", out string? value) ? value : null;
}
