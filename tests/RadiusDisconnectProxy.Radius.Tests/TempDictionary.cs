using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Tests;

/// <summary>A throw-away directory of dictionary files for parser tests.</summary>
internal sealed class TempDictionary : IDisposable
{
    public TempDictionary(params (string Name, string Text)[] files)
    {
        Directory = Path.Combine(Path.GetTempPath(), $"rdp-dict-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Directory);
        foreach ((string name, string text) in files)
        {
            File.WriteAllText(Path.Combine(Directory, name), text);
        }
    }

    public string Directory { get; }

    public RadiusDictionary Load() => RadiusDictionary.Load(Directory);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
