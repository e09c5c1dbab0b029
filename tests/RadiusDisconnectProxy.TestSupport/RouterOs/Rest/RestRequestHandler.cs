using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

/// <summary>
/// One REST request against a simulated router, as RouterOS v7 answers it (REST API manual): Basic auth on every request
/// (401 otherwise), string-only JSON, <c>GET</c> = print (query-string keys are AND-ed equality filters, <c>.proplist</c>),
/// <c>GET …/*ID</c> = one item, <c>POST …/print</c> with <c>.query</c> stacks and <c>.proplist</c>, <c>POST …/remove|set</c>,
/// <c>DELETE …/*ID</c> (204 or 200 with an empty body, 404 when gone), <c>PATCH …/*ID</c> = set, <c>PUT</c> = add, and
/// errors as <c>{"error":status,"message":reason,"detail":text}</c>.
/// </summary>
internal static class RestRequestHandler
{
    public static async Task HandleAsync(HttpContext context, RouterOsSimulator router)
    {
        router.CountRestRequest();
        HttpRequest request = context.Request;
        string body = await ReadBodyAsync(request);
        if (router.RecordsRest)
        {
            router.RecordRest(new RecordedRestRequest(request.Method, request.Path.Value + request.QueryString.Value, body,
                request.ContentType, request.Headers.Authorization.Count > 0));
        }

        // Only a held or slowed router waits (RequestAborted costs a token source per request, so it is left alone otherwise).
        if (!router.Faults.RepliesReleased.IsCompleted || router.Faults.ReplyDelay > TimeSpan.Zero)
        {
            try
            {
                await router.Faults.RepliesReleased.WaitAsync(context.RequestAborted);
                if (router.Faults.ReplyDelay > TimeSpan.Zero)
                {
                    await Task.Delay(router.Faults.ReplyDelay, context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (!Authorized(request, router))
        {
            router.CountRestUnauthorized();
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"" + router.Options.Identity + "\"";
            await WriteErrorAsync(context, 401, null);
            return;
        }

        string path = request.Path.Value ?? "";
        if (!path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, 404, null);
            return;
        }

        if (body.Length > 0 && router.Options.RestStrictContentType && request.ContentType != "application/json")
        {
            await WriteErrorAsync(context, 415, null);
            return;
        }

        RestAnswer answer;
        try
        {
            answer = Dispatch(router, request.Method, path[5..], request.QueryString.Value, body);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            answer = RestAnswer.Error(400, "JSON or query not understood: " + e.Message);
        }

        await WriteAsync(context, answer);
    }

    private static RestAnswer Dispatch(RouterOsSimulator router, string method, string path, string? query, string body)
    {
        if (method == "GET" && path == "/system/resource")
        {
            return RestAnswer.Object(new Dictionary<string, string>
            {
                ["uptime"] = "1w2d3h4m5s", ["version"] = "7.19.4 (stable)", ["build-time"] = "2025-07-22 10:00:00",
                ["free-memory"] = "201326592", ["total-memory"] = "268435456", ["cpu"] = "ARMv7", ["cpu-count"] = "4",
                ["cpu-load"] = "3", ["architecture-name"] = "arm", ["board-name"] = "hAP ac^2", ["platform"] = "MikroTik",
            });
        }

        if (method == "GET" && path == "/system/identity")
        {
            return RestAnswer.Object(new Dictionary<string, string> { ["name"] = router.Options.Identity });
        }

        if (router.FindTable(path) is { } whole)
        {
            return method switch
            {
                "GET" => Print(whole, QueryStringTerms(query, out string? proplist), Proplist(proplist)),
                "PUT" => Add(whole, ParseObject(body)),
                _ => RestAnswer.Error(400, "no such command or directory"),
            };
        }

        int slash = path.LastIndexOf('/');
        string menu = path[..slash];
        string last = path[(slash + 1)..];
        if (router.FindTable(menu) is not { } table)
        {
            return RestAnswer.Error(400, "no such command or directory (" + last + ")");
        }

        if (last.StartsWith('*'))
        {
            return method switch
            {
                "GET" => table.Find(last) is { } row ? RestAnswer.Object(row) : RestAnswer.NotFound,
                "DELETE" => Remove(router, table, last, deleted: true),
                "PATCH" => Set(router, table, last, ParseObject(body)),
                _ => RestAnswer.Error(400, "no such command"),
            };
        }

        if (method != "POST")
        {
            return RestAnswer.Error(400, "no such command or directory (" + last + ")");
        }

        Dictionary<string, object> arguments = ParseArguments(body);
        string ids = Text(arguments, ".id") ?? Text(arguments, "numbers") ?? "";
        return last switch
        {
            "print" => Print(table, ((arguments.GetValueOrDefault(".query") as List<string>) ?? []).Select(q => "?" + q).ToList(),
                arguments.GetValueOrDefault(".proplist") switch
                {
                    List<string> list => [.. list],
                    string text => Proplist(text),
                    _ => null,
                }),
            "remove" => Remove(router, table, ids, deleted: false),
            "set" => Set(router, table, ids, arguments.Where(a => a.Value is string && a.Key is not ".id" and not "numbers")
                .ToDictionary(a => a.Key, a => (string)a.Value, StringComparer.Ordinal)),
            "add" => Add(table, arguments.Where(a => a.Value is string).ToDictionary(a => a.Key, a => (string)a.Value, StringComparer.Ordinal)),
            _ => RestAnswer.Error(400, "no such command or directory (" + last + ")"),
        };
    }

    private static RestAnswer Print(SimulatedTable table, List<string> words, string[]? proplist)
        => RestAnswer.Print(table, CompiledQuery.Parse(words, 0), proplist);

    /// <summary>
    /// DELETE answers an empty body (204, or 200 when configured) and 404 for a missing id; <c>POST …/remove</c> answers
    /// <c>[]</c> and 400 "no such item". A refusal is a 400 with RouterOS's text in <c>detail</c>.
    /// </summary>
    private static RestAnswer Remove(RouterOsSimulator router, SimulatedTable table, string ids, bool deleted)
    {
        if (router.Faults.RefusedRemove(table.Path + "/remove") is { } refusal)
        {
            return RestAnswer.Error(400, refusal);
        }

        foreach (string id in ids.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            IReadOnlyDictionary<string, string>? removed = table.Remove(id);
            if (removed is null)
            {
                return deleted ? RestAnswer.NotFound : RestAnswer.Error(400, "no such item");
            }

            router.OnRemoved(table, removed);
        }

        return deleted ? RestAnswer.Empty(router.Options.RestDeleteStatus) : RestAnswer.Array([]);
    }

    private static RestAnswer Set(RouterOsSimulator router, SimulatedTable table, string id, Dictionary<string, string> changes)
    {
        IReadOnlyDictionary<string, string>? row = table.Find(id);
        if (row is null)
        {
            return RestAnswer.NotFound;
        }

        if (router.Faults.RefuseDynamicQueueSet && row.GetValueOrDefault("dynamic") == "true")
        {
            return RestAnswer.Error(400, "failure: can not change dynamic");
        }

        table.Update(id, changes.Where(c => !c.Key.StartsWith('.')).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
        return RestAnswer.Object(table.Find(id)!);
    }

    private static RestAnswer Add(SimulatedTable table, Dictionary<string, string> values)
        => RestAnswer.Object(table.Find(table.Add(values))!);

    /// <summary>The query string's <c>name=value</c> pairs as API query words (AND-ed), and its <c>.proplist</c>.</summary>
    private static List<string> QueryStringTerms(string? query, out string? proplist)
    {
        var terms = new List<string>();
        proplist = null;
        foreach (string pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Unescape(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? "" : Unescape(pair[(equals + 1)..]);
            if (name == ".proplist")
            {
                proplist = proplist is null ? value : proplist + "," + value;
            }
            else
            {
                terms.Add("?" + name + "=" + value);
            }
        }

        return terms;
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string[]? Proplist(string? text) => string.IsNullOrEmpty(text) ? null : text.Split(',');

    private static bool Authorized(HttpRequest request, RouterOsSimulator router)
    {
        string header = request.Headers.Authorization.ToString();
        if (header == router.ExpectedAuthorization)
        {
            return true;
        }

        if (!header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            string pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            return pair == router.Options.Username + ":" + router.Options.Password;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> ParseObject(string body)
        => ParseArguments(body).Where(a => a.Value is string).ToDictionary(a => a.Key, a => (string)a.Value, StringComparer.Ordinal);

    /// <summary>A body object: strings (numbers and booleans taken as their text, as RouterOS does), arrays of strings.</summary>
    private static Dictionary<string, object> ParseArguments(string body)
    {
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body))
        {
            return arguments;
        }

        using JsonDocument document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("the body must be an object");
        }

        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            arguments[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Array => property.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList(),
                JsonValueKind.String => property.Value.GetString()!,
                _ => property.Value.GetRawText(),
            };
        }

        return arguments;
    }

    private static string? Text(Dictionary<string, object> arguments, string name) => arguments.GetValueOrDefault(name) as string;

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return "";
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string? detail) => WriteAsync(context, RestAnswer.Error(status, detail));

    private static Task WriteAsync(HttpContext context, RestAnswer answer)
    {
        HttpResponse response = context.Response;
        response.StatusCode = answer.Status;
        if (answer.IsEmpty)
        {
            return Task.CompletedTask;
        }

        JsonBuffer buffer = JsonBuffer.Rent();
        answer.Write(buffer.Writer);
        buffer.Writer.Flush();
        response.ContentType = "application/json";
        response.ContentLength = buffer.Written.Length;
        Task write = response.Body.WriteAsync(buffer.Written).AsTask();
        if (write.IsCompletedSuccessfully)
        {
            JsonBuffer.Return(buffer);
            return write;
        }

        return ReturnAfterAsync(write, buffer);
    }

    private static async Task ReturnAfterAsync(Task write, JsonBuffer buffer)
    {
        try
        {
            await write;
        }
        finally
        {
            JsonBuffer.Return(buffer);
        }
    }
}
