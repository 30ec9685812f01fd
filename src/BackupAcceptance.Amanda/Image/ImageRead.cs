namespace BackupAcceptance.Amanda.Image;

/// <summary>What reading one dump image gave: its directory records, or why not.</summary>
/// <param name="Corrupt">Amanda itself said the image is damaged (amfetchdump's CRC check): a backup fault, not a read
/// that failed here.</param>
public sealed record ImageRead(DumpedTree? Tree, string Why, bool Corrupt = false);
