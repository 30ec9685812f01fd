namespace BackupAcceptance.Amanda.Text;

/// <summary>A path inside a disk (DLE), relative to its root, as a list of raw components: "/" is the root.</summary>
public sealed record RawPath
{
    public static readonly RawPath Root = new([]);

    private RawPath(IReadOnlyList<RawName> components) => Components = components;

    public IReadOnlyList<RawName> Components { get; }

    public bool IsRoot => Components.Count == 0;

    public RawPath Append(RawName name) => new([.. Components, name]);

    /// <summary>Parses a slash-separated path typed by a person ("etc/passwd", "/sub/d0"); empty parts are dropped.</summary>
    public static RawPath Parse(string path) =>
        new(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(RawName.FromDisplay).ToArray());

    public bool Equals(RawPath? other) => other is not null && Components.SequenceEqual(other.Components);

    public override int GetHashCode() => Components.Aggregate(0, (hash, c) => HashCode.Combine(hash, c));

    public override string ToString() => "/" + string.Join("/", Components.Select(c => c.Display));
}
