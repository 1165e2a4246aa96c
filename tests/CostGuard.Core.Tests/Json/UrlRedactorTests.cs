namespace CostGuard.Json;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("AWS_ENDPOINT_URL_EC2: 'ftp://user:pass@ec2.example/' is bad", "AWS_ENDPOINT_URL_EC2: 'ftp://[redacted]@ec2.example/' is bad")]
    [InlineData("https://user:p@ss@host:8443/path?q=1", "https://[redacted]@host:8443/path?q=1")]
    [InlineData("two: http://a:b@one.example and HTTPS://c@two.example/x", "two: http://[redacted]@one.example and HTTPS://[redacted]@two.example/x")]
    [InlineData("svn+ssh://token@repo.example/trunk", "svn+ssh://[redacted]@repo.example/trunk")]
    public void RedactUserInfo_UrlWithCredentials_MasksOnlyTheUserInfo(string text, string expected) =>
        Assert.Equal(expected, UrlRedactor.RedactUserInfo(text));

    [Theory]
    [InlineData("https://management.azure.com/subscriptions/x?api-version=2023-07-01")]
    [InlineData("owner alice@example.com asked for it")]
    [InlineData("https://host.example/path/user@domain")]
    [InlineData("")]
    public void RedactUserInfo_NoUserInfo_LeavesTextAlone(string text) => Assert.Equal(text, UrlRedactor.RedactUserInfo(text));
}
