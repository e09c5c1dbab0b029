using RadiusDisconnectProxy.Fuzz;
using RadiusDisconnectProxy.Fuzz.Targets;

namespace RadiusDisconnectProxy.Tests.Fuzz;

/// <summary>
/// The CI part of fuzzing (fuzz/README.md): every SharpFuzz harness runs in-process over its committed seed corpus
/// (which holds every crash found so far) plus a fixed number of seeded mutations. A failure prints the input, which
/// then belongs in fuzz/corpus/&lt;target&gt;/ and in a regression test of the parser.
/// </summary>
public class FuzzCorpusTests
{
    [Theory]
    [InlineData("packet", 4000)]
    [InlineData("mqtt-reply", 4000)]
    [InlineData("routeros", 4000)]
    [InlineData("dictionary", 600)]
    [InlineData("conf", 600)]
    public void Harness_SurvivesItsCorpusAndSeededMutations(string name, int mutations)
    {
        IFuzzTarget target = FuzzTargets.Create(name);
        try
        {
            FuzzFailure? failure = MutationRunner.Run(target, CorpusDirectory(name), mutations, seed: 13, out int executions);

            Assert.True(failure is null, failure is null ? "" : $"{name} failed on input {Convert.ToBase64String(failure.Input)}:\n{failure.Exception}");
            Assert.True(executions > mutations);
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void EveryTarget_HasACommittedCorpus()
    {
        foreach (string name in FuzzTargets.Names)
        {
            Assert.NotEmpty(Directory.GetFiles(CorpusDirectory(name)));
        }
    }

    private static string CorpusDirectory(string name)
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "fuzz", "corpus", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"fuzz/corpus/{name} not found above {AppContext.BaseDirectory}");
    }
}
