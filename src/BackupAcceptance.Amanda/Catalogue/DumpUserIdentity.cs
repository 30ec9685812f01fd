using System.Globalization;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>Who Amanda's server processes run as: the configuration's <c>dumpuser</c>, its uid and every group it is in
/// (its primary group and the supplementary ones, as <c>id</c> gives them through the system's user database).
/// amindexd runs as this user, so it, not root, must be able to read the index files.</summary>
public sealed record DumpUserIdentity(string Name, int Uid, IReadOnlySet<int> Groups)
{
    public override string ToString() =>
        $"{Name} (uid {Uid}, groups {string.Join(',', Groups.Order().Select(g => g.ToString(CultureInfo.InvariantCulture)))})";

    /// <returns>The identity, or null with why it could not be found (not the server, unknown user).</returns>
    public static async Task<(DumpUserIdentity? User, string Why)> ForAsync(string config, CancellationToken cancellationToken,
        AmandaParameters? parameters = null)
    {
        var (name, why) = parameters is null
            ? await AmandaParameter.GetAsync(config, "dumpuser", cancellationToken)
            : await parameters.GetAsync(config, "dumpuser", cancellationToken);
        if (name is null) return (null, why);
        var uid = await IdAsync(["-u", "--", name], cancellationToken);
        var groups = await IdAsync(["-G", "--", name], cancellationToken);
        if (uid is not [var u] || groups is null or []) return (null, $"id {name} failed: the dump user is not known to this machine");
        return (new DumpUserIdentity(name, u, groups.ToHashSet()), "");
    }

    private static async Task<int[]?> IdAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap("id").WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
        if (result.ExitCode != 0) return null;
        var numbers = new List<int>();
        foreach (var word in result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
            numbers.Add(number);
        }
        return [.. numbers];
    }
}
