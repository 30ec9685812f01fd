using System.Text;

namespace BackupAcceptance.Core.DataChecks;

/// <summary>
/// A command line from a feature file split into words the way a POSIX shell splits them (spaces separate; '...' is
/// literal; "..." keeps spaces, with \" and \\ inside; a backslash outside quotes takes the next character), and
/// nothing more: no variables, globs, pipes or redirections, because no shell runs it. Whoever needs one writes
/// <c>sh -c "..."</c>.
/// </summary>
public static class CommandWords
{
    /// <exception cref="FormatException">An unclosed quote, a trailing backslash, or no word at all.</exception>
    public static IReadOnlyList<string> Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t':
                    if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                    break;
                case '\'':
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0) throw new FormatException($"unclosed ' in: {command}");
                    word.Append(command, i + 1, close - i - 1);
                    (i, inWord) = (close, true);
                    break;
                case '"':
                    inWord = true;
                    for (i++; ; i++)
                    {
                        if (i >= command.Length) throw new FormatException($"unclosed \" in: {command}");
                        if (command[i] == '"') break;
                        if (command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\') i++;
                        word.Append(command[i]);
                    }
                    break;
                case '\\':
                    if (i + 1 >= command.Length) throw new FormatException($"a backslash ends: {command}");
                    word.Append(command[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }
        if (inWord) words.Add(word.ToString());
        return words.Count > 0 ? words : throw new FormatException("no command");
    }
}
