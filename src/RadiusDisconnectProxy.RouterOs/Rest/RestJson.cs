using System.Buffers;
using System.Text;
using System.Text.Json;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs.Rest;

/// <summary>
/// The JSON of RouterOS REST (REST API manual): every value is a string; a print answers an array of objects, a single
/// item or a command with data answers one object, a command without data answers <c>[]</c>. Bodies the proxy sends are
/// objects of strings (and the string arrays <c>.proplist</c> / <c>.query</c> of a POST print).
/// </summary>
internal static class RestJson
{
    private static readonly JsonReaderOptions s_reader = new() { MaxDepth = 16 };

    /// <summary>The rows of a body: an array of objects, or one object as one row; anything else is a protocol error.</summary>
    public static IReadOnlyList<Row> ParseRows(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        var reader = new Utf8JsonReader(body, s_reader);
        try
        {
            if (!reader.Read())
            {
                return [];
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                return [new Row(ReadObject(ref reader))];
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new RouterOsProtocolException("a REST answer is a JSON object or array");
            }

            var rows = new List<Row>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new RouterOsProtocolException("a REST array holds objects");
                }

                rows.Add(new Row(ReadObject(ref reader)));
            }

            return rows;
        }
        catch (JsonException e)
        {
            throw new RouterOsProtocolException("the REST answer is not valid JSON: " + e.Message);
        }
    }

    /// <summary>The error body <c>{"error":…,"message":…,"detail":…}</c>; null when the body is not one.</summary>
    public static (string? Message, string? Detail) ParseError(ReadOnlySpan<byte> body)
    {
        try
        {
            IReadOnlyList<Row> rows = ParseRows(body);
            return rows.Count == 1 ? (rows[0]["message"], rows[0]["detail"]) : (null, null);
        }
        catch (RouterOsProtocolException)
        {
            return (null, null);
        }
    }

    /// <summary>An object of string values.</summary>
    public static byte[] WriteObject(IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (KeyValuePair<string, string> value in values)
            {
                writer.WriteString(value.Key, value.Value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The body of <c>POST …/print</c>: <c>{".proplist":[…],".query":[…]}</c>.</summary>
    public static byte[] WritePrint(IReadOnlyList<string> query, IReadOnlyList<string>? proplist)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (proplist is { Count: > 0 })
            {
                writer.WriteStartArray(".proplist");
                foreach (string name in proplist)
                {
                    writer.WriteStringValue(name);
                }

                writer.WriteEndArray();
            }

            writer.WriteStartArray(".query");
            foreach (string word in query)
            {
                writer.WriteStringValue(word);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Dictionary<string, string> ReadObject(ref Utf8JsonReader reader)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (ReadValue(ref reader) is { } value)
            {
                values[name] = value;
            }
        }

        return values;
    }

    /// <summary>Strings as they are; other scalars (older builds, other tools) as their JSON text; nested values (RouterOS sends none) skipped.</summary>
    private static string? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            case JsonTokenType.Null:
                return "";
            default:
                return Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }
}

