namespace CostGuard.State;

/// <summary>
/// Keeps the state file private to its user (0600 on Unix): it holds instance owners, the audit log and alert payloads.
/// SQLite gives its journal and WAL files the database file's mode, so restricting the database covers them too.
/// </summary>
internal static class StateFileAccess
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the directory (0700 when new) and the file (0600) before SQLite opens it; tightens an existing file.</summary>
    public static void Prepare(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            return;
        }

        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, PrivateDirectory);
        }

        if (!File.Exists(path))
        {
            try
            {
                // CreateNew with the mode set at creation: no moment where the file exists with the umask's 0644.
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = Private,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; it is tightened below like any existing file.
            }
        }

        // A file left by an older version (0644) is tightened; group or other access is never needed.
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~Private) != 0)
        {
            try
            {
                File.SetUnixFileMode(path, mode & Private);
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's file (a shared state file): not ours to change; SQLite reports if it cannot be used.
            }
        }
    }
}
