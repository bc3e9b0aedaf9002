namespace NopSegments.Testing;

/// <summary>A file of the repository (docs, test corpora), found by walking up from the test's output folder.</summary>
internal static class RepositoryFile
{
    public static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, relative)))
                return Path.Combine(dir.FullName, relative);
        }
        throw new FileNotFoundException(relative);
    }
}
