using System.Net.Sockets;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs.Connections;

public sealed partial class Connection
{
    private async Task CancelAsync(string tag)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CommandTimeout);
            var cancel = new Command("/cancel").Attribute("tag", tag);
            await WriteAsync(cancel, "c" + tag, null, null, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or RouterOsException)
        {
            // The connection is failing anyway; its reader reports that.
        }
    }

    /// <summary>Writes one command, or two in one send (<see cref="ExecuteTogether"/>).</summary>
    private async Task WriteAsync(Command command, string? tag, Command? second, string? secondTag, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfFailed();
            _writer.Reset();
            command.WriteTo(_writer, tag);
            second?.WriteTo(_writer, secondTag);
            try
            {
                // Written from the caller's thread, no asynchronous send: a sentence fits the socket buffer, so this
                // returns at once; the socket's send timeout bounds a router that stopped reading.
                _stream.Write(_writer.Written.Span);
                _stream.Flush();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException or OperationCanceledException)
            {
                // A partly written sentence leaves the stream unusable.
                var lost = new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Sending to {_options.Host}:{_options.Port} failed.", e);
                Abort(lost);
                if (e is OperationCanceledException)
                {
                    throw;
                }

                throw lost;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
