using BackupAcceptance.Amanda.Listing;
using BackupAcceptance.Expectations;

namespace BackupAcceptance.Suite.Reporting;

/// <summary>What a scenario measured of one disk, for monitoring (summary.json, then Prometheus and Nagios): the dump it
/// looked at and its age, the files a whole count found, and the recovery time estimate. Null where it did not measure.</summary>
/// <param name="Files">Files of the dump, only from a count that saw the whole disk (a walk that stopped at the
/// first file needed says nothing of the disk's size).</param>
/// <param name="Restore">The recovery time estimate of a full restore (the slower of its two timings, scaled).</param>
public sealed record DiskMeasurement(BackupTarget Target, DumpDate? Dump, int? Files, TimeSpan? DumpAge, TimeSpan? Restore);
