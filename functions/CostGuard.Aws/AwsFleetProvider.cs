using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using CostGuard.Aws.CloudWatch;
using CostGuard.Aws.CostExplorer;
using CostGuard.Aws.Credentials;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Http;
using CostGuard.Aws.Inventory;
using CostGuard.Aws.Metrics;
using CostGuard.Aws.Pricing;
using CostGuard.Aws.Spend;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CostGuard.Aws;

/// <summary>
/// The AWS adapter: EC2 inventory and actions and STS through AWSSDK; CloudWatch GetMetricData and
/// Cost Explorer GetCostAndUsage through thin SigV4 clients. Failures come back in the read result.
/// </summary>
public sealed class AwsFleetProvider : ICloudFleetProvider
{
    private static readonly HttpMessageHandler SharedHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
    private static readonly HashSet<string> ExpiredCodes = new(StringComparer.Ordinal) { "ExpiredToken", "ExpiredTokenException", "RequestExpired" };

    private readonly AwsProviderSettings _settings;
    private readonly AwsClients _clients;
    private readonly AwsSessions _sessions;
    private readonly AwsPriceTable _prices;
    private readonly UtilizationReader _utilization;
    private readonly SpendReader _spend;
    private readonly ILogger _logger;

    public AwsFleetProvider(AwsProviderSettings settings)
    {
        _settings = settings;
        _logger = settings.Logger ?? NullLogger.Instance;
        var endpoints = new AwsEndpoints(settings.GetVariable);
        var handler = settings.Handler ?? SharedHandler;
        _clients = new AwsClients(endpoints, handler, settings.Requests, settings.MaxErrorRetry);
        // PublicationOnly: a failed credential lookup (e.g. IMDS hiccup) is retried next time instead of cached forever.
        var baseCredentials = new Lazy<AWSCredentials>(BaseCredentials.Resolver(settings, _clients), LazyThreadSafetyMode.PublicationOnly);
        _sessions = new AwsSessions(baseCredentials, _clients, settings.Time);
        _prices = AwsPriceTable.LoadShipped();
        var json = new AwsJsonClient(new HttpClient(handler, disposeHandler: false), settings.MaxErrorRetry + 1, settings.RetryTime ?? settings.Time, settings.Time, settings.Requests);
        _utilization = new UtilizationReader(new CloudWatchClient(json, endpoints));
        _spend = new SpendReader(new CostExplorerClient(json, endpoints), settings.BillingCache, _prices, settings.Time);
    }

    public CloudKind Cloud => CloudKind.Aws;

    public async Task<AccountReadResult> ReadAccountAsync(Policy policy, AccountScope account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (account.Regions.Count == 0)
        {
            return new AccountReadResult { Account = account, Complete = false, Problems = ["the policy lists no regions for this AWS account"] };
        }

        AWSCredentials credentials;
        try
        {
            credentials = await _sessions.ForAccountAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCloudError(ex, cancellationToken))
        {
            var problem = string.IsNullOrEmpty(account.RoleArn) ? $"no AWS credentials: {ex.Message}" : $"STS AssumeRole {account.RoleArn} failed: {Describe(ex)}";
            AwsLog.AccountProblem(_logger, account.Id, problem);
            return new AccountReadResult { Account = account, Complete = false, Problems = [problem] };
        }

        var regions = new RegionRead[account.Regions.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, account.Regions.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _settings.MaxParallelRegions), CancellationToken = cancellationToken },
            async (i, token) => regions[i] = await ReadRegionWithRenewalAsync(policy, account, credentials, account.Regions[i], now, token).ConfigureAwait(false))
            .ConfigureAwait(false);

        var spend = await _spend.ReadAsync(policy, account.Id, _sessions.Base, now, cancellationToken).ConfigureAwait(false);
        return AwsSnapshotBuilder.Build(policy, account, regions, spend, _prices, now);
    }

    public async Task<IReadOnlyList<ActionOutcome>> ApplyAsync(Policy policy, AccountScope account, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return actions.Select(a => new ActionOutcome(a, ActionStatus.Skipped, Actions.Ec2ActionApplier.Interrupted)).ToList();
        }

        AWSCredentials credentials;
        try
        {
            credentials = await _sessions.ForAccountAsync(account, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCloudError(ex, cancellationToken))
        {
            return actions.Select(a => new ActionOutcome(a, ActionStatus.Failed, $"no credentials for the account: {Describe(ex)}")).ToList();
        }

        var outcomes = new Dictionary<PlannedAction, ActionOutcome>(ReferenceEqualityComparer.Instance);
        foreach (var region in actions.GroupBy(a => a.Instance.Region, StringComparer.Ordinal))
        {
            var regional = await ApplyRegionAsync(policy, credentials, region.Key, region.ToList(), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(account.RoleArn) && regional.Any(o => o.Error is { } e && ExpiredCodes.Any(c => e.Contains($": {c}:", StringComparison.Ordinal))))
            {
                // The session died under us: assume again and re-apply; the state check first makes this idempotent.
                AwsLog.SessionExpired(_logger, account.RoleArn);
                _sessions.Invalidate(account.RoleArn);
                credentials = await _sessions.ForAccountAsync(account, cancellationToken).ConfigureAwait(false);
                regional = await ApplyRegionAsync(policy, credentials, region.Key, region.ToList(), cancellationToken).ConfigureAwait(false);
            }

            foreach (var outcome in regional)
            {
                outcomes[outcome.Action] = outcome;
            }
        }

        return actions.Select(a => outcomes[a]).ToList();
    }

    private async Task<IReadOnlyList<ActionOutcome>> ApplyRegionAsync(
        Policy policy, AWSCredentials credentials, string region, IReadOnlyList<PlannedAction> actions, CancellationToken cancellationToken)
    {
        using var ec2 = _clients.Ec2(credentials, region);
        return await Actions.Ec2ActionApplier.ApplyAsync(ec2, policy, actions, _settings.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<RegionRead> ReadRegionWithRenewalAsync(
        Policy policy, AccountScope account, AWSCredentials credentials, string region, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var read = await ReadRegionAsync(policy, credentials, region, now, cancellationToken).ConfigureAwait(false);
        if (read.Problem is not null && read.Problem.Contains("(expired session)", StringComparison.Ordinal) && !string.IsNullOrEmpty(account.RoleArn))
        {
            // AWS said the session expired before its stated expiry (clock skew, revoked session): assume again, once.
            AwsLog.SessionExpired(_logger, account.RoleArn);
            _sessions.Invalidate(account.RoleArn);
            try
            {
                var renewed = await _sessions.ForAccountAsync(account, cancellationToken).ConfigureAwait(false);
                read = await ReadRegionAsync(policy, renewed, region, now, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCloudError(ex, cancellationToken))
            {
                read = read with { Problem = $"{region}: renewing the expired session failed: {Describe(ex)}" };
            }
        }

        if ((read.Problem ?? read.MetricsProblem) is { } problem)
        {
            AwsLog.RegionFailed(_logger, account.Id, region, problem);
        }

        return read;
    }

    private async Task<RegionRead> ReadRegionAsync(Policy policy, AWSCredentials credentials, string region, DateTimeOffset now, CancellationToken cancellationToken)
    {
        IReadOnlyList<Ec2Instance> instances;
        try
        {
            using var ec2 = _clients.Ec2(credentials, region);
            instances = await Ec2Inventory.ListGpuInstancesAsync(ec2, policy.Gpu, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsCloudError(ex, cancellationToken))
        {
            return new RegionRead(region, [], new Dictionary<string, IReadOnlyList<UtilizationSample>>(), [], $"{region}: EC2 DescribeInstances failed: {Describe(ex)}");
        }

        var active = instances.Where(i => i.State is "running" or "pending").ToList();
        if (policy.Idle is null || active.Count == 0)
        {
            return new RegionRead(region, instances, new Dictionary<string, IReadOnlyList<UtilizationSample>>(), [], null);
        }

        try
        {
            var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            var window = UtilizationWindow.For(now, policy.Idle.Window);
            var (samples, notes) = await _utilization.ReadAsync(region, immutable, active, policy, window, cancellationToken).ConfigureAwait(false);
            return new RegionRead(region, instances, samples, notes, null);
        }
        catch (Exception ex) when (IsCloudError(ex, cancellationToken))
        {
            // An outage is not missing data: without this gap every instance would look idle (fail closed). The
            // inventory stands, so orphan and burn decisions go on; idle stops of these instances are held.
            return new RegionRead(
                region, instances, new Dictionary<string, IReadOnlyList<UtilizationSample>>(), [], null,
                $"{region}: CloudWatch GetMetricData failed: {Describe(ex)}", active.Select(i => i.Id).ToList());
        }
    }

    private static bool IsCloudError(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static string Describe(Exception ex)
    {
        var code = ex switch
        {
            AmazonServiceException s => s.ErrorCode,
            AwsApiException a => a.Code,
            _ => null,
        };
        var expired = code is not null && ExpiredCodes.Contains(code) ? " (expired session)" : string.Empty;
        return ex switch
        {
            AmazonServiceException s => $"{s.ErrorCode} (HTTP {(int)s.StatusCode}): {s.Message}{expired}",
            _ => $"{ex.Message}{expired}",
        };
    }
}
