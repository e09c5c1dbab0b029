using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

public sealed partial class Connection
{
    private static async Task<Stream> ConnectAsync(RouterOsClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EnableKeepAlive(socket);
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, connectTimeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            string reason = e is SocketException s ? s.SocketErrorCode.ToString() : "timed out";
            throw new RouterOsException(RouterOsErrorCause.ConnectFailed, $"Cannot connect to router {options.Host}:{options.Port}: {reason}.", e);
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!options.UseTls)
        {
            return network;
        }

        var pin = new CertificatePin(options.CertificateFingerprint);
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = options.Host,
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => pin.Validate(certificate, errors),
                },
                connectTimeout.Token);
            return tls;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
        {
            await tls.DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw new RouterOsException(RouterOsErrorCause.TlsFailed, $"API-SSL handshake with router {options.Host}:{options.Port} failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// Pooled connections idle for long stretches; RouterOS has no API idle timeout, but NAT and firewalls on the way
    /// do. Keepalive probes after 30 s idle keep their state alive and reveal a dead peer within a minute.
    /// </summary>
    private static void EnableKeepAlive(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException)
        {
            // Platform without per-socket keepalive timers: the system defaults apply.
        }
    }

    /// <summary>
    /// Plain login first (6.43+); a router that answers <c>=ret=</c> wants the MD5 challenge response instead
    /// (pre-6.43). Sending a bare <c>/login</c> first would fail on 6.45.1+, which reject the MD5 answer.
    /// </summary>
    private async Task LoginAsync(CancellationToken cancellationToken)
    {
        Reply done = await SendLoginAsync(new Command("/login").Attribute("name", _options.Username).Attribute("password", _options.Password), cancellationToken);
        if (done["ret"] is not { } challenge)
        {
            return;
        }

        if (!LegacyLoginResponse.TryCompute(_options.Password, challenge, out string response))
        {
            throw new RouterOsProtocolException($"Router {_options.Host}:{_options.Port} sent an invalid login challenge.");
        }

        await SendLoginAsync(new Command("/login").Attribute("name", _options.Username).Attribute("response", response), cancellationToken);
    }

    private async Task<Reply> SendLoginAsync(Command login, CancellationToken cancellationToken)
    {
        _writer.Reset();
        login.WriteTo(_writer, null);
        await _stream.WriteAsync(_writer.Written, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
        _writer.Reset(); // the password does not stay in the buffer longer than needed
        string? trap = null;
        while (true)
        {
            if (!await _reader.ReadSentenceAsync(cancellationToken))
            {
                throw new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {_options.Host}:{_options.Port} closed the connection during login.");
            }

            Reply reply = Reply.Decode(_reader);
            switch (reply.Type)
            {
                case ReplyType.Trap:
                    trap ??= reply["message"] ?? "login refused";
                    break;
                case ReplyType.Fatal:
                    throw new RouterOsException(RouterOsErrorCause.Fatal, $"Router {_options.Host}:{_options.Port} ended the session during login: {reply.FatalReason}");
                case ReplyType.Done when trap is not null:
                    throw new RouterOsException(RouterOsErrorCause.AuthenticationFailed, $"Router {_options.Host}:{_options.Port} refused the login of {_options.Username}: {trap}");
                case ReplyType.Done:
                    return reply;
            }
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reader.ReadSentenceAsync(_lifetime.Token))
            {
                Volatile.Write(ref _lastReceive, Environment.TickCount64);
                Volatile.Write(ref _silentTimeouts, 0);
                Reply reply = Reply.Decode(_reader);
                if (reply.Type == ReplyType.Fatal)
                {
                    Abort(new RouterOsException(RouterOsErrorCause.Fatal, $"Router {_options.Host}:{_options.Port} closed the API session: {reply.FatalReason}"));
                    return;
                }

                // Untagged replies and tags nobody waits for (timed-out commands, /cancel answers) are dropped.
                if (reply.Tag is { } tag && _pending.TryGetValue(tag, out PendingCommand? pending) && pending.Accept(reply))
                {
                    _pending.TryRemove(tag, out _);
                }
            }

            Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {_options.Host}:{_options.Port} closed the connection."));
        }
        catch (EndOfStreamException e)
        {
            // The router went away in the middle of an answer: a real failure of the running command, never retried.
            Volatile.Write(ref _lostMidSentence, true);
            Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {_options.Host}:{_options.Port} dropped the connection mid-reply.", e));
        }
        catch (InvalidDataException e)
        {
            Abort(new RouterOsProtocolException($"Router {_options.Host}:{_options.Port} broke the API protocol: {e.Message}", e));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
        {
            Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Connection to router {_options.Host}:{_options.Port} lost.", e));
        }
    }

    /// <summary>Marks the connection failed (first failure wins), fails every running command, closes the socket.</summary>
    private void Abort(RouterOsException failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        foreach (KeyValuePair<string, PendingCommand> entry in _pending)
        {
            entry.Value.Fail(failure);
        }

        _lifetime.Cancel();
        _stream.Dispose();
    }

    private async Task CloseAsync()
    {
        Abort(new RouterOsException(RouterOsErrorCause.Disposed, $"The connection to {_options.Host}:{_options.Port} was closed."));
        try
        {
            await _readLoop.WaitAsync(TimeSpan.FromSeconds(2));
            _reader.Dispose(); // only once the reader task no longer touches its pooled buffer
        }
        catch (TimeoutException)
        {
            // Leave the buffer to the GC rather than return it to the pool while in use.
        }

        _lifetime.Dispose();
    }
}
