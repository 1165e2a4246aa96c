using Microsoft.Extensions.Options;

namespace CostGuard.State.Hosting;

/// <summary>Fails start-up when the state file setting cannot name a file, saying which setting and why.</summary>
internal sealed class SqliteStateOptionsValidator : IValidateOptions<SqliteStateOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStateOptions options)
    {
        var path = options.Path;
        var source = string.IsNullOrWhiteSpace(options.PathSource) ? SqliteStateOptions.SettingName : options.PathSource;
        if (string.IsNullOrWhiteSpace(path))
        {
            return ValidateOptionsResult.Fail($"{source} is empty: name the SQLite state file.");
        }

        if (path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Fail($"{source} '{path}' is not a valid file path.");
        }

        if (Directory.Exists(path))
        {
            return ValidateOptionsResult.Fail($"{source} '{path}' is a directory: name a file in it, e.g. {System.IO.Path.Combine(path, "state.db")}.");
        }

        var parent = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        for (var dir = parent; !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
            {
                return ValidateOptionsResult.Fail($"{source} '{path}': '{dir}' is a file, not a folder.");
            }

            if (Directory.Exists(dir))
            {
                break;
            }
        }

        return ValidateOptionsResult.Success;
    }
}
