using Azure;
using CostGuard.Azure.Http;
using CostGuard.Engine;
using CostGuard.Ports;

namespace CostGuard.Azure.Actions;

/// <summary>
/// Follows a started ARM operation to its end, within <see cref="AzureProviderOptions.MaxPolls"/> and the sweep deadline.
/// An operation ARM answered at once (200/204: a tag PATCH, an already-deallocated VM) is never waited on or polled.
/// An unreadable poll reply (empty or malformed body, an error status) leaves the operation's state unknown, not
/// failed: it is polled again within the same bound. An operation still running when the polls or the sweep deadline
/// run out is reported applied, with a note saying so.
/// </summary>
internal sealed class OperationPoller(TimeProvider time, AzureProviderOptions options, ArmSlots slots)
{
    public async Task<ActionOutcome> CompleteAsync(Operation operation, PlannedAction action, string what, CancellationToken cancellationToken)
    {
        if (operation.GetRawResponse().Status is 200 or 204)
        {
            // The start reply is the final one: reading it makes no request.
            await slots.RunAsync(() => operation.UpdateStatusAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        }

        var unreadable = 0;
        string? lastUnreadable = null;
        for (var polls = 0; !operation.HasCompleted; polls++)
        {
            if (polls >= options.MaxPolls)
            {
                return unreadable == polls && unreadable > 0
                    ? new ActionOutcome(action, ActionStatus.Failed,
                        $"{what} accepted by Azure, but none of {polls} poll replies could be read (last: {lastUnreadable}); the next sweep sees the VM's state")
                    : StillRunning(action, $"{what} accepted by Azure and still running after {options.MaxPolls} polls (not waited for further); the next sweep sees its result");
            }

            var wait = NextWait(operation.GetRawResponse());
            if (SweepDeadline.WouldPass(time, wait))
            {
                return StillRunning(action,
                    $"{what} accepted by Azure and still running at the sweep deadline (not waited for); the next sweep sees its result");
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            try
            {
                // Throws RequestFailedException (status 200, the operation's error code) when the operation failed.
                await slots.RunAsync(() => operation.UpdateStatusAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUnreadable(ex, cancellationToken))
            {
                unreadable++;
                lastUnreadable = $"{ex.GetType().Name}: {FirstLine(ex.Message)}";
            }
        }

        return new ActionOutcome(action, ActionStatus.Applied);
    }

    // An operation ARM accepted and is still carrying out was sent and taken, as an EC2 stop answered "stopping" is:
    // it is applied (with the note), not failed. Reporting it failed would raise a guard-failure alert and count
    // against the account's health for a deallocation that is in fact under way; the next sweep reads the result.
    private static ActionOutcome StillRunning(PlannedAction action, string note) => new(action, ActionStatus.Applied, note);

    // An operation that ended Failed is reported by Azure.Core as status 200 with the operation's error code; anything
    // else that goes wrong while reading a poll says nothing about the operation itself.
    private static bool IsUnreadable(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && ex switch
        {
            RequestFailedException failed => failed.Status != 200 || string.IsNullOrEmpty(failed.ErrorCode),
            OperationCanceledException => false,
            _ => true,
        };

    private TimeSpan NextWait(Response last)
    {
        var wait = ServerDelay.Of(last) ?? options.PollInterval;
        return wait < options.MinPollInterval ? options.MinPollInterval : wait > options.PollInterval ? options.PollInterval : wait;
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return (newline < 0 ? text : text[..newline]).Trim();
    }
}
