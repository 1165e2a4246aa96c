using System.Diagnostics;
using System.Text;

namespace CostGuard.Cli.Process;

/// <summary>
/// The built <c>costguard</c> assembly run with <c>dotnet</c> as a real child process, so tests can kill it (SIGKILL)
/// or signal it (SIGTERM). Output is collected as it comes; every wait is bounded.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    /// <summary>Generous: a cold <c>dotnet</c> start on a loaded 2-core machine. Only ever a bound, never a delay.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];
    private readonly object _gate = new();

    private CliProcess(System.Diagnostics.Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Out
    {
        get
        {
            lock (_gate)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_gate)
            {
                return _error.ToString();
            }
        }
    }

    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "costguard.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = new System.Diagnostics.Process { StartInfo = info, EnableRaisingEvents = true };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli._out, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Completes when stderr has shown <paramref name="text"/>; fails the test after <see cref="Bound"/>.</summary>
    public async Task WaitForErrorAsync(string text)
    {
        TaskCompletionSource seen;
        lock (_gate)
        {
            if (_error.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waits.Add((text, seen));
        }

        await Bounded(seen.Task, $"stderr to show \"{text}\"");
    }

    public async Task<int> WaitForExitAsync()
    {
        await Bounded(_process.WaitForExitAsync(), "the process to exit");
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill();

    /// <summary>Sends SIGTERM, as a deploy or a function timeout does.</summary>
    public async Task TerminateAsync()
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await Bounded(kill.WaitForExitAsync(), "kill -TERM");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    public async Task Bounded(Task task, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(Bound)) != task)
        {
            throw new TimeoutException($"waited {Bound.TotalSeconds} s for {what}; stderr so far:\n{Error}");
        }

        await task;
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            buffer.AppendLine(line);
            var text = _error.ToString();
            foreach (var wait in _waits.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult();
                _waits.Remove(wait);
            }
        }
    }
}
