using System.Globalization;
using RadiusDisconnectProxy.Fuzz;
using RadiusDisconnectProxy.Fuzz.Targets;
using SharpFuzz;

// rdp-fuzz <target>                      AFL++ harness (run under afl-fuzz on a SharpFuzz-instrumented build)
// rdp-fuzz <target> --libfuzzer          libFuzzer harness (run under libfuzzer-dotnet)
// rdp-fuzz <target> --mutate <corpus> N  in-process: corpus + N seeded mutations (what the test suite runs)
// rdp-fuzz <target> --replay <file>...   run inputs once (reproduce a crash)
// See fuzz/README.md.
if (args.Length == 0 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: rdp-fuzz <{string.Join('|', FuzzTargets.Names)}> [--libfuzzer | --mutate <corpus-dir> <count> | --replay <file>...]");
    Console.Error.WriteLine("example: rdp-fuzz packet --mutate fuzz/corpus/packet 10000");
    return 2;
}

// Instrumented code may run only once SharpFuzz has set up AFL's coverage map (inside Run), so under AFL/libFuzzer the
// target is created lazily, by the first input.
IFuzzTarget? created = null;
IFuzzTarget Target() => created ??= FuzzTargets.Create(args[0]);
try
{
    switch (args.Length > 1 ? args[1] : "")
    {
        case "--libfuzzer":
            Fuzzer.LibFuzzer.Run(span => Target().Run(span));
            return 0;
        case "--mutate":
            int count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10_000;
            FuzzFailure? failure = MutationRunner.Run(Target(), args[2], count, seed: 1, out int executions);
            if (failure is not null)
            {
                string path = Path.GetFullPath($"crash-{args[0]}-{Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(failure.Input))[..12]}");
                File.WriteAllBytes(path, failure.Input);
                Console.Error.WriteLine($"{args[0]}: crash after {executions} executions, input saved as {path}:\n{failure.Exception}");
                return 1;
            }

            Console.WriteLine($"{args[0]}: {executions} executions, no crash");
            return 0;
        case "--replay":
            foreach (string file in args.Skip(2))
            {
                Target().Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok");
            }

            return 0;
        default:
            // AFL++: SharpFuzz reads each input from AFL's shared memory; an escaping exception is a crash.
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                Target().Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            });
            return 0;
    }
}
finally
{
    (created as IDisposable)?.Dispose();
}
