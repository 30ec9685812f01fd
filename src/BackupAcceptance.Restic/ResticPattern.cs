using System.Text;

namespace BackupAcceptance.Restic;

/// <summary>restic's include and exclude patterns match each path component as Go's filepath.Match does (<c>*</c>,
/// <c>?</c>, <c>[...]</c>, <c>\</c> escaping the next character); a path made literal matches only itself.</summary>
public static class ResticPattern
{
    public static string Literal(string path)
    {
        var pattern = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') pattern.Append('\\');
            pattern.Append(c);
        }
        return pattern.ToString();
    }
}
