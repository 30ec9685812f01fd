using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>Coverage of a whole configuration: every host and disk, found by listhost and listdisk.</summary>
[Binding]
[StepLayer(5, "Coverage of the whole estate")]
public sealed class EstateSteps(EstateDriver driver, ScenarioContext scenario)
{
    [Given("every disk of {config} config")]
    [StepExample("Given every disk of ba-daily config", "Every disk of every host of the configuration, as the index server lists them.")]
    public Task GivenEveryDiskOf(AmandaConfig config)
    {
        TargetSteps.RequirePlainWords(scenario, config.Name, "*", "*");
        return driver.UseEstateAsync(config.Name);
    }

    [Given("every disk of {config} config except:")]
    [StepExample("Given every disk of ba-daily config except:\n  | disk                     |\n  | /srv/fixtures/notdumped  |", "The same, leaving out the listed disks (host:disk or just the disk).")]
    public Task GivenEveryDiskOfExcept(AmandaConfig config, DataTable exceptions)
    {
        TargetSteps.RequirePlainWords(scenario, config.Name, "*", "*");
        return driver.UseEstateExceptAsync(config.Name, exceptions);
    }

    [Then("every disk has a dump no older than {int} hours with at least {int} file(s)")]
    [StepView(DumpView.Listing)]
    [StepExample("Then every disk has a dump no older than 26 hours with at least 1 file", "Each disk: a recent dump that holds files. The failure lists every bad disk. On the Amanda server the estate is read from the catalogue (amadmin find) and the index files, and amrecover checks every disk found bad or not readable that way and a daily sample of the good ones (all of them if it disagrees once; BACKUP_ACCEPTANCE_INDEX_FILES=off: amrecover for every disk).",
        "Paths, counts against earlier dumps, or restores of any disk.")]
    public Task ThenEveryDiskHasADumpNoOlderThanWithAtLeast(int hours, int files) => driver.RequireEveryDiskAsync(hours, files);
}
