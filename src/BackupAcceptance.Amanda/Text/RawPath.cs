namespace BackupAcceptance.Amanda.Text;

/// <summary>A path inside a disk (DLE), relative to its root, as a list of raw components: "/" is the root.</summary>
public sealed record RawPath
{
    public static readonly RawPath Root = new([]);

    private RawPath(IReadOnlyList<RawName> components) => Components = components;

    public IReadOnlyList<RawName> Components { get; }

    public bool IsRoot => Components.Count == 0;

    public RawPath Append(RawName name) => new([.. Components, name]);

    /// <summary>The last component; the root has none.</summary>
    public RawName Name => IsRoot ? throw new InvalidOperationException("The root has no name.") : Components[^1];

    public RawPath Parent => IsRoot ? this : new(Components.Take(Components.Count - 1).ToArray());

    /// <summary>The first <paramref name="count"/> components: an ancestor of this path.</summary>
    public RawPath Prefix(int count) => new(Components.Take(count).ToArray());

    /// <summary>"/a/b" as the exact bytes of the names; append it to a directory to reach the file there.</summary>
    public byte[] ToBytes()
    {
        var bytes = new List<byte>();
        foreach (var component in Components)
        {
            bytes.Add((byte)'/');
            bytes.AddRange(component.ToBytes());
        }
        return bytes.Count == 0 ? "/"u8.ToArray() : bytes.ToArray();
    }

    /// <summary>Parses a slash-separated path typed by a person ("etc/passwd", "/sub/d0"); empty parts are dropped.</summary>
    public static RawPath Parse(string path) =>
        new(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(RawName.FromDisplay).ToArray());

    public bool Equals(RawPath? other) => other is not null && Components.SequenceEqual(other.Components);

    public override int GetHashCode() => Components.Aggregate(0, (hash, c) => HashCode.Combine(hash, c));

    public override string ToString() => "/" + string.Join("/", Components.Select(c => c.Display));
}
