using BackupAcceptance.Suite.Drivers;
using Reqnroll;

namespace BackupAcceptance.Suite.Steps;

/// <summary>The data layer: real restores into a private temporary directory, compared byte for byte.</summary>
[Binding]
[StepLayer(4, "Data: real restores")]
public sealed class DataSteps(RestoreDriver driver, DataCheckDriver data)
{
    [StepBackends(Backend.Amanda, Backend.Restic)]
    [When("{int} random files are restored")]
    [StepExample("When 5 random files are restored", "Restores a seeded random sample of the disk's files (seed printed; BACKUP_ACCEPTANCE_SEED replays it), from 1 to 1,000 files: drawn uniformly from the whole count where the index files are readable here, else by random descent (only the directories on the way are listed; files in small directories are likelier); the report says which; fails unless every one of them is in the restore area afterwards. Checks nothing by itself: follow it with a Then step.")]
    public Task WhenRandomFilesAreRestored(int count) => driver.RestoreRandomFilesAsync(count, null);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [When("{int} random files are restored with seed {int}")]
    [StepExample("When 5 random files are restored with seed 42", "The same, with a fixed seed.")]
    public Task WhenRandomFilesAreRestoredWithSeed(int count, int seed) => driver.RestoreRandomFilesAsync(count, seed);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [When("the file {string} is restored")]
    [StepExample("When the file \"canary.txt\" is restored", "Restores one file (path relative to the disk) into a private temporary directory; fails unless it is there afterwards. Checks nothing by itself: follow it with a Then step.")]
    public Task WhenTheFileIsRestored(string path) => driver.RestoreFileAsync(path);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [When("the whole disk is restored")]
    [StepView(DumpView.RestoreState)]
    [StepExample("When the whole disk is restored",
        "Restores the whole disk into a private temporary directory ('add .' at its root, one extract, so tar applies the dump's deletions and renames) and fails unless every file of the state a restore must give is there: for an incremental chain, the names GNU tar deletes while extracting (files gone by the newest dump) are not expected, and a renamed directory's files are expected under its new name. Refused before it starts (Restore failed) when the chain's size before compression (amadmin info) is above BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB (default 10240) or the free space where it would land. On restic: restic restore of the chosen snapshot, the backed-up path only, into a private area, refused the same way when its files' sizes are above the limit or the free space (a snapshot without files is a hollow backup). Checks nothing by itself: follow it with a Then step.")]
    public Task WhenTheWholeDiskIsRestored() => driver.RestoreWholeDiskAsync();

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("every file of the listing was restored")]
    [StepView(DumpView.RestoreState)]
    [StepExample("Then every file of the listing was restored",
        "After a whole-disk restore: the restore area holds exactly the files of the state a restore gives (every one of them, nothing else): the listing for a level 0, the newest incremental's own directory records for a chain (docs/dump-model.md). On restic: every entry of the snapshot's listing, of its kind (a regular file of its size), and nothing else.",
        "File sizes (amrecover lists none) or content (use 'the restored tree matches the live directory').")]
    public Task ThenEveryFileOfTheListingWasRestored() => driver.RequireEveryListedFileRestoredAsync();

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the restored tree matches the live directory")]
    [StepView(DumpView.RestoredAgainstLive)]
    [StepExample("Then the restored tree matches the live directory",
        "After a whole-disk restore, against the live tree as the DLE covers it (its device, exclude and include lists, from amadmin disklist; host must be this machine): every restored file unchanged since the dump (mtime and ctime) has the live file's SHA-256, and every live file older than the dump is in the restore. Files changed since, gone, or excluded by the DLE are listed, not compared; the report says how many were compared. On restic: the same against the backed-up path here (the snapshot's host must be this machine; a snapshot taken with exclude patterns is refused, as the live side cannot apply them).",
        "Files created or changed since the dump (listed), or files the DLE excludes (listed).")]
    public Task ThenTheRestoredTreeMatchesTheLiveDirectory() => driver.RequireRestoredTreeMatchesLiveAsync();

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("every restored file matches the live file")]
    [StepView(DumpView.RestoredAgainstLive)]
    [StepExample("Then every restored file matches the live file", "SHA-256 of each restored file against the live one at the DLE's device (host must be this machine). At least one file must be compared.",
        "Files changed after the dump (mtime or ctime after it), files whose live copy is gone and files the DLE excludes: all are skipped and listed in the report, not failed.")]
    public Task ThenEveryRestoredFileMatchesTheLiveFile() => driver.RequireRestoredMatchLiveAsync();

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("its content matches {string}")]
    [StepView(DumpView.Restored)]
    [StepExample("Then its content matches \"^canary \\d{4}-\"", "The restored file's text matches the regular expression (for canary files). A mismatch gives the file's size, SHA-256, line count and longest line, never its content.",
        "Any other file of the dump.")]
    public Task ThenItsContentMatches(string pattern) => driver.RequireRestoredContentAsync(pattern);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the restored {string} passes {string}")]
    [StepView(DumpView.Restored)]
    [StepExample("Then the restored \"backups/site.tar.gz\" passes \"tar -tzf {}\"",
        "Runs a command on a copy of restored data made for it, {} replaced by the copy's path (a restored file, or a directory holding restored files: of a whole restore, or of files chosen on Amanda, which restores them laid out by their paths; restic restores each chosen file on its own): as the user nobody, with an empty environment and a system PATH (and BACKUP_ACCEPTANCE_RUN_ID when the run has one), within BACKUP_ACCEPTANCE_DATA_CHECK_TIMEOUT (default 300 s), with no_new_privs (a setuid or setgid program gains nothing), and where the kernel allows in namespaces of its own (unshare): no network, its own PIDs (killed with it) and IPC, private empty /tmp, /var/tmp, /dev/shm, /run/lock and /dev/mqueue, removed with it, an empty /run (no syslog, journal or daemon socket) and every other mount read-only. No shell: words split as a shell would, quotes kept; for pipes write sh -c '... \"$1\" ...' _ {} ({} inside the script is refused). Exit status 0 passes; any other fails as Data check failed with the tail of the command's output (the last 64 KiB are kept, the report attaches them), unless the output holds 8 bytes in a row of the restored data: then it is withheld and only its size is given. That screen is a best effort (shorter pieces, or fold -w7 {}, pass it): the output goes only into the results files (0600), and a command that prints the data prints it there. A check that wrote anything into those private places fails as Data check broke the rules (broken, whatever its status). The tool must fail by its status: sqlite3's integrity_check may exit 0 on a corrupt file, so compare its output. The copy holds restored bytes only: the links and special files of a restored directory are left out of it (the report counts them). A command without {}, one this machine lacks, a path not restored (of a whole restore from a listing, one the listing does not hold), a path restored as a link or below one (the command would read what it names), or a directory holding no restored file is an input error",
        "That the data is the latest: pair it with a freshness step.")]
    public Task ThenTheRestoredPasses(string path, string command) => data.RequireRestoredPassesAsync(path, command);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the disk can be restored within {int} hours")]
    [StepView(DumpView.Restored)]
    [StepExample("Then the disk can be restored within 4 hours",
        "The recovery time: one file is restored twice and timed; a restore streams whole dump images (every image of the chain up to the dump the listing names for the file), so this measures the tape server's throughput on the real images; the restore chain's stored size (amadmin info, on the Amanda server) over that throughput is the estimate, and the slower timing decides. The report gives both timings, the throughput, the sizes and the estimate's range. On restic, measured rather than estimated: the chosen snapshot restored whole into a private area (within BACKUP_ACCEPTANCE_FULL_RESTORE_LIMIT_MB), timed, and removed. 0 hours always fails (a control).",
        "Writing every file to disk (only the file asked for is written), a tape load, or a cold read (the second timing may come from the page cache): add your margin to the bound.")]
    public Task ThenTheDiskCanBeRestoredWithin(int hours) => driver.RequireRecoveryTimeAsync(hours);

    [StepBackends(Backend.Amanda, Backend.Restic)]
    [Then("the restored file is no older than {int} hours")]
    [StepView(DumpView.Restored)]
    [StepExample("Then the restored file is no older than 26 hours", "The restored file's modification time (kept by the restore) is recent: the canary was planted before the dump.",
        "Its content (use 'its content matches').")]
    public Task ThenTheRestoredFileIsNoOlderThan(int hours) => driver.RequireRestoredNoOlderThanAsync(hours);
}
