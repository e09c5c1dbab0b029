using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>A script's view of the console API: an HttpClient with its own cookie jar, sending the header the API requires.</summary>
internal sealed class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(string baseUrl, bool sameOriginHeader = true)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true }) { BaseAddress = new Uri(baseUrl) };
        if (sameOriginHeader)
        {
            _http.DefaultRequestHeaders.Add("X-Requested-With", "tests");
        }
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> LoginAsync(string user, string password) =>
        _http.PostAsJsonAsync("/api/login", new { username = user, password });

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body),
        };
        foreach ((string name, string value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return _http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public void Dispose() => _http.Dispose();
}
