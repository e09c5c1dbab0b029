using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

/// <summary>What the simulated REST server answers: a status and an array, an object, an error object, or nothing.</summary>
internal sealed class RestAnswer
{
    private readonly IReadOnlyList<IReadOnlyDictionary<string, string>>? _rows;
    private readonly (SimulatedTable Table, CompiledQuery Query, string[]? Proplist)? _print;
    private readonly IReadOnlyDictionary<string, string>? _object;
    private readonly string? _detail;
    private readonly bool _error;

    private RestAnswer(int status, IReadOnlyList<IReadOnlyDictionary<string, string>>? rows, IReadOnlyDictionary<string, string>? item,
        bool error, string? detail, (SimulatedTable, CompiledQuery, string[]?)? print = null)
    {
        _print = print;
        Status = status;
        _rows = rows;
        _object = item;
        _error = error;
        _detail = detail;
    }

    /// <summary>The documented answer to a second DELETE: <c>{"error":404,"message":"Not Found"}</c>.</summary>
    public static RestAnswer NotFound { get; } = Error(404, null);

    public int Status { get; }

    public bool IsEmpty => _rows is null && _object is null && _print is null && !_error;

    /// <summary>A print, written from the table's rows when the answer is written (no row copies).</summary>
    public static RestAnswer Print(SimulatedTable table, CompiledQuery query, string[]? proplist)
        => new(200, null, null, false, null, (table, query, proplist));

    public static RestAnswer Array(IReadOnlyList<IReadOnlyDictionary<string, string>> rows) => new(200, rows, null, false, null);

    public static RestAnswer Object(IReadOnlyDictionary<string, string> item) => new(200, null, item, false, null);

    public static RestAnswer Empty(int status) => new(status, null, null, false, null);

    /// <summary><c>{"detail":…,"error":status,"message":reason}</c>, the detail left out when there is none.</summary>
    public static RestAnswer Error(int status, string? detail) => new(status, null, null, true, detail);

    public void Write(Utf8JsonWriter writer)
    {
        if (_error)
        {
            writer.WriteStartObject();
            if (_detail is not null)
            {
                writer.WriteString("detail", _detail);
            }

            writer.WriteNumber("error", Status);
            writer.WriteString("message", ReasonPhrases.GetReasonPhrase(Status));
            writer.WriteEndObject();
        }
        else if (_print is { } print)
        {
            print.Table.WritePrint(writer, print.Query, print.Proplist);
        }
        else if (_object is not null)
        {
            SimulatedTable.WriteRow(writer, _object, null);
        }
        else
        {
            writer.WriteStartArray();
            foreach (IReadOnlyDictionary<string, string> row in _rows!)
            {
                SimulatedTable.WriteRow(writer, row, null);
            }

            writer.WriteEndArray();
        }
    }
}
