namespace CostGuard.Cli.Simulation;

/// <summary>A one-line progress bar on stderr for long traces, redrawn at most once per percent.</summary>
internal sealed class ProgressBar : IProgress<double>
{
    private const int Width = 30;
    private readonly TextWriter _error;
    private int _shown = -1;

    public ProgressBar(TextWriter error) => _error = error;

    public void Report(double value)
    {
        var percent = (int)Math.Clamp(value * 100, 0, 100);
        if (percent == _shown)
        {
            return;
        }

        _shown = percent;
        var filled = percent * Width / 100;
        _error.Write($"\rsimulating [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%");
    }

    public void Done()
    {
        if (_shown >= 0)
        {
            _error.WriteLine();
        }
    }
}
