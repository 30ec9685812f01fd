using System.Text;
using BackupAcceptance.Core.Sources;
using CliWrap;
using CliWrap.Buffered;

namespace BackupAcceptance.Core.DataChecks;

/// <summary>
/// Where a data check runs: as the user nobody with no_new_privs (setpriv: a setuid or setgid program such as crontab,
/// sendmail or postdrop gains nothing), on a copy of the restored path in a private area of its own, with an empty
/// environment, and, where the kernel allows, in namespaces of its own (unshare): no network, its own PIDs (all killed
/// with it), its own System V and POSIX IPC, its own /proc, and a mount namespace in which every mount is remounted
/// read-only, then every place any user may write on Debian 12 (/tmp, /var/tmp, /dev/shm, /run/lock, /dev/mqueue) is
/// an empty private folder of this area, /run (and so /var/run, and systemd's /dev/log, which points into it) is an
/// empty folder of root's, and /dev/log, when it is a socket itself, is /dev/null: no Unix socket of /run, /tmp or
/// /dev/log (syslog, the journal, D-Bus, databases) is reachable. Afterwards anything left in the private folders is a
/// broken rule: what the check wrote there never reached the real ones, and goes with the area. Where the kernel
/// refuses namespaces the check runs without them (with the network, the real file system and its sockets), the report
/// says so, and the real shared places are searched for what nobody wrote during the check.
/// </summary>
public sealed class DataCheckSandbox : IAsyncDisposable
{
    /// <summary>The places every user may write on Debian 12 (find / -perm -0002 -type d, systemd's /dev/mqueue).</summary>
    public static readonly IReadOnlyList<string> SharedPlaces = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue"];

    /// <summary>Inside the mount namespace the copy's folder is /tmp/check (the private /tmp holds it).</summary>
    private const string CheckFolder = "check";

    /// <summary>Written by the set-up before it starts the check: without it, the sandbox was never set up.</summary>
    private static readonly byte[] ReadyMark = "backup-acceptance-sandbox-ready\n"u8.ToArray();

    /// <summary>Covered by an empty folder of root's (0755): nobody writes nothing there, and reaches none of its
    /// sockets. Bound after the read-only remount, before the private /run/lock.</summary>
    private const string RootOnly = "/run";

    // A fixed script: the area opened as fd 3 (it may itself lie below /tmp, hidden once /tmp is covered), each covered
    // place bound to its folder, every other mount remounted read-only (per mount, in this namespace only: the real
    // ones are untouched; after the binds, which would inherit the flag), /dev/log made /dev/null when it is a socket
    // (when it is systemd's link into /run, the empty /run already left it dangling), then the check. Only words from
    // this class and /proc/self/mountinfo reach mount.
    private const string SetUp = """
        set -e
        exec 3<"$1"; shift
        while [ "$1" != -- ]; do mount --bind "/proc/self/fd/3/$1" "$2"; shift 2; done
        shift; exec 3<&-
        while [ "$1" != -- ]; do mount -o remount,bind,ro "$1"; shift; done
        shift
        if [ -S /dev/log ]; then mount --bind /dev/null /dev/log; fi
        cd /tmp/check
        printf 'backup-acceptance-sandbox-ready\n'
        exec "$@"
        """;

    private readonly IPrivateArea _area;
    private readonly IReadOnlyList<(string Folder, string Place)> _covered;
    private readonly DateTimeOffset _created = DateTimeOffset.UtcNow;

    private DataCheckSandbox(IPrivateArea area, bool isolated, IReadOnlyList<(string, string)> covered)
    {
        _area = area;
        Isolated = isolated;
        _covered = covered;
    }

    /// <summary>Namespaces (network, PID, IPC, mount) were allowed: the check runs in them.</summary>
    public bool Isolated { get; }

    /// <summary>The places covered by folders of the area (those that exist on this machine).</summary>
    public IEnumerable<string> CoveredPlaces => _covered.Select(c => c.Place);

    /// <summary>The covered places the check may write: all but /run, which is an empty folder of root's.</summary>
    public IEnumerable<string> PrivatePlaces => CoveredPlaces.Where(p => p != RootOnly);

    /// <summary>The copy's folder in the area (root's view).</summary>
    private string CheckPath => Path.Combine(_area.Path, "tmp", CheckFolder);

    /// <summary>The copy's folder as the check sees it.</summary>
    public string CheckView => Isolated ? "/tmp/" + CheckFolder : CheckPath;

    public bool Ready { get; private set; }

    /// <param name="area">The sandbox's own private area, just made (beside the restore area); removed with it.</param>
    /// <param name="isolated">Whether namespaces may be used (<see cref="Namespaces"/>).</param>
    public static async Task<DataCheckSandbox> CreateAsync(IPrivateArea area, bool isolated, CancellationToken cancellationToken)
    {
        try
        {
            const UnixFileMode everyone = (UnixFileMode)0b1_111_111_111; // 1777, as the places it stands in for
            var covered = new List<(string, string)>();
            if (Directory.Exists(RootOnly))
            {
                var run = Path.Combine(area.Path, "run");
                Directory.CreateDirectory(run);
                File.SetUnixFileMode(run, (UnixFileMode)0b111_101_101);
                foreach (var below in SharedPlaces.Where(p => p.StartsWith(RootOnly + "/", StringComparison.Ordinal) && Directory.Exists(p)))
                    Directory.CreateDirectory(Path.Combine(run, below[(RootOnly.Length + 1)..])); // where its private folder is bound
                covered.Add(("run", RootOnly));
            }
            foreach (var place in SharedPlaces.Where(Directory.Exists))
            {
                var folder = place.Trim('/').Replace('/', '-');
                Directory.CreateDirectory(Path.Combine(area.Path, folder));
                File.SetUnixFileMode(Path.Combine(area.Path, folder), everyone);
                covered.Add((folder, place));
            }
            if (!covered.Any(c => c.Item2 == "/tmp")) // the copy lives in the private /tmp, whatever this machine has
            {
                Directory.CreateDirectory(Path.Combine(area.Path, "tmp"));
                File.SetUnixFileMode(Path.Combine(area.Path, "tmp"), everyone);
                covered.Add(("tmp", "/tmp"));
            }
            var sandbox = new DataCheckSandbox(area, isolated, covered);
            Directory.CreateDirectory(sandbox.CheckPath);
            // Without a mount namespace nobody reaches the copy through the area itself: traverse, never list.
            if (!isolated) File.SetUnixFileMode(area.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                                          | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            return sandbox;
        }
        catch
        {
            await area.DisposeAsync();
            throw;
        }
    }

    /// <summary>Copies the restored path into the check's folder as <paramref name="name"/>, owned by nobody, without the
    /// links and special files of a directory (a link would lead the command to what it names, a live file; a device
    /// node, given to nobody, to the device): the copy holds restored bytes only.</summary>
    /// <returns>The copy's path as the check sees it, and how many entries were left out.</returns>
    public async Task<(string Copy, int LeftOut)> CopyInAsync(string restoredPath, string name, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(CheckPath, name);
        await Cli.Wrap("cp").WithArguments(["-a", "--no-preserve=ownership", "--", restoredPath, copy]).ExecuteBufferedAsync(cancellationToken);
        var removed = new StringBuilder();
        await Cli.Wrap("find").WithArguments([copy, "-mindepth", "1", "!", "-type", "f", "!", "-type", "d", "-print0", "-delete"])
            .WithStandardOutputPipe(PipeTarget.ToStringBuilder(removed)).ExecuteAsync(cancellationToken);
        await Cli.Wrap("chown").WithArguments(["-R", "--no-dereference", "nobody:", CheckPath]).ExecuteBufferedAsync(cancellationToken);
        return (CheckView + "/" + name, removed.ToString().Count(c => c == '\0'));
    }

    /// <summary>The command line that runs <paramref name="words"/> as nobody in this sandbox.</summary>
    public IReadOnlyList<string> CommandLine(IReadOnlyList<string> words, IReadOnlyList<string> environment)
    {
        string[] asNobody = ["setpriv", "--no-new-privs", "runuser", "-u", "nobody", "--", "env", "-i", .. environment, .. words];
        if (!Isolated) return asNobody;
        return ["unshare", "-m", "--propagation", "private", "--mount-proc", "-i", "-n", "-p", "-f", "--kill-child",
            "sh", "-c", SetUp, "sh", _area.Path, .. _covered.SelectMany(c => new[] { c.Folder, c.Place }), "--",
            .. MountPoints().Where(m => !_covered.Any(c => m == c.Place || m.StartsWith(c.Place + "/", StringComparison.Ordinal))), "--",
            .. asNobody];
    }

    public string WorkingDirectory => CheckPath;

    /// <summary>Every mount point (/proc/self/mountinfo's fifth field, octal escapes decoded), the new namespace's copy
    /// of which is remounted read-only; those below /proc are left out: --mount-proc's fresh /proc hides them (and
    /// those at or below a covered place: hidden by its folder).</summary>
    public static IReadOnlyList<string> MountPoints() =>
        File.ReadLines("/proc/self/mountinfo").Select(line => Unescape(line.Split(' ')[4]))
            .Where(m => !m.StartsWith("/proc/", StringComparison.Ordinal)).Distinct().ToList();

    private static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    /// <summary>stdout into the tail, after the set-up's ready mark (which <see cref="Ready"/> records). Without
    /// namespaces there is no set-up: ready from the start.</summary>
    public PipeTarget Stdout(OutputTail tail)
    {
        if (!Isolated)
        {
            Ready = true;
            return tail.Target;
        }
        return PipeTarget.Create(async (stream, cancellationToken) =>
        {
            var mark = new byte[ReadyMark.Length];
            var got = 0;
            int read;
            while (got < mark.Length && (read = await stream.ReadAsync(mark.AsMemory(got), cancellationToken)) > 0) got += read;
            Ready = got == mark.Length && mark.AsSpan().SequenceEqual(ReadyMark);
            if (!Ready) tail.Append(mark.AsSpan(0, got));
            await tail.Target.CopyFromAsync(stream, cancellationToken);
        });
    }

    /// <summary>What the check wrote outside its copy: each private folder that is not empty (the copy's own folder
    /// apart), or, without namespaces, what nobody created in the real shared places since the sandbox was made. Counts
    /// and places only: the names are the check's to choose, and could spell restored bytes.</summary>
    public async Task<IReadOnlyList<string>> WritesOutsideTheCopyAsync(CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var (folder, place) in _covered.Where(c => c.Place != RootOnly)) // root's: mount's utab, the mount points
        {
            var entries = Directory.EnumerateFileSystemEntries(Path.Combine(_area.Path, folder))
                .Count(e => !(place == "/tmp" && Path.GetFileName(e) == CheckFolder));
            if (entries > 0) found.Add($"{entries} {(entries == 1 ? "entry" : "entries")} in its {(Isolated ? "private " : "")}{place}");
        }
        if (!Isolated)
        {
            // Without a mount namespace the real places are shared: what the user nobody created there since. Named
            // by place and left where they are (another program running as nobody may own them).
            var places = SharedPlaces.Where(Directory.Exists).ToArray();
            var since = _created.AddSeconds(-1).ToUnixTimeSeconds();
            var listing = new StringBuilder();
            // The area itself apart: the copy in it is nobody's, made after the start (the area may lie in /tmp).
            await Cli.Wrap("find").WithArguments([.. places, "-xdev", "-mindepth", "1", "-path", _area.Path.TrimEnd('/'), "-prune", "-o",
                    "-user", "nobody", "-newerct", $"@{since}", "-printf", "%H\\n"])
                .WithStandardOutputPipe(PipeTarget.ToStringBuilder(listing))
                .WithValidation(CommandResultValidation.None).ExecuteAsync(cancellationToken);
            foreach (var place in listing.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).GroupBy(p => p))
                found.Add($"{place.Count()} {(place.Count() == 1 ? "entry" : "entries")} owned by nobody in the real {place.Key}, made during the check (left there)");
        }
        return found;
    }

    /// <summary>Namespaces this kernel allows root (CAP_SYS_ADMIN); asked once per run: the answer does not change.</summary>
    public static Task<bool> Namespaces => Probe.Value;

    private static readonly Lazy<Task<bool>> Probe = new(async () =>
    {
        try
        {
            var probe = await Cli.Wrap("unshare").WithArguments(["-m", "--propagation", "private", "--mount-proc", "-i", "-n", "-p", "-f", "--kill-child", "true"])
                .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(CancellationToken.None);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });

    public ValueTask DisposeAsync() => _area.DisposeAsync();
}
