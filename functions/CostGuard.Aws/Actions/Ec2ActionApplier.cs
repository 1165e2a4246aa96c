using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using CostGuard.Aws.Inventory;
using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Aws.Actions;

/// <summary>
/// Applies one region's actions: reads the instances' current state first (stopping a stopped instance is
/// a no-op), then batches StopInstances, TerminateInstances, CreateTags and DeleteTags.
/// </summary>
internal static class Ec2ActionApplier
{
    private static readonly HashSet<string> Gone = new(StringComparer.Ordinal) { "shutting-down", "terminated" };

    public static async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(IAmazonEC2 ec2, Policy policy, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        var outcomes = new ActionOutcome?[actions.Count];
        IReadOnlyDictionary<string, Ec2Instance> current;
        try
        {
            current = await Ec2Inventory.DescribeAsync(ec2, actions.Select(a => a.Instance.Id), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            return actions.Select(a => Failure(a, "DescribeInstances (state check)", ex)).ToList();
        }

        var stops = new List<int>();
        var terminates = new List<int>();
        var tags = new List<int>();
        var untags = new List<int>();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            if (!current.TryGetValue(action.Instance.Id, out var instance))
            {
                outcomes[i] = new ActionOutcome(action, ActionStatus.NotFound, "the instance no longer exists");
                continue;
            }

            switch (action.Action)
            {
                case ActionKind.Stop when instance.State is "stopped" or "stopping" || Gone.Contains(instance.State):
                case ActionKind.Terminate when Gone.Contains(instance.State):
                    outcomes[i] = new ActionOutcome(action, ActionStatus.AlreadyDone, $"already {instance.State}");
                    break;
                case ActionKind.Terminate when policy.Orphans?.TerminateAfter is null:
                    outcomes[i] = new ActionOutcome(action, ActionStatus.Skipped, "the policy does not allow termination (orphans.terminateAfter is not set)");
                    break;
                case ActionKind.Tag when action.TagKey is not null && instance.Tags.TryGetValue(action.TagKey, out var v) && v == (action.TagValue ?? string.Empty):
                case ActionKind.Untag when action.TagKey is not null && !instance.Tags.ContainsKey(action.TagKey):
                    outcomes[i] = new ActionOutcome(action, ActionStatus.AlreadyDone, "tags already as wanted");
                    break;
                case ActionKind.Tag or ActionKind.Untag when action.TagKey is null:
                    outcomes[i] = new ActionOutcome(action, ActionStatus.Failed, "the action names no tag key");
                    break;
                case ActionKind.Stop:
                    stops.Add(i);
                    break;
                case ActionKind.Terminate:
                    terminates.Add(i);
                    break;
                case ActionKind.Tag:
                    tags.Add(i);
                    break;
                default:
                    untags.Add(i);
                    break;
            }
        }

        await BatchAsync(actions, stops, outcomes, "StopInstances", ids => ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = ids }, cancellationToken)).ConfigureAwait(false);
        await BatchAsync(actions, terminates, outcomes, "TerminateInstances", ids => ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids }, cancellationToken)).ConfigureAwait(false);
        foreach (var group in tags.GroupBy(i => (actions[i].TagKey!, actions[i].TagValue ?? string.Empty)))
        {
            await BatchAsync(actions, group.ToList(), outcomes, "CreateTags", ids => ec2.CreateTagsAsync(
                new CreateTagsRequest { Resources = ids, Tags = [new Tag(group.Key.Item1, group.Key.Item2)] }, cancellationToken)).ConfigureAwait(false);
        }

        foreach (var group in untags.GroupBy(i => actions[i].TagKey!))
        {
            await BatchAsync(actions, group.ToList(), outcomes, "DeleteTags", ids => ec2.DeleteTagsAsync(
                new DeleteTagsRequest { Resources = ids, Tags = [new Tag { Key = group.Key }] }, cancellationToken)).ConfigureAwait(false);
        }

        return outcomes.Select((o, i) => o ?? new ActionOutcome(actions[i], ActionStatus.Failed, "not applied")).ToList();
    }

    private static async Task BatchAsync<T>(
        IReadOnlyList<PlannedAction> actions, List<int> indexes, ActionOutcome?[] outcomes, string operation, Func<List<string>, Task<T>> call)
    {
        // EC2 takes up to 1000 ids per call.
        foreach (var chunk in indexes.Chunk(1000))
        {
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
