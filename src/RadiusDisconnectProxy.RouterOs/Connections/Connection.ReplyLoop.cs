using System.Net.Sockets;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs.Connections;

public sealed partial class Connection
{
    /// <summary>
    /// Plain TCP on Linux: the shared <see cref="ReplyLoop"/> reads this connection (non-blocking <c>recv</c> on its
    /// thread) and completes commands inline; otherwise (API-SSL, other platforms) <see cref="RunReaderAsync"/>.
    /// </summary>
    private void StartReader()
    {
        if (_stream is NetworkStream network && ReplyLoop.Shared is { } loop)
        {
            _socket = network.Socket;
            _loopDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _readLoop = _loopDone.Task;
            _loop = loop;
            try
            {
                // The id is stored before the first event can arrive: the loop may call OnReadable at once.
                loop.Add(_socket, this, out _loopId);
            }
            catch
            {
                // Not registered: Abort closes the stream itself then.
                _loop = null;
                _readLoop = Task.CompletedTask;
                throw;
            }

            return;
        }

        _readLoop = RunReaderAsync();
    }

    /// <summary>
    /// On the <see cref="ReplyLoop"/> thread: reads what the socket holds (more reads only while each fills the buffer),
    /// dispatches every complete reply, whose command then runs its caller's continuation here. At the end of the stream,
    /// an error, or once the connection failed (<see cref="Abort"/> shuts the socket down so that this runs), the
    /// connection leaves the loop and closes.
    /// </summary>
    void IReplyReceiver.OnReadable()
    {
        if (_loopClosed)
        {
            return;
        }

        try
        {
            while (Volatile.Read(ref _failure) is null)
            {
                Span<byte> space = _reader.GetReceiveSpace();
                int read = LinuxIo.Receive(_socket!, space, out int errno);
                if (read < 0)
                {
                    if (errno is LinuxIo.EAgain or LinuxIo.EIntr)
                    {
                        break;
                    }

                    throw new IOException("recv failed", new SocketException(errno));
                }

                if (read == 0)
                {
                    if (!_reader.EndOfStream())
                    {
                        Abort(new RouterOsException(RouterOsErrorCause.ConnectionLost, $"Router {_options.Host}:{_options.Port} closed the connection."));
                    }

                    break;
                }

                _reader.Commit(read);
                Volatile.Write(ref _lastReceive, Environment.TickCount64);
                Volatile.Write(ref _silentTimeouts, 0);
                while (_reader.TryReadSentence())
                {
                    if (!Dispatch())
                    {
                        break;
                    }
                }

                if (read < space.Length)
                {
                    break;
                }
            }

            if (!_pending.IsEmpty)
            {
                // More replies are due on this connection (the second print of a pair, the remove after the cookie
                // print): acknowledge what arrived at once, so a router that sends with Nagle's algorithm does not hold
                // the next reply back until our delayed ACK (up to 40 ms on Linux, tcp(7) TCP_QUICKACK).
                LinuxIo.QuickAck(_socket!);
            }
        }
        catch (Exception e)
        {
            OnReadFailed(e);
        }

        if (Volatile.Read(ref _failure) is not null)
        {
            _loopClosed = true;
            _loop!.Remove(_socket!, _loopId);
            _stream.Dispose();
            _reader.Dispose();
            _loopDone!.TrySetResult();
        }
    }
}
