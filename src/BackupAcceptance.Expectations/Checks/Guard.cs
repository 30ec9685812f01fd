using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Amanda.Session;
using BackupAcceptance.Expectations.Failures;
using BackupAcceptance.Expectations.Sessions;

namespace BackupAcceptance.Expectations.Checks;

/// <summary>Runs the amrecover part of a check and turns amrecover's failures into the reader's terms
/// (<see cref="AmandaFailures"/>), with what the check was trying to do.</summary>
internal static class Guard
{
    public static async Task<T> AmandaAsync<T>(SessionLease lease, DumpDate? dumpDate, string doing, Func<Task<T>> work)
    {
        try
        {
            return await work();
        }
        catch (AmrecoverException failure)
        {
            throw AmandaFailures.Translate(lease.Target, dumpDate, doing, failure);
        }
    }
}
