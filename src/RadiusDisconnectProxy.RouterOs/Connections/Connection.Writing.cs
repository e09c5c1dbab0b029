using System.Globalization;
using System.Net.Sockets;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs.Connections;

public sealed partial class Connection
{
    private async Task CancelAsync(int tag)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.CommandTimeout);
            string text = tag.ToString(CultureInfo.InvariantCulture);
            var cancel = new Command("/cancel").Attribute("tag", text);
            await WriteAsync(cancel, 0, null, 0, "c" + text, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or RouterOsException)
        {
            // The connection is failing anyway; its reader reports that.
        }
    }

    /// <summary>
    /// Writes one command, or two in one send (<see cref="ExecuteTogether"/>), with numeric tags (0: none), or one with a
    /// text tag (<c>/cancel</c>'s own).
    /// </summary>
    private async Task WriteAsync(Command command, int tag, Command? second, int secondTag, string? textTag, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ThrowIfFailed();
            _writer.Reset();
            if (textTag is not null)
            {
                command.WriteTo(_writer, textTag);
            }
            else
            {
                command.WriteTo(_writer, tag);
                second?.WriteTo(_writer, secondTag);
            }
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
