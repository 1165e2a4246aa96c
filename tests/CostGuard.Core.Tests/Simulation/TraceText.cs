using System.Globalization;
using System.Text;

namespace CostGuard.Simulation;

/// <summary>Builds small fleet traces for tests, row by row, in the v1 column order.</summary>
internal sealed class TraceText
{
    public const string Header = "time,cloud,account,region,instance,type,state,usd_per_hour,gpu_util,cpu_util,tags";
    private readonly StringBuilder _text = new(Header + "\n");

    public TraceText Row(string time, string instance, string state = "running", decimal price = 10m, string gpu = "50", string tags = "owner=alice;cost-center=ml", string account = "111122223333", string type = "g5.xlarge", string cloud = "aws")
    {
        _text.Append(CultureInfo.InvariantCulture, $"{time},{cloud},{account},us-east-1,{instance},{type},{state},{price},{gpu},10,{tags}\n");
        return this;
    }

    /// <summary>One row every <paramref name="stepMinutes"/> from <paramref name="from"/> until before <paramref name="to"/>; gpu chosen per time.</summary>
    public TraceText Series(string from, string to, string instance, Func<DateTimeOffset, string> gpu, int stepMinutes = 5, decimal price = 10m, string tags = "owner=alice;cost-center=ml", string account = "111122223333", string type = "g5.xlarge")
    {
        var end = DateTimeOffset.Parse(to, CultureInfo.InvariantCulture);
        for (var t = DateTimeOffset.Parse(from, CultureInfo.InvariantCulture); t < end; t = t.AddMinutes(stepMinutes))
        {
            Row(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), instance, "running", price, gpu(t), tags, account, type);
        }

        return this;
    }

    public TraceText Raw(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    public Func<Stream> Open() => () => new MemoryStream(Encoding.UTF8.GetBytes(_text.ToString()));

    public static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
