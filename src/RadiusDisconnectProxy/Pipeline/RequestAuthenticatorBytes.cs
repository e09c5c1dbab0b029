using System.Runtime.CompilerServices;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>A request's 16-octet Request Authenticator stored inline (no separate array per cache entry).</summary>
[InlineArray(16)]
internal struct RequestAuthenticatorBytes
{
    private byte _element0;
}
