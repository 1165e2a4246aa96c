using CostGuard.Engine;
using CostGuard.Policies;
using CostGuard.Ports;

namespace CostGuard.Sweeps;

/// <summary>The sweep's own alerts: an account it could not read fully, or actions that failed.</summary>
internal static class GuardFailures
{
    public static IEnumerable<PlannedAlert> For(IReadOnlyList<AccountReadResult> reads, IReadOnlyList<ActionOutcome> outcomes)
    {
        foreach (var read in reads.Where(r => !r.Complete))
        {
            var cloud = PlanWords.Cloud(read.Account.Cloud);
            var what = read.Problems.Count == 0 ? "unknown error" : string.Join("; ", read.Problems);
            yield return new PlannedAlert
            {
                Kind = AlertKind.GuardFailure,
                Severity = AlertSeverity.Critical,
                Cloud = read.Account.Cloud,
                Account = read.Account.Id,
                Message = $"CostGuard could not read {cloud} account {read.Account.Id} completely, so it acted on nothing there: {what}",
                DedupKey = $"guard-failure:read:{cloud}:{read.Account.Id}",
            };
        }

        var failedByAccount = outcomes
            .Where(o => o.Status is ActionStatus.Failed or ActionStatus.Denied)
            .GroupBy(o => (o.Action.Instance.Cloud, o.Action.Instance.Account));
        foreach (var group in failedByAccount)
        {
            var cloud = PlanWords.Cloud(group.Key.Cloud);
            var list = string.Join("; ", group.Select(o => $"{PlanWords.Action(o.Action.Action)} {o.Action.Instance.Id}: {o.Error ?? o.Status.ToString()}"));
            yield return new PlannedAlert
            {
                Kind = AlertKind.GuardFailure,
                Severity = AlertSeverity.Critical,
                Cloud = group.Key.Cloud,
                Account = group.Key.Account,
                Message = $"CostGuard could not apply {group.Count()} action(s) in {cloud} account {group.Key.Account}: {list}",
                DedupKey = $"guard-failure:action:{cloud}:{group.Key.Account}",
            };
        }
    }
}
