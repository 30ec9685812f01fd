using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>A repository's own check of its store: what restic check finds, whatever the trees say.</summary>
[Binding]
[StepLayer(7, "The repository's own check")]
public sealed class RepositorySteps(RepositoryDriver driver)
{
    [Then("the repository passes its own check")]
    [StepBackends(Backend.Restic)]
    [StepView(DumpView.Store)]
    [StepExample("Then the repository passes its own check", "restic check, read-only (no lock, no cache): the index, the packs' headers, every snapshot's trees. Any error it reports is a damaged repository.",
        "The packs' data (use the step that reads a share of it).")]
    public Task ThenTheRepositoryPassesItsOwnCheck() => driver.RequireRepositoryCleanAsync(null);

    [Then("the repository passes its own check reading {int}% of its data")]
    [StepBackends(Backend.Restic)]
    [StepView(DumpView.Store)]
    [StepExample("Then the repository passes its own check reading 10% of its data", "The same, and that share of the packs read back and verified (restic check --read-data-subset=N%), from 1 to 100; a different share each run as restic picks it.",
        "The packs not read this time.")]
    public Task ThenTheRepositoryPassesItsOwnCheckReading(int percent) => driver.RequireRepositoryCleanAsync(percent);
}
