using CostGuard.Alerts.Delivery;

namespace CostGuard.Alerts.Tests.Delivery;

public sealed class SecretRedactorTests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private const string TeamsUrl = "https://prod-12.westeurope.logic.azure.com:443/workflows/6a0c1b2d3e4f/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf0123456789SecretSig";

    [Theory]
    [InlineData("POST " + SlackUrl + " failed")]
    [InlineData("path /services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("token XXXXXXXXXXXXXXXXXXXXXXXX leaked")]
    [InlineData("escaped https%3A%2F%2Fhooks.slack.com%2Fservices%2FT00000000%2FB00000000%2FXXXXXXXXXXXXXXXXXXXXXXXX")]
    public void Redact_SlackUrlInAnyForm_TokenGone(string text)
    {
        var redacted = new SecretRedactor(SlackUrl).Redact(text);

        Assert.DoesNotContain("XXXXXXXXXXXXXXXXXXXXXXXX", redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failed for " + TeamsUrl)]
    [InlineData("sig=AbCdEf0123456789SecretSig")]
    [InlineData("https://prod-12.westeurope.logic.azure.com/workflows/6a0c1b2d3e4f/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf0123456789SecretSig")]
    public void Redact_WorkflowsUrl_SignatureAndFlowIdGone(string text)
    {
        var redacted = new SecretRedactor(TeamsUrl).Redact(text);

        Assert.DoesNotContain("AbCdEf0123456789SecretSig", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("6a0c1b2d3e4f", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_TextWithoutSecret_Unchanged()
    {
        Assert.Equal("HTTP 503 rollup_error", new SecretRedactor(SlackUrl).Redact("HTTP 503 rollup_error"));
    }

    [Fact]
    public void Redact_UnparsableSetting_WholeValueGone()
    {
        const string raw = "not a url but-secret-anyway";

        Assert.Equal($"value {SecretRedactor.Mask}", new SecretRedactor(raw).Redact($"value {raw}"));
    }
}
