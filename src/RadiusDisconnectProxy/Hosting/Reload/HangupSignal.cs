using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace RadiusDisconnectProxy.Hosting.Reload;

/// <summary>
/// Catches SIGHUP from the moment <c>serve</c> starts (the runtime's default would end the process, exit 129, even
/// while the host is still starting) and queues it; several signals in a row make one pending reload.
/// </summary>
public sealed class HangupSignal : IDisposable
{
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly PosixSignalRegistration _registration;

    public HangupSignal()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            _signals.Writer.TryWrite(true);
        });
    }

    public ChannelReader<bool> Reader => _signals.Reader;

    public void Dispose() => _registration.Dispose();
}
