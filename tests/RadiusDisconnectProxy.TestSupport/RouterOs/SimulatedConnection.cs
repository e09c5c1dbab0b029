using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>The router side of one API connection: login, then commands handled concurrently (tags interleave).</summary>
internal sealed partial class SimulatedConnection
{
    private readonly RouterOsSimulator _router;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _closing;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SentenceWriter _writer = new();
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private Stream _stream;
    private bool _loggedIn;
    private string? _challenge;

    public SimulatedConnection(RouterOsSimulator router, int id, Socket socket, CancellationToken stopping)
    {
        _router = router;
        Id = id;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _closing = CancellationTokenSource.CreateLinkedTokenSource(stopping);
    }

    public int Id { get; }

    public void Abort()
    {
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        _stream.Dispose();
    }

    public async Task RunAsync()
    {
        try
        {
            if (_router.Options.Certificate is { } certificate)
            {
                var tls = new SslStream(_stream, leaveInnerStreamOpen: false);
                _stream = tls;
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, _closing.Token);
            }

            using var reader = new SentenceReader(_stream);
            while (await reader.ReadSentenceAsync(_closing.Token))
            {
                var words = new List<string>(reader.WordCount);
                for (int i = 0; i < reader.WordCount; i++)
                {
                    words.Add(Encoding.UTF8.GetString(reader.GetWord(i)));
                }

                if (!await HandleSentenceAsync(words))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException
            or InvalidDataException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away or spoke garbage: like a router, just close.
        }
        finally
        {
            Abort();
            _router.Forget(Id);
            _closing.Dispose();
        }
    }

    /// <summary>Handles one sentence; false when the connection must close.</summary>
    private async Task<bool> HandleSentenceAsync(List<string> words)
    {
        string path = words[0];
        Dictionary<string, string> attributes = ParseAttributes(words, out string? tag);
        if (!_loggedIn)
        {
            if (path != "/login")
            {
                await ReplyAsync(tag, ["!trap", "=message=not logged in"], ["!done"]);
                return true;
            }

            await LoginAsync(attributes, tag);
            return true;
        }

        if (_router.Options.RecordedCommandLimit > 0)
        {
            _router.Record(new RecordedCommand(Id, path, words.GetRange(1, words.Count - 1)));
        }
        if (path == "/quit")
        {
            await ReplyAsync(null, ["!fatal", "session terminated on request"]);
            return false;
        }

        if (_router.Faults.TakeFatal(path))
        {
            await ReplyAsync(null, ["!fatal", "simulated fatal error"]);
            return false;
        }

        if (_router.Faults.TakeDrop(path))
        {
            // Half a reply sentence, then the socket closes: the client sees the end of the stream mid-sentence.
            await WriteRawAsync([0x03, (byte)'!', (byte)'r', (byte)'e', 0x05, (byte)'=']);
            return false;
        }

        if (_router.Faults.TakeSilentDrop(path))
        {
            return false;
        }

        if (path == "/cancel")
        {
            if (attributes.TryGetValue("tag", out string? target))
            {
                if (_running.TryGetValue(target, out CancellationTokenSource? running))
                {
                    await running.CancelAsync();
                }
            }
            else
            {
                foreach (CancellationTokenSource running in _running.Values)
                {
                    await running.CancelAsync();
                }
            }

            await ReplyAsync(tag, ["!done"]);
            return true;
        }

        if (_router.Faults.RepliesReleased.IsCompleted && _router.Faults.ReplyDelay <= TimeSpan.Zero)
        {
            // Nothing to wait for, so nothing a /cancel could interrupt: answer without a cancellation source per command.
            await ReplyAsync(tag, Dispatch(path, words, attributes));
            return true;
        }

        _ = ExecuteAsync(path, words, attributes, tag);
        return true;
    }

    private async Task ExecuteAsync(string path, List<string> words, Dictionary<string, string> attributes, string? tag)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        if (tag is not null)
        {
            _running[tag] = cancel;
        }

        try
        {
            await _router.Faults.RepliesReleased.WaitAsync(cancel.Token);
            TimeSpan delay = _router.Faults.ReplyDelay;
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, cancel.Token);
                }
                catch (OperationCanceledException) when (!_closing.IsCancellationRequested)
                {
                    await ReplyAsync(tag, ["!trap", "=category=2", "=message=interrupted"], ["!done"]);
                    return;
                }
            }

            await ReplyAsync(tag, Dispatch(path, words, attributes));
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Connection closing.
        }
        finally
        {
            if (tag is not null)
            {
                _running.TryRemove(tag, out _);
            }
        }
    }

    private async Task LoginAsync(Dictionary<string, string> attributes, string? tag)
    {
        RouterOsSimulatorOptions options = _router.Options;
        attributes.TryGetValue("name", out string? name);
        bool modern = options.LoginStyle == SimulatedLoginStyle.Modern;
        if (attributes.TryGetValue("response", out string? response))
        {
            // Modern routers still hand out a challenge for a bare /login but refuse the MD5 answer (6.47.6 log).
            bool ok = !modern && _challenge is not null && name == options.Username
                && RadiusDisconnectProxy.RouterOs.Connections.LegacyLoginResponse.TryCompute(options.Password, _challenge, out string expected)
                && expected == response;
            await FinishLoginAsync(ok, tag, modern ? "invalid user name or password (6)" : "cannot log in");
        }
        else if (modern && attributes.TryGetValue("password", out string? password))
        {
            await FinishLoginAsync(name == options.Username && password == options.Password, tag, "invalid user name or password (6)");
        }
        else
        {
            _challenge = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await ReplyAsync(tag, ["!done", "=ret=" + _challenge]);
        }
    }

    private async Task FinishLoginAsync(bool ok, string? tag, string failure)
    {
        _router.CountLogin(ok);
        _loggedIn = ok;
        if (ok)
        {
            await ReplyAsync(tag, ["!done"]);
        }
        else
        {
            await ReplyAsync(tag, ["!trap", "=message=" + failure], ["!done"]);
        }
    }

    private Task ReplyAsync(string? tag, params IEnumerable<string>[] sentences) => ReplyAsync(tag, (IEnumerable<IEnumerable<string>>)sentences);

    private async Task ReplyAsync(string? tag, IEnumerable<IEnumerable<string>> sentences)
    {
        await _writeLock.WaitAsync(_closing.Token);
        try
        {
            _writer.Reset();
            foreach (IEnumerable<string> sentence in sentences)
            {
                foreach (string word in sentence)
                {
                    _writer.AppendWord(word);
                }

                if (tag is not null)
                {
                    _writer.AppendWord(".tag=", tag);
                }

                _writer.EndSentence();
            }

            await _stream.WriteAsync(_writer.Written, _closing.Token);
            await _stream.FlushAsync(_closing.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteRawAsync(byte[] bytes)
    {
        await _writeLock.WaitAsync(_closing.Token);
        try
        {
            await _stream.WriteAsync(bytes, _closing.Token);
            await _stream.FlushAsync(_closing.Token);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static Dictionary<string, string> ParseAttributes(List<string> words, out string? tag)
    {
        tag = null;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < words.Count; i++)
        {
            string word = words[i];
            if (word.Length > 1 && word[0] == '=')
            {
                int separator = word.IndexOf('=', 1);
                attributes[separator < 0 ? word[1..] : word[1..separator]] = separator < 0 ? "" : word[(separator + 1)..];
            }
            else if (tag is null && word.StartsWith(".tag=", StringComparison.Ordinal))
            {
                tag = word[5..];
            }
        }

        return attributes;
    }
}
