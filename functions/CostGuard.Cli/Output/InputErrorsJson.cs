using System.Text;
using System.Text.Json;

namespace CostGuard.Cli.Output;

/// <summary>
/// Validation results as one JSON document: <c>{"valid", "files":[{"file","valid","errors":[...]}], "errors":[...]}</c>
/// (the flat <c>errors</c> list repeats every file's errors for simple consumers).
/// </summary>
internal static class InputErrorsJson
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<(string File, IReadOnlyList<InputError> Errors)> files, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("valid", files.All(f => f.Errors.Count == 0));
            json.WriteStartArray("files");
            foreach (var (file, errors) in files)
            {
                json.WriteStartObject();
                json.WriteString("file", file);
                json.WriteBoolean("valid", errors.Count == 0);
                WriteErrors(json, errors);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteErrors(json, files.SelectMany(f => f.Errors).ToList());
            json.WriteEndObject();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static void WriteErrors(Utf8JsonWriter json, IReadOnlyList<InputError> errors)
    {
        json.WriteStartArray("errors");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("file", error.File);
            json.WriteString("path", error.Path);
            json.WriteNumber("line", error.Line);
            json.WriteNumber("column", error.Column);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
