using CostGuard.Engine;
using CostGuard.Ports;
using CostGuard.Sweeps;

namespace CostGuard.Fanout;

/// <summary>The first thing that went wrong in a sweep, in words for the health record (never a secret: problems are redacted upstream).</summary>
internal static class SweepProblems
{
    private const int MaxLength = 500;

    public static string? First(SweepResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        var text = result.Reads.SelectMany(r => r.Problems).FirstOrDefault()
            ?? result.Outcomes.Where(o => o.Status is ActionStatus.Failed or ActionStatus.Denied)
                .Select(o => $"{PlanWords.Action(o.Action.Action)} {o.Action.Instance.Id}: {o.Error ?? o.Status.ToString()}").FirstOrDefault()
            ?? (result.Problems.Count > 0 ? result.Problems[0] : null)
            ?? result.Delivery?.Results.Where(r => !r.Succeeded).Select(r => $"alert delivery to {r.Route}/{r.Channel} failed: {r.Error}").FirstOrDefault()
            ?? "the sweep did not complete";
        return text.Length <= MaxLength ? text : text[..MaxLength] + "...";
    }
}
