using System.Runtime.InteropServices;
using BackupAcceptance.Expectations.Settings;

namespace BackupAcceptance.Suite.Run;

/// <summary>
/// Results and reports are the operator's alone: the test host writes them under umask 077 (files 0600, folders
/// 0700), or 027 when BACKUP_ACCEPTANCE_RESULTS_GROUP opens them to a group (run.sh gives the folder that group and
/// the setgid bit, so what is written in it belongs to the group too). Set at the test host's start, so a plain
/// <c>dotnet test</c> is covered as well as run.sh (which sets the same umask for itself and the report).
/// </summary>
public static class ResultsModes
{
    /// <summary>077, or 027 with a group.</summary>
    public static uint Mask(string? group) => string.IsNullOrWhiteSpace(group) ? 0b000_111_111u : 0b000_010_111u;

    public static void Apply(RunSettings settings)
    {
        var group = settings.Text(SettingCatalogue.ResultsGroup);
        SetMask(Mask(group));
        // A folder an earlier run left keeps its mode: closed, it closes what is in it. (run.sh does this and more,
        // the group's mode included; a folder this user cannot close stops the run here, before anything is written.)
        var results = SuiteSettings.ResultsDirectory(settings);
        if (string.IsNullOrWhiteSpace(group) && Directory.Exists(results))
            File.SetUnixFileMode(results, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The strictest mask (077), for what is written when the settings themselves are refused.</summary>
    public static void ApplyStrictest() => SetMask(Mask(null));

    // DllImport, not LibraryImport: the latter needs unsafe code for this project, for one blittable call.
    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint SetMask(uint mask);
}
