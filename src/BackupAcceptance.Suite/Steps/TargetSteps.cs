using BackupAcceptance.Core.Failures;
using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Suite.Drivers;
using NUnit.Framework;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Steps that say which backup, and which dump of it, a scenario is about. They come before any check.</summary>
[Binding]
[StepLayer(1, "Context: which backup, which dump")]
public sealed class TargetSteps(BackupDriver driver, ScenarioContext scenario)
{
    /// <summary><c>{disk}</c>: a word, or a "quoted name" for a disk with spaces.</summary>
    [StepArgumentTransformation(@"(""[^""]+""|[^\s""]+)", Name = "disk")]
    public static AmandaDisk Disk(string name) => new(name.Length > 1 && name[0] == '"' ? name[1..^1] : name);

    [Given("{config} config for {host} {disk}")]
    [StepExample("Given ba-daily config for localhost /etc", "The disk (DLE) to check: Amanda config, host and disk as in the disklist; quote a disk with spaces.")]
    public void GivenConfigForHostDisk(AmandaConfig config, AmandaHost host, AmandaDisk disk)
    {
        RequirePlainWords(scenario, config.Name, host.Name, disk.Name);
        driver.UseDisk(config.Name, host.Name, disk.Name);
    }

    /// <summary><c>{location}</c>: a word, or a "quoted" one with spaces (a repository or path as restic names it).</summary>
    [StepArgumentTransformation(@"(""[^""]+""|[^\s""]+)", Name = "location")]
    public static ResticLocation Location(string name) => new(name.Length > 1 && name[0] == '"' ? name[1..^1] : name);

    [Given("restic repository {location} for {location} {location}")]
    [StepBackends(Backend.Restic)]
    [StepExample("Given restic repository /srv/restic/demo for localhost /srv/data", "The snapshots of one host and absolute path in a restic repository, as `restic snapshots --host --path` selects them. The password comes from restic's own RESTIC_PASSWORD_FILE, RESTIC_PASSWORD or RESTIC_PASSWORD_COMMAND, never from the feature file. restic runs read-only: no lock, no cache.")]
    public void GivenResticRepository(ResticLocation repository, ResticLocation host, ResticLocation path) =>
        driver.UseRepository(repository.Name, host.Name, path.Name);

    /// <summary>Refused here, before any amrecover starts: "-odebug_amrecover=9" as a config was read as an option and
    /// passed on the default config. An input error (broken), named by the scenario: there is no target to name.</summary>
    internal static void RequirePlainWords(ScenarioContext scenario, string config, string host, string disk)
    {
        if (BackupTarget.Refusal(config, host, disk) is { } refusal)
            throw new AssertionException($"{FailureCategory.InputError.Title()}: scenario '{scenario.ScenarioInfo.Title}': " +
                                         $"expected a config, host and disk that amrecover reads as plain words; found {refusal}.");
    }

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Given("the dump as of {date}")]
    [StepExample("Given the dump as of 2026-11-25", "Look at the newest dump on or before that date, as amrecover's setdate reads it: a day takes in the whole day, a time to the minute means its second 00 (a dump at 13:09:01 is after 2026-12-06-13-09); none that old is a stale backup. Must come before every When and Then step.")]
    public void GivenTheDumpAsOf(DumpDate date) => driver.UseDumpAsOf(date);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Given("the dump before the latest")]
    [StepExample("Given the dump before the latest", "Look at the second newest dump in the disk's history. Must come before every When and Then step.")]
    public void GivenTheDumpBeforeTheLatest() => driver.UseDumpBeforeLatest();
}

public sealed record AmandaDisk(string Name);

public sealed record ResticLocation(string Name);
