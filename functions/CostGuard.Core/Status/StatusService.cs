using CostGuard.Engine;
using CostGuard.Fanout;
using CostGuard.Hosting;
using CostGuard.Ports;
using Microsoft.Extensions.Options;

namespace CostGuard.Status;

/// <summary>The status trigger's one service: joins the policies in force with each account's last figures, health and the audit log.</summary>
public sealed class StatusService(
    PolicyCatalog catalog,
    IAccountStatusStore statuses,
    ISweepHealthStore health,
    IAuditLog audit,
    TimeProvider time,
    IOptions<GuardOptions> options)
{
    public const int ActionsShown = 50;

    public async Task<StatusReport> BuildAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var policies = await catalog.ReadInForceAsync(cancellationToken).ConfigureAwait(false);
        var figures = await statuses.ReadAsync(cancellationToken).ConfigureAwait(false);
        var healths = await health.ReadAsync(null, cancellationToken).ConfigureAwait(false);
        var actions = await audit.ReadLatestActionsAsync(ActionsShown, cancellationToken).ConfigureAwait(false);
        var views = policies.Select(p => new PolicyView(
            p.Policy.Name,
            p.BlobName,
            p.Hash,
            PlanWords.Mode(p.Policy.Mode),
            p.Policy.SweepInterval,
            p.Policy.Accounts.Select(a => View(p, PlanWords.Cloud(a.Cloud), a.Id, figures, healths, now)).ToList())).ToList();
        return new StatusReport(now, views, actions);
    }

    private AccountView View(
        ScheduledPolicy policy, string cloud, string account, IReadOnlyList<AccountStatus> figures, IReadOnlyList<SweepHealth> healths, DateTimeOffset now)
    {
        var mine = figures.FirstOrDefault(f => Same(f.Policy, f.Cloud, f.Account, policy.Policy.Name, cloud, account));
        if (mine is not null && mine.ExemptionsExpiring.Any(e => e.ExpiresAt <= now))
        {
            // Figures kept from an earlier read may list exemptions that have ended since.
            mine = mine with { ExemptionsExpiring = [.. mine.ExemptionsExpiring.Where(e => e.ExpiresAt > now)] };
        }

        var health = healths.FirstOrDefault(h => Same(h.Policy, h.Cloud, h.Account, policy.Policy.Name, cloud, account));
        var age = health?.LastSuccessAt is { } success ? now - success : (TimeSpan?)null;
        var staleAfter = policy.Policy.SweepInterval * options.Value.StaleAfterIntervals;
        return new AccountView
        {
            Cloud = cloud,
            Account = account,
            Figures = mine,
            MonthToDate = mine is null ? null : StatusMonthToDate.At(mine, now),
            Health = health,
            LastSuccessAge = age,
            Stale = age is null || age > staleAfter || mine?.ReadFailedAt is not null,
        };
    }

    private static bool Same(string policy, string cloud, string account, string wantPolicy, string wantCloud, string wantAccount) =>
        policy == wantPolicy && cloud == wantCloud && string.Equals(account, wantAccount, StringComparison.OrdinalIgnoreCase);
}
