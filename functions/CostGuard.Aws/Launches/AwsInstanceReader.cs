using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using CostGuard.Aws.Credentials;
using CostGuard.Aws.Endpoints;
using CostGuard.Aws.Inventory;
using CostGuard.Aws.Pricing;
using CostGuard.Engine;
using CostGuard.Fleet;
using CostGuard.Policies;
using CostGuard.Ports;
using InstanceState = CostGuard.Fleet.InstanceState;

namespace CostGuard.Aws.Launches;

/// <summary>
/// The launch path's AWS view: one DescribeInstances for the launched instance (state, type, tags, launch time,
/// priced from the shipped table) and one StopInstances or CreateTags call per action.
/// </summary>
public sealed class AwsInstanceReader : IInstanceReader
{
    private static readonly HttpMessageHandler SharedHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    private readonly AwsClients _clients;
    private readonly AwsSessions _sessions;
    private readonly AwsPriceTable _prices;

    public AwsInstanceReader(AwsProviderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _clients = new AwsClients(new AwsEndpoints(settings.GetVariable), settings.Handler ?? SharedHandler, settings.Requests, settings.MaxErrorRetry);
        var baseCredentials = new Lazy<AWSCredentials>(settings.Credentials ?? (() => DefaultAWSCredentialsIdentityResolver.GetCredentials()), LazyThreadSafetyMode.PublicationOnly);
        _sessions = new AwsSessions(baseCredentials, _clients, settings.Time);
        _prices = AwsPriceTable.LoadShipped();
    }

    public CloudKind Cloud => CloudKind.Aws;

    public async Task<InstanceReadResult> ReadInstanceAsync(Policy policy, AccountScope account, string region, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(account);
        try
        {
            var credentials = await _sessions.ForAccountAsync(account, cancellationToken).ConfigureAwait(false);
            using var ec2 = _clients.Ec2(credentials, region);

            // The instance-id filter, not InstanceIds: an id EC2 does not know yet is "not found", not an error.
            var response = await ec2.DescribeInstancesAsync(
                new DescribeInstancesRequest { Filters = [new Filter("instance-id", [instanceId])] }, cancellationToken).ConfigureAwait(false);
            var raw = (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == instanceId);
            if (raw?.InstanceType is null)
            {
                return InstanceReadResult.NotFound();
            }

            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in raw.Tags ?? [])
            {
                if (tag.Key is not null)
                {
                    tags[tag.Key] = tag.Value ?? string.Empty;
                }
            }

            var type = raw.InstanceType.Value;
            return InstanceReadResult.Found(new InstanceSnapshot
            {
                Cloud = CloudKind.Aws,
                Account = account.Id,
                Region = region,
                Id = instanceId,
                Type = type,
                State = State(raw.State?.Name?.Value),
                LaunchTime = raw.LaunchTime is { } t ? new DateTimeOffset(t.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch,
                Tags = tags,
                UsdPerHour = _prices.Lookup(region, type, policy.Pricing) ?? 0m,
                Spot = raw.InstanceLifecycle?.Value == "spot",
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return InstanceReadResult.Failed($"EC2 DescribeInstances {instanceId} in {region}: {Describe(ex)}");
        }
    }

    public async Task<ActionOutcome> ApplyAsync(Policy policy, AccountScope account, PlannedAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        var operation = action.Action switch
        {
            ActionKind.Stop => "StopInstances",
            ActionKind.Tag => "CreateTags",
            _ => null,
        };
        if (operation is null || (action.Action == ActionKind.Tag && action.TagKey is null))
        {
            return new ActionOutcome(action, ActionStatus.Skipped, $"the launch path applies only stops and tags, not {action.Action}");
        }

        try
        {
            var credentials = await _sessions.ForAccountAsync(account, cancellationToken).ConfigureAwait(false);
            using var ec2 = _clients.Ec2(credentials, action.Instance.Region);
            if (action.Action == ActionKind.Stop)
            {
                await ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [action.Instance.Id] }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ec2.CreateTagsAsync(
                    new CreateTagsRequest { Resources = [action.Instance.Id], Tags = [new Tag(action.TagKey, action.TagValue ?? string.Empty)] },
                    cancellationToken).ConfigureAwait(false);
            }

            return new ActionOutcome(action, ActionStatus.Applied);
        }
        catch (AmazonServiceException ex)
        {
            var status = ex.ErrorCode switch
            {
                "UnauthorizedOperation" or "AccessDenied" or "AuthFailure" => ActionStatus.Denied,
                "InvalidInstanceID.NotFound" => ActionStatus.NotFound,
                _ => ActionStatus.Failed,
            };
            return new ActionOutcome(action, status, $"{operation}: {ex.ErrorCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ActionOutcome(action, ActionStatus.Failed, $"{operation}: {Describe(ex)}");
        }
    }

    private static InstanceState State(string? name) => name switch
    {
        "pending" => InstanceState.Pending,
        "running" => InstanceState.Running,
        "stopping" => InstanceState.Stopping,
        "stopped" => InstanceState.Stopped,
        _ => InstanceState.Terminated,
    };

    private static string Describe(Exception ex) => ex is AmazonServiceException s
        ? $"{s.ErrorCode} (HTTP {(int)s.StatusCode}): {s.Message}"
        : ex.Message;
}
