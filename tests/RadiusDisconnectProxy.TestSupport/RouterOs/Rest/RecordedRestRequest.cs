namespace RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

/// <summary>A REST request the simulated router received (method, path with query string, body; never the password).</summary>
/// <param name="Method">GET, POST, DELETE, PATCH or PUT.</param>
/// <param name="Target">The path and query string as sent, e.g. <c>/rest/ppp/active/*8000001A</c>.</param>
/// <param name="Body">The JSON body, or empty.</param>
/// <param name="ContentType">The Content-Type header, or null.</param>
/// <param name="HadCredentials">An Authorization header was present.</param>
public sealed record RecordedRestRequest(string Method, string Target, string Body, string? ContentType, bool HadCredentials)
{
    public override string ToString() => Method + " " + Target + (Body.Length > 0 ? " " + Body : "");
}
