using System.Globalization;
using CostGuard.Engine;
using CostGuard.Ports;
using CostGuard.Sweeps;
using CostGuard.Time;

namespace CostGuard.Cli.Output;

/// <summary>The human report of a live sweep (stderr): per account what was found, decided and done.</summary>
internal static class SweepReport
{
    /// <summary>Deferred decisions listed per account before the rest are summarized.</summary>
    private const int ListLimit = 10;

    public static void Write(TextWriter w, SweepResult result)
    {
        var plan = result.Plan;
        var outcomes = new Dictionary<Engine.PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
        foreach (var o in result.Outcomes)
        {
            outcomes[o.Action] = o;
        }

        var held = new Dictionary<Engine.PlannedAction, HeldAction>(ReferenceEqualityComparer.Instance);
        foreach (var h in result.Held)
        {
            held[h.Action] = h;
        }

        var doing = !result.Acting ? "dry run, nothing is changed" : result.Acted ? "acted" : "acting, but nothing was sent";
        w.WriteLine($"Policy \"{plan.PolicyName}\" ({PlanWords.Mode(plan.Mode)}) at {IsoTime.Format(plan.EvaluatedAt)}, sweep {result.SweepId}: {doing}.");
        if (result.Interrupted)
        {
            w.WriteLine("interrupted: no cloud call was sent after the signal; calls in flight completed and their outcomes are recorded");
        }

        foreach (var locked in result.Locked)
        {
            w.WriteLine();
            w.WriteLine($"{PlanWords.Cloud(locked.Cloud)} {locked.Id}: {SweepResult.LockedOutcome}");
        }

        foreach (var read in result.Reads)
        {
            var summary = plan.Accounts.FirstOrDefault(a => a.Cloud == read.Account.Cloud && a.Account == read.Account.Id);
            var spend = read.Snapshot is null
                ? "unknown"
                : $"${Money(read.Snapshot.MonthToDateUsd)} (billing as of {(read.Snapshot.SpendAsOf is { } asOf ? IsoTime.Format(asOf) : "unknown")} + live burn since)";
            w.WriteLine();
            w.WriteLine($"{PlanWords.Cloud(read.Account.Cloud)} {read.Account.Id}{(read.Complete ? string.Empty : "  [INCOMPLETE: nothing is acted on here]")}");
            var why = read.IncompleteReasons();
            if (why.Count > 0)
            {
                w.WriteLine($"  incomplete: {string.Join("; ", why)}");
            }

            // A partial inventory is not a count: "0 instances" after a failed page would be a lie.
            w.WriteLine(read.Complete
                ? $"  instances found: {read.Snapshot?.Instances.Count ?? 0} GPU ({summary?.BillingGpuInstances ?? 0} billing)"
                : "  instances found: unknown (the inventory read failed)");
            if (read.Complete)
            {
                var after = summary is null ? 0m : result.BurnAfter(summary);
                w.WriteLine($"  GPU burn: ${Money(summary?.BurnUsdPerHour ?? 0m)}/h now, ${Money(after)}/h after {(result.Acting ? "what this sweep did" : "this plan")}");
            }
            else
            {
                w.WriteLine("  GPU burn: unknown (the inventory read failed)");
            }

            w.WriteLine($"  month-to-date GPU spend: {spend}");
            foreach (var action in plan.Actions.Where(a => a.Instance.Cloud == read.Account.Cloud && a.Instance.Account == read.Account.Id))
            {
                var detail = action.Detail;
                string done;
                if (held.TryGetValue(action, out var h))
                {
                    detail = h.Detail;
                    done = $"{HeldAction.Outcome} ({h.Why})";
                }
                else
                {
                    done = outcomes.TryGetValue(action, out var o) ? AuditOutcomes.Of(o) : "planned";
                }

                w.WriteLine($"  {PlanWords.Action(action.Action)} {action.Instance.Id} ({action.Instance.Type}, {action.Instance.Region}) [{PlanWords.Reason(action.Reason)}]: {detail} -> {done}");
            }

            var deferred = plan.Deferred.Where(a => a.Instance.Cloud == read.Account.Cloud && a.Instance.Account == read.Account.Id).ToList();
            foreach (var action in deferred.Take(ListLimit))
            {
                w.WriteLine($"  deferred {PlanWords.Action(action.Action)} {action.Instance.Id} [{PlanWords.Reason(action.Reason)}]: held back by the safety limit");
            }

            if (deferred.Count > ListLimit)
            {
                w.WriteLine($"  ... and {deferred.Count - ListLimit} more deferred (all of them are in --json and the audit log)");
            }

            foreach (var problem in read.Problems)
            {
                w.WriteLine($"  problem: {problem}");
            }

            foreach (var note in read.Notes)
            {
                w.WriteLine($"  note: {note.InstanceId}: {note.Note}");
            }
        }

        w.WriteLine();
        foreach (var alert in plan.Alerts)
        {
            w.WriteLine($"alert [{PlanWords.Alert(alert.Kind)}] {alert.Account}: {alert.Message}");
        }

        foreach (var problem in result.Problems)
        {
            w.WriteLine($"problem: {problem}");
        }

        w.WriteLine("API requests: " + (result.Requests.Count == 0 ? "none" : string.Join(", ", result.Requests.Select(p => $"{p.Key} {p.Value}"))));
    }

    private static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);
}
