using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CostGuard.Aws.Inventory;
using CostGuard.Fleet;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Aws.Actions;

/// <summary>
/// Applies one region's actions: re-reads the instances (one DescribeInstances), re-checks each decision against
/// what it rested on (<see cref="ActTimeCheck"/>), then batches StopInstances, TerminateInstances, CreateTags and
/// DeleteTags for those that still hold.
/// </summary>
internal static class Ec2ActionApplier
{
    /// <param name="now">The time the act-time re-check judges exemptions at.</param>
    /// <param name="cancellationToken">Stops new changing calls; a call already sent is awaited (see <see cref="ICloudFleetProvider.ApplyAsync"/>).</param>
    public static async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(
        IAmazonEC2 ec2, Policy policy, IReadOnlyList<PlannedAction> actions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcomes = new ActionOutcome?[actions.Count];
        IReadOnlyDictionary<string, Ec2Instance> current;
        try
        {
            // The one re-read per region: state and tags as they are now, for the act-time re-check.
            current = await Ec2Inventory.DescribeAsync(ec2, actions.Select(a => a.Instance.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            return actions.Select(a => Failure(a, "DescribeInstances (state check)", ex)).ToList();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, Interrupted)).ToList();
        }

        var stops = new List<int>();
        var terminates = new List<int>();
        var tags = new List<int>();
        var untags = new List<int>();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var seen = current.TryGetValue(action.Instance.Id, out var instance) ? Snapshot(action, instance) : null;
            var verdict = ActTimeCheck.Check(policy, action, seen, now);
            if (verdict.Status is { } status)
            {
                outcomes[i] = new ActionOutcome(action, status, verdict.Reason);
                continue;
            }

            (action.Action switch
            {
                ActionKind.Stop => stops,
                ActionKind.Terminate => terminates,
                ActionKind.Tag => tags,
                _ => untags,
            }).Add(i);
        }

        // Calls are not cancelled once sent (an unknown result would leave the audit guessing); cancellation only
        // keeps the next call from being sent.
        await BatchAsync(actions, stops, outcomes, "StopInstances", ids => ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = ids }, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        await BatchAsync(actions, terminates, outcomes, "TerminateInstances", ids => ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids }, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        foreach (var group in tags.GroupBy(i => (actions[i].TagKey!, actions[i].TagValue ?? string.Empty)))
        {
            await BatchAsync(actions, group.ToList(), outcomes, "CreateTags", ids => ec2.CreateTagsAsync(
                new CreateTagsRequest { Resources = ids, Tags = [new Tag(group.Key.Item1, group.Key.Item2)] }, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        }

        foreach (var group in untags.GroupBy(i => actions[i].TagKey!))
        {
            await BatchAsync(actions, group.ToList(), outcomes, "DeleteTags", ids => ec2.DeleteTagsAsync(
                new DeleteTagsRequest { Resources = ids, Tags = [new Tag { Key = group.Key }] }, CancellationToken.None), cancellationToken).ConfigureAwait(false);
        }

        return outcomes.Select((o, i) => o ?? new ActionOutcome(actions[i], ActionStatus.Failed, "not applied")).ToList();
    }

    /// <summary>The outcome reason of an action not sent because the sweep was asked to stop.</summary>
    public const string Interrupted = "interrupted before sending";

    // The re-read instance in the engine's terms: the planned snapshot with the state, tags and launch time of now.
    private static InstanceSnapshot Snapshot(PlannedAction action, Ec2Instance instance) => action.Instance with
    {
        State = AwsSnapshotBuilder.State(instance.State),
        Tags = instance.Tags,
        LaunchTime = instance.LaunchTime ?? action.Instance.LaunchTime,
    };

    private static async Task BatchAsync<T>(
        IReadOnlyList<PlannedAction> actions, List<int> indexes, ActionOutcome?[] outcomes, string operation, Func<List<string>, Task<T>> call,
        CancellationToken cancellationToken)
    {
        // EC2 takes up to 1000 ids per call.
        foreach (var chunk in indexes.Chunk(1000))
        {
            if (cancellationToken.IsCancellationRequested)
            {
                foreach (var i in chunk)
                {
                    outcomes[i] = new ActionOutcome(actions[i], ActionStatus.Skipped, Interrupted);
                }

                continue;
            }

            try
            {
                await call(chunk.Select(i => actions[i].Instance.Id).Distinct(StringComparer.Ordinal).ToList()).ConfigureAwait(false);
                foreach (var i in chunk)
                {
                    outcomes[i] = new ActionOutcome(actions[i], ActionStatus.Applied);
                }
            }
            catch (AmazonServiceException ex)
            {
                foreach (var i in chunk)
                {
                    outcomes[i] = Failure(actions[i], operation, ex);
                }
            }
        }
    }

    private static ActionOutcome Failure(PlannedAction action, string operation, AmazonServiceException ex)
    {
        var status = ex.ErrorCode switch
        {
            "UnauthorizedOperation" or "AccessDenied" or "AuthFailure" => ActionStatus.Denied,
            "InvalidInstanceID.NotFound" => ActionStatus.NotFound,
            _ => ActionStatus.Failed,
        };
        return new ActionOutcome(action, status, $"{operation}: {ex.ErrorCode}: {ex.Message}");
    }
}
