namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>
/// One fuzz target: feeds arbitrary bytes to one parser the way the daemon does. The errors the parser documents for bad
/// input are caught inside <see cref="Run"/>; anything that escapes it is a bug (a crash for AFL++/libFuzzer, a failed
/// test for the in-process runner).
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name on the command line and of the corpus folder (<c>fuzz/corpus/&lt;name&gt;</c>).</summary>
    string Name { get; }

    void Run(ReadOnlySpan<byte> data);
}
