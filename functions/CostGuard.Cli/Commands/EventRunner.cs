using CostGuard.Cli.Composition;
using CostGuard.Cli.Hosting;
using CostGuard.Cli.Output;
using CostGuard.Launches;
using CostGuard.Launches.Events;
using CostGuard.Policies.Loading;
using CostGuard.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace CostGuard.Cli.Commands;

/// <summary>The work of <c>costguard event</c>: load, parse, process each event, report.</summary>
internal static class EventRunner
{
    public static async Task<int> RunAsync(CliEnvironment env, string policyFile, string payloadPath, bool json, string? statePath, CancellationToken cancellationToken)
    {
        var loaded = await PolicyLoader.LoadFileAsync(policyFile, cancellationToken).ConfigureAwait(false);
        if (loaded.Policy is not { } policy)
        {
            foreach (var error in loaded.Errors)
            {
                await env.Error.WriteLineAsync(InputError.From(error).ToString().AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await env.Error.WriteLineAsync($"{loaded.Errors.Count} error(s): the event was not processed.".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var body = await ReadPayloadAsync(env, payloadPath, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return ExitCodes.InvalidInput;
        }

        IReadOnlyList<ParsedEvent> events;
        try
        {
            events = new LaunchEventReader(EventParsers.All()).Read(body);
        }
        catch (EventFormatException ex)
        {
            await env.Error.WriteLineAsync($"error: {Name(payloadPath)}: {ex.Field}: {ex.Problem}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var services = await CliServices.ForSweepsAsync(env, statePath, "the event was not processed", cancellationToken).ConfigureAwait(false);
        if (services is null)
        {
            return ExitCodes.InvalidInput;
        }

        await using var disposeServices = services.ConfigureAwait(false);
        if (await CliServices.OpenStateAsync(env, services, cancellationToken).ConfigureAwait(false) is null)
        {
            return ExitCodes.Failure;
        }

        var processor = services.GetRequiredService<LaunchProcessor>();

        var results = new List<LaunchResult>();
        var exit = ExitCodes.Success;
        foreach (var parsed in events)
        {
            try
            {
                var result = await processor.ProcessAsync(policy, parsed, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                await env.Error.WriteLineAsync(LaunchText.Describe(result).AsMemory(), cancellationToken).ConfigureAwait(false);
                if (result.Outcomes.Any(o => o.Status is ActionStatus.Failed or ActionStatus.Denied))
                {
                    exit = ExitCodes.Failure;
                }
            }
            catch (LaunchProcessingException ex)
            {
                await env.Error.WriteLineAsync($"error: the event could not be judged, nothing was acted on for it (retry it): {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
                exit = ExitCodes.Failure;
            }
        }

        if (json && results.Count > 0)
        {
            await env.Out.WriteLineAsync(LaunchJson.Render(results).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        return exit;
    }

    private static async Task<string?> ReadPayloadAsync(CliEnvironment env, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = path == "-" ? null : new StreamReader(path);
            var source = reader ?? env.In;

            // Read one character past the limit: enough to know it is too big without reading a hostile file whole.
            var buffer = new char[EventLimits.MaxBodyBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await source.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            if (length > EventLimits.MaxBodyBytes)
            {
                await env.Error.WriteLineAsync($"error: {Name(path)}: body: larger than {EventLimits.MaxBodyBytes} bytes (EventBridge's own event limit)".AsMemory(), cancellationToken).ConfigureAwait(false);
                return null;
            }

            return new string(buffer, 0, length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await env.Error.WriteLineAsync($"error: cannot read {Name(path)}: {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private static string Name(string path) => path == "-" ? "stdin" : path;
}
