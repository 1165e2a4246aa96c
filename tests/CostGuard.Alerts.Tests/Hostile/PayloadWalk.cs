using System.Text.Json.Nodes;

namespace CostGuard.Alerts.Tests.Hostile;

/// <summary>Every string a payload carries, wherever it sits, so a test can check all of them at once.</summary>
internal static class PayloadWalk
{
    public static IEnumerable<(string Path, string Text)> Strings(JsonNode? node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    foreach (var found in Strings(value, $"{path}/{key}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in Strings(array[i], $"{path}/{i}"))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }

    /// <summary>Slack's documented Block Kit limits, and the ~13,000-character total past which it answers msg_blocks_too_long.</summary>
    public static void AssertWithinSlackLimits(JsonObject body)
    {
        Assert.True(body["text"]!.GetValue<string>().Length <= 40_000);
        var blocks = body["blocks"]!.AsArray();
        Assert.InRange(blocks.Count, 1, 50);
        Assert.True(blocks.ToJsonString().Length <= 13_000, $"blocks hold {blocks.ToJsonString().Length} characters");
        foreach (var block in blocks.Select(b => b!))
        {
            switch (block["type"]!.GetValue<string>())
            {
                case "header":
                    Assert.True(block["text"]!["text"]!.GetValue<string>().Length <= 150);
                    break;
                case "section":
                    if (block["text"] is { } text)
                    {
                        Assert.True(text["text"]!.GetValue<string>().Length <= 3000);
                    }

                    if (block["fields"] is JsonArray fields)
                    {
                        Assert.True(fields.Count <= 10);
                        Assert.All(fields, f => Assert.True(f!["text"]!.GetValue<string>().Length <= 2000));
                    }

                    break;
                case "context":
                    var elements = block["elements"]!.AsArray();
                    Assert.True(elements.Count <= 10);
                    Assert.All(elements, e => Assert.True(e!["text"]!.GetValue<string>().Length <= 3000));
                    break;
                case "actions":
                    Assert.All(block["elements"]!.AsArray(), e => Assert.True(e!["url"]!.GetValue<string>().Length <= 3000));
                    break;
            }
        }
    }
}
