using System.Collections;
using System.Security.Cryptography;
using System.Text;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// Who may do what on the embedded broker (docs/meshdesk.md "Who may do what on the embedded broker"). Node commands
/// are shell commands run as root on the node, so:
/// <list type="bullet">
/// <item>only the proxy itself (in-process) publishes on <c>…/COMMAND</c> topics; no remote client may take its client id;</item>
/// <item>a node login (the configured username/password; without one, any client the configuration lets in) may
/// subscribe only to exact node command topics, <c>/RD/MESH/&lt;id&gt;/COMMAND</c> or <c>/RD/AP/&lt;id&gt;/COMMAND</c>,
/// never a wildcard (so no <c>/RD/#</c> harvest of every command), and publish only to
/// <see cref="MqttTopics.CommandResponse"/>, never retained — exactly what MESHdesk's mqtt.lua does;</item>
/// <item>replies are taken only from connections that logged in as a node.</item>
/// </list>
/// The firmware connects with a random client id and one username shared by every node, so a finer, per-node rule
/// (node 146 may only read node 146's topic) cannot be tied to an identity: a holder of the node login can still ask
/// for one node's topic at a time, which is why the login must stay secret and TLS is offered.
/// </summary>
internal sealed class BrokerAuthority
{
    /// <summary>The client id of the proxy's own in-process publishes; refused to remote clients.</summary>
    public const string ProxyClientId = "radius-disconnect-proxy";

    private readonly byte[]? _username;
    private readonly byte[]? _password;
    private readonly byte[]? _loginHash;

    /// <summary>Session item: present on a node login.</summary>
    private const string NodeItem = "rdp.node";

    /// <summary>Session item: a hash of the login the node connected with, so a reloaded login can be checked against it.</summary>
    private const string LoginItem = "rdp.login";

    public BrokerAuthority(MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _username = options.Username is null ? null : Encoding.UTF8.GetBytes(options.Username);
        _password = options.Username is null ? null : Encoding.UTF8.GetBytes(options.Password ?? "");
        _loginHash = _username is null ? null : LoginHash(_username, _password!);
    }

    /// <summary>
    /// Whether a node session that passed an earlier authority's <see cref="CheckConnect"/> still holds a login this one
    /// accepts (a reloaded node login, docs/operations.md "Reload"): mosquitto, too, disconnects clients whose login a
    /// reload revoked.
    /// </summary>
    public bool StillAdmits(IDictionary? sessionItems) =>
        _loginHash is null || (sessionItems?[LoginItem] is byte[] login && CryptographicOperations.FixedTimeEquals(login, _loginHash));

    /// <summary>Records (as a hash, never the password) the login a node connected with.</summary>
    public static void RememberLogin(IDictionary sessionItems, string? userName, ReadOnlySpan<byte> password)
    {
        ArgumentNullException.ThrowIfNull(sessionItems);
        sessionItems[LoginItem] = LoginHash(Encoding.UTF8.GetBytes(userName ?? ""), password);
    }

    private static byte[] LoginHash(ReadOnlySpan<byte> userName, ReadOnlySpan<byte> password)
    {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        byte[] buffer = new byte[4 + userName.Length + password.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(buffer, userName.Length);
        userName.CopyTo(buffer.AsSpan(4));
        password.CopyTo(buffer.AsSpan(4 + userName.Length));
        byte[] hash = SHA256.HashData(buffer);
        CryptographicOperations.ZeroMemory(buffer);
        return hash;
    }

    public bool RequiresLogin => _username is not null;

    /// <summary>Why a CONNECT is refused, or null when it is a node login.</summary>
    public ConnectRefusal? CheckConnect(string? clientId, string? userName, ReadOnlySpan<byte> password)
    {
        if (string.Equals(clientId, ProxyClientId, StringComparison.Ordinal))
        {
            return ConnectRefusal.ReservedClientId;
        }

        if (_username is not null)
        {
            // Constant-time comparison: the broker is reachable from every node's network.
            bool userOk = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(userName ?? ""), _username);
            bool passwordOk = CryptographicOperations.FixedTimeEquals(password, _password);
            if (!(userOk & passwordOk))
            {
                return ConnectRefusal.BadCredentials;
            }
        }

        return null;
    }

    /// <summary>Marks a session that passed <see cref="CheckConnect"/> as a node login (MQTTnet keeps the items per session).</summary>
    public static void MarkNode(IDictionary sessionItems)
    {
        ArgumentNullException.ThrowIfNull(sessionItems);
        sessionItems[NodeItem] = "";
    }

    public static bool IsNode(IDictionary? sessionItems) => sessionItems?[NodeItem] is string;

    /// <summary>A node login may subscribe to exact node command topics, never a wildcard, nothing else.</summary>
    public static bool MaySubscribe(IDictionary? sessionItems, string topicFilter) => IsNode(sessionItems) && IsCommandTopic(topicFilter);

    /// <summary>Remote clients publish only node replies, not retained, and only as node logins; commands are the proxy's.</summary>
    public static bool MayPublish(IDictionary? sessionItems, string topic, bool retain) =>
        !retain && IsNode(sessionItems) && string.Equals(topic, MqttTopics.CommandResponse, StringComparison.Ordinal);

    /// <summary><c>/RD/MESH/&lt;digits&gt;/COMMAND</c> or <c>/RD/AP/&lt;digits&gt;/COMMAND</c> exactly (no wildcard, no other level).</summary>
    public static bool IsCommandTopic(string topic)
    {
        ReadOnlySpan<char> rest;
        if (topic.StartsWith("/RD/MESH/", StringComparison.Ordinal))
        {
            rest = topic.AsSpan("/RD/MESH/".Length);
        }
        else if (topic.StartsWith("/RD/AP/", StringComparison.Ordinal))
        {
            rest = topic.AsSpan("/RD/AP/".Length);
        }
        else
        {
            return false;
        }

        int slash = rest.IndexOf('/');
        if (slash is <= 0 or > 19 || !rest[(slash + 1)..].SequenceEqual("COMMAND"))
        {
            return false;
        }

        foreach (char c in rest[..slash])
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}

internal enum ConnectRefusal
{
    BadCredentials,
    ReservedClientId,
}
