using CostGuard.Infra.Support;
using YamlDotNet.RepresentationModel;

namespace CostGuard.Infra.Workflows;

/// <summary>A GitHub Actions workflow file parsed as YAML, with helpers to walk its mappings.</summary>
internal sealed class Workflow
{
    private Workflow(string text, YamlMappingNode root)
    {
        Text = text;
        Root = root;
    }

    public string Text { get; }

    public YamlMappingNode Root { get; }

    public static Workflow Load(string name)
    {
        var text = File.ReadAllText(Repository.Path_(".github", "workflows", name));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new Workflow(text, (YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public YamlMappingNode Jobs => Map(Root, "jobs");

    public static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node).Children[new YamlScalarNode(key)];

    public static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static IEnumerable<YamlMappingNode> Steps(YamlMappingNode job) =>
        ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>();
}
