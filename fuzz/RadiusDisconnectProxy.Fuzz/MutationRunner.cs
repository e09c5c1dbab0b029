using RadiusDisconnectProxy.Fuzz.Targets;

namespace RadiusDisconnectProxy.Fuzz;

/// <summary>
/// The CI part of fuzzing: every file of a target's committed corpus, then <c>mutations</c> deterministic mutations
/// of them (seeded, so a failure reproduces), run in-process. The coverage-guided campaign (AFL++ through SharpFuzz)
/// is in fuzz/README.md. Returns the input that broke the target, if one did.
/// </summary>
internal static class MutationRunner
{
    public static FuzzFailure? Run(IFuzzTarget target, string corpusDirectory, int mutations, int seed, out int executions)
    {
        byte[][] corpus = [.. Directory.EnumerateFiles(corpusDirectory).Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        if (corpus.Length == 0)
        {
            throw new InvalidOperationException($"the corpus {corpusDirectory} is empty");
        }

        executions = 0;
        foreach (byte[] input in corpus)
        {
            executions++;
            if (Execute(target, input) is { } failure)
            {
                return failure;
            }
        }

        var random = new Random(seed);
        for (int i = 0; i < mutations; i++)
        {
            byte[] input = Mutate(random, corpus[random.Next(corpus.Length)], corpus[random.Next(corpus.Length)]);
            executions++;
            if (Execute(target, input) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private static FuzzFailure? Execute(IFuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return null;
        }
        catch (Exception e)
        {
            return new FuzzFailure(input, e);
        }
    }

    /// <summary>A few havoc-style edits: bit flips, interesting bytes, inserted/deleted/duplicated runs, a splice.</summary>
    internal static byte[] Mutate(Random random, byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        int edits = 1 + random.Next(8);
        for (int e = 0; e < edits; e++)
        {
            int at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(8))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[at] = s_interesting[random.Next(s_interesting.Length)];
                    break;
                case 2:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16)));
                    break;
                case 4 when data.Count > 0:
                    int length = Math.Min(data.Count - at, 1 + random.Next(32));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 5 when other.Length > 0:
                    int from = random.Next(other.Length);
                    data.InsertRange(at, other.AsSpan(from, Math.Min(other.Length - from, 1 + random.Next(64))).ToArray());
                    break;
                case 6 when data.Count > 0:
                    data[at] = (byte)(data[at] + random.Next(-16, 17));
                    break;
                case 7 when data.Count > 1:
                    data.RemoveRange(at, data.Count - at);
                    break;
            }
        }

        return [.. data];
    }

    private static readonly byte[] s_interesting = [0, 1, 2, 0x7F, 0x80, 0xFF, 0xFE, 0x20, 0x0A, 0x22, 0x5C, 0x7B, 0x7D, 0x3D, 0x23, 0x2C, 0x3B, 253, 254, 255];
}

internal sealed record FuzzFailure(byte[] Input, Exception Exception);
