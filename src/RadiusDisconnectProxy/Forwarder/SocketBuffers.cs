using System.Net.Sockets;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>Large UDP receive buffers: the default (≈208 KiB) overflows at a few hundred answers in flight.</summary>
internal static class SocketBuffers
{
    private const int SolSocket = 1;
    private const int SoRcvBufForce = 33;

    public static void SetReceiveBuffer(Socket socket, int bytes)
    {
        socket.ReceiveBufferSize = bytes;
        if (OperatingSystem.IsLinux() && socket.ReceiveBufferSize < bytes)
        {
            // SO_RCVBUF is capped by net.core.rmem_max; SO_RCVBUFFORCE (CAP_NET_ADMIN) is not. Best effort.
            try
            {
                socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
            }
            catch (SocketException)
            {
                // Not privileged: keep what SO_RCVBUF gave.
            }
        }
    }
}
