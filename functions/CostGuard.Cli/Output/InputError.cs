using CostGuard.Fleet.Loading;
using CostGuard.Policies.Loading;

namespace CostGuard.Cli.Output;

/// <summary>A positioned error in any input file (policy, snapshot, trace), as the CLI prints it.</summary>
internal sealed record InputError(string File, string Path, int Line, int Column, string Message)
{
    public static InputError From(PolicyError error) => new(error.File, error.Path, error.Line, error.Column, error.Message);

    public static InputError From(SnapshotError error) => new(error.File, error.Path, error.Line, error.Column, error.Message);

    /// <summary><c>file:line:col: path: message</c>, the form editors and CI logs make clickable.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Path}: {Message}" : $"{File}: {Path}: {Message}";
}
