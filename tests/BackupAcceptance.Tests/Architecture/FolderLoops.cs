namespace BackupAcceptance.Tests.Architecture;

/// <summary>The loops of a graph of folders (each folder with the folders it uses): each group of folders that reach
/// one another, named once in order (the strongly connected parts of more than one folder, by Tarjan's algorithm).</summary>
internal static class FolderLoops
{
    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, List<string>> uses)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var loops = new List<IReadOnlyList<string>>();

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in uses.GetValueOrDefault(folder) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next)) low[folder] = Math.Min(low[folder], index[next]);
            }
            if (low[folder] != index[folder]) return;
            var part = new List<string>();
            string member;
            do part.Add(member = stack.Pop()); while (member != folder);
            if (part.Count > 1) loops.Add([.. part.Order()]);
        }

        foreach (var folder in uses.Keys.Order()) if (!index.ContainsKey(folder)) Visit(folder);
        return loops;
    }
}
