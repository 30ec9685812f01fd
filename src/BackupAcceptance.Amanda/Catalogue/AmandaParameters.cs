using System.Collections.Concurrent;

namespace BackupAcceptance.Amanda.Catalogue;

/// <summary>
/// <see cref="AmandaParameter"/>'s answers, asked once per run: amgetconf is a Perl program that reads the whole
/// configuration, disklist included, so on a configuration of 2,000 disks each ask takes 1.3 s of CPU (0.2 s on a
/// few dozen; docs/bench/estate.md). Callers that ask at once share one amgetconf. Only answers are kept: a failed ask
/// is asked again, so one bad moment does not stand for the whole run.
/// </summary>
public sealed class AmandaParameters
{
    private readonly ConcurrentDictionary<(string Config, string Parameter), Task<(string? Value, string Reason)>> _asks = new();

    /// <summary>The value, or null with the reason (as <see cref="AmandaParameter.GetAsync"/>).</summary>
    public async Task<(string? Value, string Reason)> GetAsync(string config, string parameter, CancellationToken cancellationToken)
    {
        var key = (config, parameter);
        // Not tied to one caller's token: others may be waiting for the same answer.
        var ask = _asks.GetOrAdd(key, k => AmandaParameter.GetAsync(k.Config, k.Parameter, CancellationToken.None));
        var answer = await ask.WaitAsync(cancellationToken);
        if (answer.Value is null) _asks.TryRemove(new KeyValuePair<(string, string), Task<(string?, string)>>(key, ask));
        return answer;
    }

    /// <summary>Begins asking, for an answer needed soon (the estate's dump user while amrecover starts).</summary>
    public void Begin(string config, string parameter) => _ = GetAsync(config, parameter, CancellationToken.None);
}
