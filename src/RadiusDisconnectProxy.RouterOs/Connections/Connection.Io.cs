using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Connections;

public sealed partial class Connection
{
    /// <summary>
    /// Connects (TLS if configured) with blocking calls, on the opening thread (<see cref="OpenAsync"/>). The timeout
    /// closes the socket, which ends a blocked connect or handshake.
    /// </summary>
    private static Stream Connect(RouterOsClientOptions options, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EnableKeepAlive(socket);
        using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connectTimeout.CancelAfter(options.ConnectTimeout);
        using (connectTimeout.Token.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket))
        {
            try
            {
                socket.Connect(options.Host, options.Port);
                // Set after connecting (Linux applies it to connect(2) too). Commands are written from the request's
                // thread (often the RADIUS listener's): a router that stops reading with the socket buffer full must
                // not hold it long; after a second the connection counts as lost.
                socket.SendTimeout = (int)Math.Clamp(options.CommandTimeout.TotalMilliseconds, 1, 1000);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                string reason = e is SocketException s && !connectTimeout.IsCancellationRequested ? s.SocketErrorCode.ToString() : "timed out";
                throw new RouterOsException(RouterOsErrorCause.ConnectFailed, $"Cannot connect to router {options.Host}:{options.Port}: {reason}.", e);
            }

            var network = new NetworkStream(socket, ownsSocket: true);
            if (!options.UseTls)
            {
                return network;
            }

            var pin = new CertificatePin(options.CertificateFingerprint);
            var tls = new SslStream(network, leaveInnerStreamOpen: false, (_, certificate, _, errors) => pin.Validate(certificate, errors));
            try
            {
                tls.AuthenticateAsClient(options.Host);
                return tls;
            }
            catch (Exception e) when (e is AuthenticationException or IOException or ObjectDisposedException or SocketException)
            {
                tls.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                string reason = connectTimeout.IsCancellationRequested ? "timed out" : e.Message;
                throw new RouterOsException(RouterOsErrorCause.TlsFailed, $"API-SSL handshake with router {options.Host}:{options.Port} failed: {reason}", e);
            }
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
    private void Login()
    {
        Reply done = SendLogin(new Command("/login").Attribute("name", _options.Username).Attribute("password", _options.Password));
        if (done["ret"] is not { } challenge)
        {
            return;
        }

        if (!LegacyLoginResponse.TryCompute(_options.Password, challenge, out string response))
        {
            throw new RouterOsProtocolException($"Router {_options.Host}:{_options.Port} sent an invalid login challenge.");
        }

        SendLogin(new Command("/login").Attribute("name", _options.Username).Attribute("response", response));
    }

    private Reply SendLogin(Command login)
    {
        _writer.Reset();
        login.WriteTo(_writer, null);
        _stream.Write(_writer.Written.Span);
        _stream.Flush();
        _writer.Reset(); // the password does not stay in the buffer longer than needed
        string? trap = null;
        while (true)
        {
            if (!_reader.ReadSentence())
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

    /// <summary>
    /// The reply reader. Each reply completes its command on the reader's thread-pool thread, which runs the caller's
    /// continuation (the rest of the request, up to the RADIUS answer) directly (<see cref="PendingCommand"/>): one
    /// thread-pool hop per socket wake-up instead of one more per command. A dedicated thread blocked in <c>read(2)</c>
    /// per connection was tried and measured worse with 100 routers (docs/load-testing.md, "Slow paths"): the epoll
    /// thread picks up the replies of several connections per wake-up, a thread per connection wakes once for each.
    /// </summary>
    private async Task RunReaderAsync()
    {
        try
        {
            while (await _reader.ReadSentenceAsync(_lifetime.Token))
            {
                Volatile.Write(ref _lastReceive, Environment.TickCount64);
                Volatile.Write(ref _silentTimeouts, 0);
                if (!Dispatch())
                {
                    return;
                }
            }

            Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {_options.Host}:{_options.Port} closed the connection."));
        }
        catch (Exception e)
        {
            OnReadFailed(e);
        }
    }

    /// <summary>
    /// Hands the reply the reader holds to its command (which may run the caller's continuation here); false after
    /// <c>!fatal</c>. Only the header is read first: replies nobody waits for are never decoded.
    /// </summary>
    private bool Dispatch()
    {
        ReplyType type = Reply.ReadHeader(_reader, out int tag);
        if (type == ReplyType.Fatal)
        {
            Abort(new RouterOsException(RouterOsErrorCause.Fatal, $"Router {_options.Host}:{_options.Port} closed the API session: {Reply.Decode(_reader).FatalReason}"));
            return false;
        }

        // Untagged replies and tags nobody waits for (timed-out commands, /cancel answers) are dropped.
        if (tag != 0 && _pending.TryGetValue(tag, out PendingCommand? pending) && pending.Accept(type, _reader))
        {
            _pending.TryRemove(tag, out _);
        }

        return true;
    }

    private void OnReadFailed(Exception e)
    {
        switch (e)
        {
            case EndOfStreamException:
                // The router went away in the middle of an answer: a real failure of the running command, never retried.
                Volatile.Write(ref _lostMidSentence, true);
                Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {_options.Host}:{_options.Port} dropped the connection mid-reply.", e));
                break;
            case InvalidDataException:
                Abort(new RouterOsProtocolException($"Router {_options.Host}:{_options.Port} broke the API protocol: {e.Message}", e));
                break;
            default:
                // IOException, ObjectDisposedException, SocketException, a cancelled read; anything else ends the
                // connection the same way rather than the reader thread (and with it the process).
                Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Connection to router {_options.Host}:{_options.Port} lost.", e));
                break;
        }
    }

    /// <summary>Marks the connection failed (first failure wins), fails every running command, closes the socket.</summary>
    private void Abort(RouterOsException failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        foreach (KeyValuePair<int, PendingCommand> entry in _pending)
        {
            entry.Value.Fail(failure);
        }

        _lifetime.Cancel();
        if (_loop is not null)
        {
            // The loop thread closes the socket (and hands the reader's buffer back) once it sees the end this causes: it
            // may be reading it right now.
            try
            {
                _socket!.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Already reset or closed: the loop sees the error (or the descriptor left its set with the close).
            }

            return;
        }

        _stream.Dispose();
    }

    private async Task CloseAsync()
    {
        Abort(new RouterOsException(RouterOsErrorCause.Disposed, $"The connection to {_options.Host}:{_options.Port} was closed."));
        try
        {
            await _readLoop.WaitAsync(TimeSpan.FromSeconds(2));
            if (_loop is null)
            {
                _reader.Dispose(); // only once the reader task no longer touches its pooled buffer
            }
        }
        catch (TimeoutException)
        {
            // Leave the buffer to the GC rather than return it to the pool while in use; the socket is closed anyway.
            _stream.Dispose();
        }

        _lifetime.Dispose();
    }
}
