using System.Text;

namespace BackupAcceptance.ReqnrollNUnit;

/// <summary>Turns Gherkin titles into identifiers for NUnit's FullName.</summary>
internal static class TestIdentifier
{
    /// <summary>
    /// "Add two numbers" becomes "AddTwoNumbers". FullyQualifiedName filters split on dots and choke on
    /// spaces, so the FullName keeps only letters and digits; the display name keeps the title as written.
    /// </summary>
    public static string From(string text)
    {
        var identifier = new StringBuilder(text.Length);
        var startsWord = true;
        foreach (var character in text)
        {
            if (char.IsLetterOrDigit(character))
            {
                identifier.Append(startsWord ? char.ToUpperInvariant(character) : character);
                startsWord = false;
            }
            else
            {
                startsWord = true;
            }
        }

        if (identifier.Length == 0 || char.IsDigit(identifier[0]))
            identifier.Insert(0, '_');

        return identifier.ToString();
    }
}
