using BackupAcceptance.Expectations.Counts;
namespace BackupAcceptance.Suite.Reporting;

/// <summary>
/// What one scenario collects for its Allure result while it runs: its steps with timing and status, and the
/// attachments made during each step (the amrecover transcript of that step, evidence). Context-injected.
/// </summary>
public sealed class ScenarioReport
{
    private readonly List<AllureStep> _steps = [];
    private readonly List<AllureAttachment> _pending = [];
    private readonly Lock _lock = new();

    public long Start { get; } = DateTimeOffset.Now.ToUnixTimeMilliseconds();

    public long? StepStart { get; private set; }

    public IReadOnlyList<AllureStep> Steps { get { lock (_lock) return _steps.ToArray(); } }

    /// <summary>Parameters that become known while steps run (dump date, seed).</summary>
    public Dictionary<string, string> Facts { get; } = [];

    private readonly List<WalkNote> _counts = [];

    /// <summary>The whole counts this scenario's checks took of its disk (one per dump walked).</summary>
    public IReadOnlyList<WalkNote> Counts { get { lock (_lock) return _counts.ToArray(); } }

    public void RecordCount(WalkNote walk)
    {
        lock (_lock) _counts.Add(walk);
    }

    private readonly List<CountPoint> _treeCounts = [];

    /// <summary>The whole counts of another backup system's trees (a restic snapshot's), keyed as the histories key a disk.</summary>
    public IReadOnlyList<CountPoint> TreeCounts { get { lock (_lock) return _treeCounts.ToArray(); } }

    public void RecordTreeCount(CountPoint point)
    {
        lock (_lock) _treeCounts.Add(point);
    }

    /// <summary>Why this scenario's counts could not be added to the count history, if they could not (Hooks/HistoryHooks):
    /// the report says so beside the plot.</summary>
    public string? CountHistoryProblem { get; set; }

    /// <summary>The scenario's verdict, set once when it ends (Hooks/VerdictHooks), before any output reads it.</summary>
    public ScenarioJudgement Judgement
    {
        get => field ?? throw new InvalidOperationException("The scenario's verdict is read before it was worked out (VerdictHooks runs first).");
        set => field = field is null ? value : throw new InvalidOperationException("A scenario's verdict is worked out once.");
    }

    public void BeginStep() => StepStart = DateTimeOffset.Now.ToUnixTimeMilliseconds();

    public void Attach(AllureAttachment attachment)
    {
        lock (_lock) _pending.Add(attachment);
    }

    public void EndStep(string name, AllureStatus status, AllureStatusDetails details)
    {
        lock (_lock)
        {
            _steps.Add(new AllureStep(name, status, details, StepStart ?? Start, DateTimeOffset.Now.ToUnixTimeMilliseconds(), _pending.ToArray()));
            _pending.Clear();
        }
        StepStart = null;
    }
}
