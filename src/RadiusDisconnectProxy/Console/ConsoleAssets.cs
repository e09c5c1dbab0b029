using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// The page: plain HTML, CSS and JavaScript under <c>Console/wwwroot</c>, embedded in the assembly at build time
/// (resource names <c>console/…</c>), so the console needs no files on disk, no CDN and no build step at run time.
/// </summary>
internal static class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly Dictionary<string, (byte[] Content, string Type)> s_assets = Load();

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", context => ServeAsync(context, "index.html"));
        app.MapGet("/assets/{file}", (HttpContext context, string file) => ServeAsync(context, file));
    }

    private static Task ServeAsync(HttpContext context, string file)
    {
        if (!s_assets.TryGetValue(file, out (byte[] Content, string Type) asset))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = asset.Type;
        context.Response.ContentLength = asset.Content.Length;
        return context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }

    private static Dictionary<string, (byte[], string)> Load()
    {
        Assembly assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            string file = name[Prefix.Length..];
            assets[file] = (buffer.ToArray(), ContentType(file));
        }

        return assets;
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
