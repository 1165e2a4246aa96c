using System.Diagnostics;
using System.Globalization;

namespace CostGuard.Cli.Commands;

/// <summary>
/// Lock holder names of CLI processes: <c>machine/pid/process-start-ticks/guid</c>. A lease whose holder is a process of
/// this machine that no longer runs (killed with SIGKILL, crashed) is taken at once instead of waiting for its expiry;
/// the start time guards against a reused pid.
/// </summary>
internal static class LockHolders
{
    public static string ForThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return string.Join('/', Environment.MachineName, Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            self.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture), Guid.NewGuid().ToString("N"));
    }

    public static bool IsGone(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length != 4 || parts[0] != Environment.MachineName
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var started))
        {
            // Another machine's (or an unknown) holder: only its lease expiry frees the account.
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime().Ticks != started;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
