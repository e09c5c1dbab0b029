using System.Text;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Standard output for the process's console logging, with one <c>write(2)</c> per audit batch instead of one per event.
/// The Serilog console sink writes each event and then calls <see cref="Flush"/>; on the audit writer's thread, while it
/// formats a batch, that flush (and the
/// flush after every write) is deferred until the batch ends (<see cref="FlushDeferred"/>), so the batch leaves in one
/// buffered write. Every other thread flushes at once as before, so warnings and errors are never held back, and the
/// order of lines is unchanged (everything goes through the one buffer, under <see cref="Console"/>'s lock).
/// </summary>
internal sealed class BatchFlushingConsoleWriter : TextWriter
{
    private const int BufferChars = 64 * 1024;
    private static int s_installed;

    [ThreadStatic]
    private static bool t_deferFlush;

    private readonly StreamWriter _stdout;

    private BatchFlushingConsoleWriter(StreamWriter stdout) => _stdout = stdout;

    public override Encoding Encoding => _stdout.Encoding;

    /// <summary>
    /// Replaces <see cref="Console.Out"/> once per process when standard output is redirected (journald, a pipe, a file);
    /// an interactive terminal keeps the runtime's own writer.
    /// </summary>
    public static void InstallIfRedirected()
    {
        if (!Console.IsOutputRedirected || Interlocked.Exchange(ref s_installed, 1) != 0)
        {
            return;
        }

        Console.Out.Flush();
        var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferChars)
        {
            AutoFlush = false,
        };

        // Console wraps it in a synchronized writer: one lock for every thread's writes and flushes.
        Console.SetOut(new BatchFlushingConsoleWriter(stdout));
    }

    /// <summary>Runs <paramref name="writeBatch"/> with this thread's console flushes deferred, then flushes once.</summary>
    public static int FlushDeferred<TState>(Func<TState, int> writeBatch, TState state)
    {
        t_deferFlush = true;
        try
        {
            return writeBatch(state);
        }
        finally
        {
            t_deferFlush = false;
            Console.Out.Flush();
        }
    }

    // Outside an audit batch every write goes out at once, exactly like the runtime's auto-flushing console writer.
    public override void Write(char value)
    {
        _stdout.Write(value);
        Flush();
    }

    public override void Write(string? value)
    {
        _stdout.Write(value);
        Flush();
    }

    public override void Write(char[] buffer, int index, int count)
    {
        _stdout.Write(buffer, index, count);
        Flush();
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        _stdout.Write(buffer);
        Flush();
    }

    public override void WriteLine(string? value)
    {
        _stdout.WriteLine(value);
        Flush();
    }

    public override void Flush()
    {
        if (!t_deferFlush)
        {
            _stdout.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stdout.Dispose();
        }

        base.Dispose(disposing);
    }
}
